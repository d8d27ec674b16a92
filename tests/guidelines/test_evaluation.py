"""The development set as a floor: the rule engine's own labels are found, compliant messages
get no error, and error findings fall in categories the labels support."""

from pathlib import Path

import pytest

from guidelines.evaluation import COLLEAGUE_LABELS, categories_for, evaluate, load_cases

# The team's shared copy when present (it may have been updated), else the copy in the repo.
DEV_SET = Path("/work/shared/eval/dev.jsonl")
REPO_COPY = Path(__file__).parent / "data" / "dev.jsonl"


@pytest.fixture(scope="module")
def evaluation():
    path = DEV_SET if DEV_SET.exists() else REPO_COPY
    if not path.exists():
        pytest.skip("the labelled development set is not available")
    # Spelling backends belong to another part of the engine and are slow; they do not change
    # the figures for the rule engine's own categories.
    return evaluate(load_cases(path), spelling=False)


def test_engine_finds_at_least_95_percent_of_its_labelled_violations(evaluation) -> None:
    owned = evaluation.owned_labels()
    assert evaluation.recall(owned) >= 0.95, dict(evaluation.missed)


@pytest.mark.parametrize(
    "label",
    [
        "incentive",
        "conditional_review",
        "review_removal",
        "promotion",
        "contact_info",
        "external_link",
        "image",
        "formatting",
        "missing_order_id",
        "cancellation_request",
        "opt_out_link",
    ],
)
def test_each_high_risk_label_is_found_on_every_dev_case(evaluation, label: str) -> None:
    assert evaluation.found[label] == evaluation.total[label], evaluation.missed.get(label)


def test_compliant_messages_get_no_error(evaluation) -> None:
    assert evaluation.false_errors == [], [(c, f.rule, f.message) for c, f in evaluation.false_errors]


def test_at_least_90_percent_of_errors_are_in_a_supported_category(evaluation) -> None:
    assert evaluation.precision >= 0.90, [(c, f.rule) for c, f in evaluation.unsupported]


def test_label_mapping_follows_the_readme() -> None:
    assert categories_for(["http_link"]) == {"insecure_url", "link"}
    assert categories_for(["review_instructions"]) == {"review_instructions", "review_manipulation"}
    assert categories_for(["promotion"]) == {"promotion"}
    assert "spelling" in COLLEAGUE_LABELS
