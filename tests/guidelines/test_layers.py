"""The engine's layers (../shared/design/engine.md) read downwards only: the reading of a message
never depends on the rules that read it, so a rule can change without changing what a message is."""

import ast
from pathlib import Path

import guidelines

ENGINE = Path(guidelines.__file__).parent
# Modules that load the rules on purpose: the registry, and what runs or lists them.
RUNS_RULES = {"registry.py"}


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            found.add("." * node.level + (node.module or ""))
            found.update("." * node.level + alias.name for alias in node.names if not node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_the_reading_of_a_message_imports_no_rule() -> None:
    readers = [p for p in ENGINE.rglob("*.py") if "rules" not in p.relative_to(ENGINE).parts]
    offenders = {
        str(path.relative_to(ENGINE)): sorted(i for i in _imports(path) if "rules" in i.split("."))
        for path in readers
        if path.name not in RUNS_RULES
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_the_test_sees_an_import_of_the_rules(tmp_path: Path) -> None:
    module = tmp_path / "message.py"
    module.write_text("from .rules._scope import negated\n", encoding="utf-8")
    assert ".rules._scope" in _imports(module)


def test_a_message_without_review_promotion_or_channel_words_reads_no_lemmas_of_the_whole_text() -> None:
    # The concept layer costs about as much as the rest of a check: a delay notice that thanks
    # the buyer and offers a refund reads at most the sentences that offer something.
    import guidelines.message as message_module
    from guidelines.bench import sample_text
    from guidelines.engine import check

    read: list[int] = []
    original = message_module.Message._read_concepts

    def counting(self, indices):
        read.append(len(indices))
        return original(self, indices)

    message_module.Message._read_concepts = counting
    try:
        text = sample_text(2_000)
        check(text, message_type="unexpected_problem", buyer_locale="en-US")
    finally:
        message_module.Message._read_concepts = original
    offering = sum("refund" in sentence for sentence in text.split("."))
    assert sum(read) <= offering
