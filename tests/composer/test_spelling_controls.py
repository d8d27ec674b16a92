"""A seller's controls on a spelling finding: Ignore, my dictionary, team dictionary with undo."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from composer.models import MAX_IGNORED_WORDS, DictionaryWord, Draft, PersonalWord
from tests.conftest import ORDER_ID, make_draft

pytestmark = pytest.mark.django_db

TEXT = (
    f"Hello Laura,\n\nYour glimmerwick oven for order {ORDER_ID} ships tomorrow.\n\nKind regards,\nAcme Home"
)
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def draft(seller, order) -> Draft:
    return make_draft(seller, order, TEXT)


def _flags_the_word(client, draft: Draft) -> bool:
    response = client.post(reverse("draft_check", args=[draft.pk]), {"body": TEXT, "subject": ""})
    assert response.status_code == 200
    return 'data-category="spelling"' in response.content.decode()


def test_a_spelling_finding_offers_the_three_controls_and_their_keys(client, seller, draft) -> None:
    client.force_login(seller)
    html = client.get(reverse("draft", args=[draft.pk])).content.decode()
    for name in ("Ignore", "Add to my dictionary", "Add to team dictionary"):
        assert f">{name}</button>" in html
    assert 'aria-keyshortcuts="Alt+I"' in html and "Alt+Enter apply the first suggestion" in html


def test_spelling_findings_are_listed_compactly_below_the_guideline_findings(client, seller, draft) -> None:
    client.force_login(seller)
    html = client.get(reverse("draft", args=[draft.pk])).content.decode()
    assert "Spelling and grammar (1)" in html and "<details>" in html


def test_ignore_accepts_the_word_in_this_draft_only(client, seller, order, draft) -> None:
    client.force_login(seller)
    response = client.post(reverse("spelling_ignore", args=[draft.pk]), {"word": "glimmerwick"}, **JSON)
    assert response.status_code == 200 and response.json()["undo_url"] == reverse(
        "spelling_unignore", args=[draft.pk]
    )
    draft.refresh_from_db()
    assert draft.ignored_words == ["glimmerwick"] and draft.version == 1
    assert not _flags_the_word(client, draft)
    assert _flags_the_word(client, make_draft(seller, order, TEXT))
    assert not DictionaryWord.objects.exists() and not PersonalWord.objects.exists()


def test_ignore_can_be_undone(client, seller, draft) -> None:
    client.force_login(seller)
    client.post(reverse("spelling_ignore", args=[draft.pk]), {"word": "glimmerwick"})
    response = client.post(reverse("spelling_unignore", args=[draft.pk]), {"word": "Glimmerwick"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.ignored_words == [] and _flags_the_word(client, draft)


def test_a_draft_ignores_a_bounded_number_of_words(client, seller, draft) -> None:
    Draft.objects.filter(pk=draft.pk).update(ignored_words=[f"w{i}" for i in range(MAX_IGNORED_WORDS)])
    client.force_login(seller)
    response = client.post(reverse("spelling_ignore", args=[draft.pk]), {"word": "glimmerwick"}, **JSON)
    assert response.status_code == 400 and "too many" in response.json()["errors"]["word"][0]


def test_my_dictionary_serves_every_draft_of_the_seller_and_no_one_else(
    client, seller, other_seller, order, draft
) -> None:
    client.force_login(seller)
    response = client.post(
        reverse("personal_dictionary_add", args=[draft.pk]), {"word": "Glimmerwick"}, **JSON
    )
    assert response.status_code == 200 and response.json()["created"] is True
    assert list(PersonalWord.objects.values_list("user", "word")) == [(seller.pk, "Glimmerwick")]
    assert not _flags_the_word(client, make_draft(seller, order, TEXT))
    client.force_login(other_seller)
    assert _flags_the_word(client, make_draft(other_seller, order, TEXT))


def test_only_the_author_adds_to_their_own_dictionary_from_a_draft(client, lead, draft) -> None:
    client.force_login(lead)
    response = client.post(reverse("personal_dictionary_add", args=[draft.pk]), {"word": "Glimmerwick"})
    assert response.status_code == 403 and not PersonalWord.objects.exists()


def test_a_seller_can_undo_a_team_dictionary_addition(client, seller, draft) -> None:
    client.force_login(seller)
    added = client.post(reverse("dictionary_add", args=[draft.pk]), {"word": "Glimmerwick"}, **JSON).json()
    assert added["undo_url"] == reverse("dictionary_undo", args=[draft.pk])
    editor = client.get(reverse("draft", args=[draft.pk])).content.decode()
    assert added["undo_url"] in editor and "is now in your team" in editor
    response = client.post(added["undo_url"])
    assert response.status_code == 302 and not DictionaryWord.objects.exists()


def test_only_the_one_who_added_a_word_can_undo_it_and_only_for_a_while(client, seller, lead, draft) -> None:
    client.force_login(seller)
    client.post(reverse("dictionary_add", args=[draft.pk]), {"word": "Glimmerwick"})
    url = reverse("dictionary_undo", args=[draft.pk])
    client.force_login(lead)
    assert client.post(url, **JSON).status_code == 409
    client.force_login(seller)
    session = client.session
    session["dictionary_undo"] = DictionaryWord.objects.get().pk
    session.save()
    DictionaryWord.objects.update(created=timezone.now() - timedelta(hours=1))
    assert client.post(url, **JSON).status_code == 409
    assert DictionaryWord.objects.exists()


def test_controls_on_someone_elses_draft_give_404(client, other_lead, draft) -> None:
    client.force_login(other_lead)
    for name in ("spelling_ignore", "spelling_unignore", "personal_dictionary_add", "dictionary_add"):
        assert client.post(reverse(name, args=[draft.pk]), {"word": "Glimmerwick"}).status_code == 404
    draft.refresh_from_db()
    assert draft.ignored_words == [] and not PersonalWord.objects.exists()


def test_controls_refuse_a_phrase_and_need_a_post(client, seller, draft) -> None:
    client.force_login(seller)
    for name in ("spelling_ignore", "personal_dictionary_add"):
        url = reverse(name, args=[draft.pk])
        assert client.post(url, {"word": "two words"}, **JSON).status_code == 400
        assert client.get(url).status_code == 405
    draft.refresh_from_db()
    assert draft.ignored_words == [] and not PersonalWord.objects.exists()
