"""The interface speaks English or Chinese; the buyer's message never changes with it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

import guidelines
from composer import guideline_text
from composer.models import Draft, User
from tests.conftest import ORDER_ID, make_draft

pytestmark = pytest.mark.django_db

CHINESE = "zh-hans"
EMOJI_TEXT = f"Hello Laura, your order {ORDER_ID} ships on Monday. Kind regards, Acme Home 🎉"


def _switch(client, language: str, next_url: str = "/drafts/"):
    return client.post(reverse("set_language"), {"language": language, "next": next_url})


def _page(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def _language_select(page: BeautifulSoup):
    select = page.find("select", attrs={"name": "language"})
    label = page.find("label", attrs={"for": select["id"]})
    return label.get_text(strip=True), select


def test_header_offers_english_and_chinese_in_a_select_named_language(client) -> None:
    label, select = _language_select(_page(client.get(reverse("login"))))
    assert label == "Language"
    assert [o["value"] for o in select.find_all("option")] == ["en", CHINESE]
    form = select.find_parent("form")
    assert form["action"] == reverse("set_language") and form["method"] == "post"
    assert form.find("button", attrs={"type": "submit"}) is not None  # works without JavaScript


def test_language_select_is_named_in_chinese_in_the_chinese_interface(client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = CHINESE
    page = _page(client.get(reverse("login")))
    label, select = _language_select(page)
    assert label == "语言"
    assert select.find("option", selected=True)["value"] == CHINESE
    assert page.html["lang"] == CHINESE


def test_first_visit_follows_the_browsers_accept_language(client) -> None:
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9,en;q=0.5")
    page = _page(response)
    assert page.html["lang"] == CHINESE
    assert page.find("h1").get_text() == "登录"


def test_first_visit_in_an_unsupported_language_falls_back_to_english(client) -> None:
    page = _page(client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9"))
    assert page.html["lang"] == "en"


def test_switching_language_is_remembered_for_the_seller(client, seller) -> None:
    client.force_login(seller)
    response = _switch(client, CHINESE)
    assert response.status_code == 302 and response.url == "/drafts/"
    seller.refresh_from_db()
    assert seller.interface_language == CHINESE
    assert _page(client.get(reverse("drafts"))).html["lang"] == CHINESE


def test_the_remembered_language_applies_at_the_next_log_in_in_another_browser(client, seller) -> None:
    seller.remember_interface_language(CHINESE)
    client.post(reverse("login"), {"username": seller.username, "password": "pw-alice"})
    response = client.get(reverse("drafts"))
    assert _page(response).html["lang"] == CHINESE
    # The cookie follows, so the log-in page after a log-out stays in Chinese too.
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == CHINESE


def test_the_remembered_language_wins_over_the_browsers_accept_language(client, seller) -> None:
    seller.remember_interface_language("en")
    client.force_login(seller)
    response = client.get(reverse("drafts"), HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert _page(response).html["lang"] == "en"


def test_a_language_picked_on_the_log_in_page_becomes_the_sellers(client, seller) -> None:
    seller.remember_interface_language("en")
    _switch(client, CHINESE, next_url=reverse("login"))
    client.post(reverse("login"), {"username": seller.username, "password": "pw-alice"})
    seller.refresh_from_db()
    assert seller.interface_language == CHINESE


def test_an_anonymous_switch_changes_only_the_cookie(client, seller) -> None:
    response = _switch(client, CHINESE, next_url=reverse("login"))
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == CHINESE
    assert User.objects.filter(interface_language=CHINESE).count() == 0


def test_an_unknown_language_is_ignored(client, seller) -> None:
    client.force_login(seller)
    response = _switch(client, "xx")
    assert response.status_code == 302
    seller.refresh_from_db()
    assert seller.interface_language == ""
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_an_unsafe_next_address_is_not_followed(client, seller) -> None:
    client.force_login(seller)
    response = _switch(client, CHINESE, next_url="https://evil.example.com/")
    assert "evil.example.com" not in response.get("Location", "")


def test_the_interface_language_never_changes_the_draft_or_its_checks(
    client, seller, order, templates
) -> None:
    client.force_login(seller)
    payload = {"message_type": "order_question", "order_id": ORDER_ID, "buyer_locale": ""}
    client.post(reverse("new_message"), payload)
    _switch(client, CHINESE)
    client.post(reverse("new_message"), payload)
    english, chinese = Draft.objects.order_by("pk")
    assert chinese.body == english.body and chinese.subject == english.subject
    assert chinese.buyer_locale == english.buyer_locale == "en-US"
    assert chinese.template_version == english.template_version
    assert chinese.findings == english.findings  # stored in the engine's own words
    assert not any("\u4e00" <= c <= "\u9fff" for c in chinese.body)


def test_live_check_answers_in_chinese_with_the_same_findings(client, seller, order) -> None:
    draft = make_draft(seller, order)
    client.force_login(seller)
    url = reverse("draft_check", args=[draft.pk])
    english = _page(client.post(url, {"body": EMOJI_TEXT, "subject": ""}))
    _switch(client, CHINESE)
    chinese = _page(client.post(url, {"body": EMOJI_TEXT, "subject": ""}))

    def rules(page: BeautifulSoup) -> list[tuple[str, str, str]]:
        return [(li["data-rule"], li["data-start"], li["data-end"]) for li in page.select("li.finding")]

    assert rules(chinese) == rules(english) != []
    emoji = chinese.select_one('li[data-category="emoji"]')
    assert emoji.select_one(".message").get_text() == "买家与卖家消息中不允许使用表情符号。"
    assert emoji.select_one(".suggestion").get_text() == "删除表情符号。"
    assert chinese.find("h2").get_text() == "检查结果"


def test_a_computed_message_is_translated_by_its_id_with_its_values() -> None:
    report = guidelines.check(
        f"Order {ORDER_ID}: the manual is on example-petshop.com for you.",
        message_type="order_question",
        buyer_locale="en-US",
        order_id=ORDER_ID,
    )
    link = next(f for f in report.findings if f.category == "link" and "example-petshop.com" in f.message)
    with translation.override(CHINESE):
        translated = guideline_text.finding_text(link.to_dict(), "message")
    assert translated.startswith("链接到 example-petshop.com：")


def test_values_that_are_texts_themselves_are_translated_too() -> None:
    report = guidelines.check(
        f"Vielen Dank für Ihre Bestellung {ORDER_ID}. Das Paket kommt am Montag bei Ihnen an, "
        "bitte geben Sie uns Bescheid, falls etwas fehlt.",
        message_type="delivery",
        buyer_locale="en-US",
        order_id=ORDER_ID,
    )
    language = next(f for f in report.findings if f.category == "language")
    with translation.override(CHINESE):
        translated = guideline_text.finding_text(language.to_dict(), "message")
    assert "德语" in translated and "英语" in translated and "en-US" in translated


def test_a_stored_finding_is_rendered_from_its_message_id_and_plural() -> None:
    report = guidelines.check(
        f"Order {ORDER_ID}: we would appreciate your honest review.",
        message_type="review_request",
        buyer_locale="en-US",
        order_id=ORDER_ID,
        context={"review_requests_sent": 2},
    )
    stored = next(f for f in report.findings if f.rule == "V109").to_dict()
    assert stored["message"].startswith("2 review requests already sent")
    with translation.override(CHINESE):
        assert guideline_text.finding_text(stored, "message").startswith("此订单已发送 2 次索评")
    with translation.override("en"):
        assert guideline_text.finding_text(stored, "message") == stored["message"]


def test_a_backends_own_words_follow_the_rules_translated_message() -> None:
    finding = {"message": "Possible typo: “thta” could be “that”.", "message_text": None, "rule": "W501"}
    with translation.override(CHINESE):
        shown = guideline_text.finding_text(finding, "message")
        rule_message = guideline_text.render(guidelines.get_rule("W501").message)
    assert shown.startswith(rule_message) and finding["message"] in shown and rule_message != "This word"
    with translation.override("en"):
        assert guideline_text.finding_text(finding, "message") == finding["message"]


def test_a_spelling_backends_notice_is_translated_by_its_id() -> None:
    from guidelines.i18n import _
    from guidelines.spelling.issues import BackendUnavailable

    notice = BackendUnavailable(
        _("LanguageTool is not reachable ({error}); the offline check was used.", error="Timeout")
    ).notice
    finding = {"message": str(notice), "message_text": notice.to_dict(), "rule": "W501"}
    with translation.override(CHINESE):
        shown = guideline_text.finding_text(finding, "message")
    assert "Timeout" in shown and shown != finding["message"]


def test_english_interface_shows_the_engines_words_unchanged() -> None:
    rule = guidelines.all_rules()[0]
    with translation.override("en"):
        assert guideline_text.render(rule.message) == rule.message
        assert guideline_text.render(rule.docs.why) == rule.docs.why


def test_rules_page_in_chinese_translates_docs_and_keeps_examples_as_written(client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = CHINESE
    page = _page(client.get(reverse("rules")))
    rule = next(r for r in guidelines.all_rules() if r.category == "contact_info")
    section = page.find("div", id=rule.name)
    with translation.override(CHINESE):
        what = guideline_text.render(rule.docs.what)
    assert what != rule.docs.what and what in section.get_text()
    assert section.find("pre").get_text() in [e.text for e in rule.flags]  # a message to a buyer, as written
    assert "联系方式" in section.get_text()  # the category's Chinese name
    # An example taken from the docs is a description: its meaning is shown in Chinese too.
    long_example = page.find("div", id=guidelines.get_rule("A701").name)
    assert long_example.select_one(".rule-gloss") is not None


def test_new_message_form_lists_message_types_in_chinese(client, seller, order) -> None:
    client.force_login(seller)
    _switch(client, CHINESE)
    page = _page(client.get(reverse("new_message")))
    options = {o["value"]: o.get_text() for o in page.select("#id_message_type option")}
    assert options["order_question"] == "订单问题" and options["review_request"] == "索评"


def test_dates_use_the_chinese_format(client, seller, order) -> None:
    draft = make_draft(seller, order)
    client.force_login(seller)
    english = _page(client.get(reverse("drafts"))).get_text()
    _switch(client, CHINESE)
    chinese = _page(client.get(reverse("drafts"))).get_text()
    updated = timezone.localtime(draft.updated)
    assert f"{updated.year}年{updated.month}月{updated.day}日" in chinese
    assert "年" not in english


def test_validation_errors_are_in_chinese(client, seller, order) -> None:
    client.force_login(seller)
    _switch(client, CHINESE)
    response = client.post(reverse("new_message"), {"message_type": "order_question", "order_id": "12-3"})
    assert response.status_code == 400
    assert "亚马逊订单编号为 17 位数字" in response.content.decode()


def test_templates_name_date_formats_instead_of_spelling_them_out() -> None:
    # A spelled-out pattern ("j M Y") shows English month names in the Chinese interface.
    named = re.compile(r"""\|date:["'](?:[A-Z_]+_FORMAT|c|U)["']""")
    spelled = []
    for path in (Path(settings.BASE_DIR) / "templates").rglob("*.html"):
        for match in re.finditer(r"""\|date:["'][^"']*["']""", path.read_text(encoding="utf-8")):
            if not named.fullmatch(match.group(0)):
                spelled.append(f"{path.name}: {match.group(0)}")
    assert spelled == []
