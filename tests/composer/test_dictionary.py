"""The team dictionary: "Add to dictionary" on spelling findings, and the page that manages it."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

import guidelines.spelling
from composer import checking
from composer.models import DictionaryWord, Draft
from tests.conftest import ORDER_ID, make_draft

pytestmark = pytest.mark.django_db

TYPO_TEXT = (
    f"Hello Laura,\n\nYour glimmerwick oven for order {ORDER_ID} ships tomorrow.\n\nKind regards,\nAcme Home"
)


@pytest.fixture
def draft(seller, order) -> Draft:
    return make_draft(seller, order, TYPO_TEXT)


def _live_check(client, draft: Draft) -> str:
    response = client.post(reverse("draft_check", args=[draft.pk]), {"body": TYPO_TEXT, "subject": ""})
    assert response.status_code == 200
    return response.content.decode()


def test_spelling_finding_offers_add_to_dictionary_and_names_the_backend(client, seller, draft) -> None:
    client.force_login(seller)
    html = _live_check(client, draft)
    assert 'data-category="spelling"' in html
    assert reverse("dictionary_add", args=[draft.pk]) in html and 'value="glimmerwick"' in html
    assert (
        "Spelling and grammar checked with: Hunspell dictionaries, offline grammar rules, Harper (English grammar)."
        in html
    )


def test_added_word_is_no_longer_flagged_for_the_team(client, seller, draft) -> None:
    client.force_login(seller)
    response = client.post(reverse("dictionary_add", args=[draft.pk]), {"word": "Glimmerwick"})
    assert response.status_code == 302 and response.url == reverse("draft", args=[draft.pk])
    entry = DictionaryWord.objects.get()
    assert (entry.team, entry.word, entry.added_by) == (seller.team, "Glimmerwick", seller)
    assert 'data-category="spelling"' not in _live_check(client, draft)


def test_adding_from_the_editor_answers_json_for_the_script(client, seller, draft) -> None:
    client.force_login(seller)
    url = reverse("dictionary_add", args=[draft.pk])
    first = client.post(url, {"word": "Glimmerwick"}, HTTP_ACCEPT="application/json")
    again = client.post(url, {"word": "glimmerwick"}, HTTP_ACCEPT="application/json")
    assert first.json()["created"] is True and again.json()["created"] is False
    assert DictionaryWord.objects.count() == 1


def test_a_phrase_is_not_a_word(client, seller, draft) -> None:
    client.force_login(seller)
    url = reverse("dictionary_add", args=[draft.pk])
    response = client.post(url, {"word": "two words"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400 and "word" in response.json()["errors"]
    assert not DictionaryWord.objects.exists()


def test_someone_elses_draft_gives_404(client, other_lead, draft) -> None:
    client.force_login(other_lead)
    response = client.post(reverse("dictionary_add", args=[draft.pk]), {"word": "Glimmerwick"})
    assert response.status_code == 404 and not DictionaryWord.objects.exists()


def test_adding_needs_a_post(client, seller, draft) -> None:
    client.force_login(seller)
    assert client.get(reverse("dictionary_add", args=[draft.pk])).status_code == 405


def test_another_teams_words_do_not_count(client, seller, other_lead, draft) -> None:
    DictionaryWord.objects.add(team=other_lead.team, word="Glimmerwick", by=other_lead)
    client.force_login(seller)
    assert 'data-category="spelling"' in _live_check(client, draft)


def test_lead_manages_the_team_dictionary(client, lead, other_lead) -> None:
    DictionaryWord.objects.add(team=other_lead.team, word="Globexword", by=other_lead)
    client.force_login(lead)
    response = client.post(reverse("dictionary"), {"team": lead.team.pk, "word": "Zestora"})
    assert response.status_code == 302
    page = client.get(reverse("dictionary")).content.decode()
    assert "Zestora" in page and "Globexword" not in page
    word = DictionaryWord.objects.get(word="Zestora")
    assert client.post(reverse("dictionary_delete", args=[word.pk])).status_code == 302
    assert not DictionaryWord.objects.filter(word="Zestora").exists()


def test_lead_cannot_add_to_or_remove_from_another_team(client, lead, other_lead) -> None:
    theirs, _ = DictionaryWord.objects.add(team=other_lead.team, word="Globexword", by=other_lead)
    client.force_login(lead)
    response = client.post(reverse("dictionary"), {"team": other_lead.team.pk, "word": "Zestora"})
    assert response.status_code == 400 and not DictionaryWord.objects.filter(word="Zestora").exists()
    assert client.post(reverse("dictionary_delete", args=[theirs.pk])).status_code == 404


def test_admin_sees_and_manages_every_team(client, admin_user, other_lead) -> None:
    DictionaryWord.objects.add(team=other_lead.team, word="Globexword", by=other_lead)
    client.force_login(admin_user)
    assert "Globexword" in client.get(reverse("dictionary")).content.decode()
    response = client.post(reverse("dictionary"), {"team": other_lead.team.pk, "word": "Zestora"})
    assert response.status_code == 302
    assert DictionaryWord.objects.get(word="Zestora").team == other_lead.team


def test_seller_cannot_open_the_dictionary_page(client, seller) -> None:
    client.force_login(seller)
    assert client.get(reverse("dictionary")).status_code == 403


def test_invalid_word_re_renders_the_page_with_errors(client, lead) -> None:
    client.force_login(lead)
    response = client.post(reverse("dictionary"), {"team": lead.team.pk, "word": "not one"})
    assert response.status_code == 400 and "single word" in response.content.decode()


@override_settings(LANGUAGETOOL_URL="http://127.0.0.1:9", LANGUAGETOOL_TIMEOUT=0.5)
def test_settings_pass_the_languagetool_url_to_the_engine() -> None:
    try:
        checking.configure_backends()
        config = guidelines.spelling.settings()
        assert (config.languagetool_url, config.languagetool_timeout) == ("http://127.0.0.1:9", 0.5)
    finally:
        guidelines.spelling.configure(languagetool_url=None, languagetool_timeout=3.0)
