"""The Guidelines page is a seller's guide: topics, Amazon's wording, examples, search, two languages."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse

import guidelines
from composer import guide
from guidelines.reference import reference
from tests.conftest import ORDER_ID, make_draft

pytestmark = pytest.mark.django_db


def _page(client, **params) -> BeautifulSoup:
    response = client.get(reverse("rules"), params)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_the_contents_list_every_topic_and_guideline_in_order(client) -> None:
    page = _page(client)
    contents = page.find("nav", attrs={"aria-labelledby": "guide-contents-h"})
    topics = [a["href"] for a in contents.select("ol > li > a")]
    expected = sorted(reference().topics.values(), key=lambda t: t.order)
    assert topics == [f"#topic-{t.key}" for t in expected]
    for link in contents.select("a"):
        assert page.find(id=link["href"][1:]) is not None, link["href"]


def test_every_rule_has_an_entry_by_name_under_the_guideline_it_enforces(client) -> None:
    page = _page(client)
    for rule in guidelines.all_rules():
        entry = page.find("div", id=rule.name)
        assert entry is not None, rule.id
        article = entry.find_parent("article")
        assert article["id"] == f"guideline-{rule.guidelines[0].key}"
        assert rule.id not in entry.get_text()  # sellers read names and words, not codes


def test_each_guideline_quotes_amazons_wording_and_names_where_amazon_says_it(client) -> None:
    page = _page(client)
    margins = page.find("article", id="guideline-margins")
    assert "“Message margins over 20% maximum width”" in margins.find("blockquote").get_text()
    # A close summary of Amazon's list is shown as one, without quotation marks.
    links = page.find("article", id="guideline-links")
    assert links.find("blockquote").get_text(" ", strip=True).startswith("In short: Links")
    caption = links.find("figcaption")
    assert "Amazon" in caption.get_text() and caption.find("a")["href"].startswith(
        "https://sellercentral.amazon.com/"
    )


def test_review_incentives_also_cite_the_us_and_uk_laws(client) -> None:
    text = _page(client).find("article", id="guideline-review-incentives").get_text(" ")
    assert "16 CFR Part 465" in text and "21 October 2024" in text
    assert "Digital Markets, Competition and Consumers Act 2024" in text and "6 April 2025" in text


def test_examples_are_the_rules_own_checked_examples(client) -> None:
    page = _page(client)
    rule = guidelines.get_rule("S401")
    entry = page.find("div", id=rule.name)
    bad, good = (e.find("pre").get_text() for e in entry.select(".rule-example"))
    assert bad in [e.text for e in rule.flags] and good in [e.text for e in rule.passes]
    assert "Not allowed" in entry.select_one(".rule-example-bad").get_text()
    assert "Allowed" in entry.select_one(".rule-example-good").get_text()


def test_an_example_too_long_to_read_is_shown_from_the_rules_docs() -> None:
    rule = guidelines.get_rule("A701")  # its checked example is 800 characters of "x "
    entry = next(r for t in guide.build_guide() for e in t.entries for r in e.rules if r.rule is rule)
    assert entry.not_allowed.from_docs and entry.not_allowed.text == rule.docs.example


def test_search_keeps_only_the_matching_guidelines(client) -> None:
    page = _page(client, q="emoji")
    ids = {a["id"] for a in page.select("article.guideline")}
    assert "guideline-emoji" in ids and "guideline-order-id" not in ids
    assert "match “emoji”" in page.find(role="status").get_text()


def test_search_needs_every_word(client) -> None:
    ids = {a["id"] for a in _page(client, q="review reward").select("article.guideline")}
    assert "guideline-review-incentives" in ids and "guideline-emoji" not in ids


def test_a_search_without_a_match_says_so(client) -> None:
    page = _page(client, q="zebra crossing")
    assert not page.select("article.guideline")
    assert "No guideline matches “zebra crossing”" in page.get_text()


def test_a_very_long_search_is_cut_to_its_limit(client) -> None:
    page = _page(client, q="emoji " * 200)
    assert len(page.find("input", id="guide-q")["value"]) <= guide.MAX_QUERY_CHARS


def test_the_guide_reads_in_chinese_and_searches_in_both_languages(client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    page = _page(client)
    assert page.find("h1").get_text() == "亚马逊的消息指南"
    assert page.find("article", id="guideline-emoji").find("h3").get_text() == "不得使用表情符号"
    assert "不允许" in page.find("div", id="emoji").get_text()
    assert {a["id"] for a in _page(client, q="表情符号").select("article.guideline")} >= {"guideline-emoji"}
    assert {a["id"] for a in _page(client, q="emoji").select("article.guideline")} >= {"guideline-emoji"}


def test_a_finding_links_to_its_entry_by_name(client, seller, order) -> None:
    draft = make_draft(seller, order)
    client.force_login(seller)
    fragment = client.post(
        reverse("draft_check", args=[draft.pk]), {"body": f"Order {ORDER_ID} ships Monday 🎉", "subject": ""}
    )
    link = BeautifulSoup(fragment.content.decode(), "html.parser").select_one(
        'li[data-rule="S401"] .rule-link'
    )
    assert link["href"] == reverse("rules") + "#emoji" and link.get_text() == "Guideline: No emoji"
    assert _page(client).find("div", id="emoji") is not None


def test_every_anchor_on_the_page_is_unique(client) -> None:
    ids = [tag["id"] for tag in _page(client).find_all(id=True)]
    assert len(ids) == len(set(ids))


def test_an_example_about_the_subject_shows_the_subject(client) -> None:
    entry = _page(client).find("div", id=guidelines.get_rule("U102").name)
    bad = entry.select_one(".rule-example-bad")
    assert "Subject:" in bad.get_text() and bad.find("code").get_text() != ""


def test_an_example_that_depends_on_the_orders_dates_is_described_from_the_docs() -> None:
    rule = guidelines.get_rule("T102")  # review window: the text alone cannot show the dates
    entry = next(r for t in guide.build_guide() for e in t.entries for r in e.rules if r.rule is rule)
    assert entry.not_allowed.from_docs and entry.not_allowed.text == rule.docs.example
