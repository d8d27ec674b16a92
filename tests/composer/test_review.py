"""Team review: submit, comment, approve or request changes, and the approval gate on export."""

from __future__ import annotations

import pytest
from django.urls import reverse

from composer.models import Draft, DraftEvent, MessageRecord, MessageTemplate, ReviewComment
from tests.conftest import ORDER_ID, make_draft

pytestmark = pytest.mark.django_db

CLEAN = (
    f"Hello Laura,\n\nBefore we ship your order {ORDER_ID}, please confirm the colour you would like."
    "\n\nKind regards,\nAcme Home"
)


@pytest.fixture(autouse=True)
def approval_required(team) -> None:
    team.approval_required = True
    team.save()


def _draft(author, order, body: str = CLEAN, **fields) -> Draft:
    return make_draft(author, order, body, **fields)


@pytest.fixture
def draft(seller, order) -> Draft:
    return _draft(seller, order)


@pytest.fixture
def submitted(draft, seller) -> Draft:
    draft.submit(by=seller)
    return draft


def _text(draft: Draft, **data) -> dict:
    return {"body": draft.body, "subject": draft.subject, "version": draft.version, **data}


def _export(client, draft: Draft, body: str | None = None):
    payload = {"body": draft.body if body is None else body, "version": draft.version, "format": "text"}
    return client.post(reverse("draft_export", args=[draft.pk]), payload)


# Submitting


def test_seller_submits_a_draft_for_review(client, seller, draft) -> None:
    client.force_login(seller)
    response = client.post(reverse("draft_submit", args=[draft.pk]), _text(draft))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Draft.Status.SUBMITTED
    event = draft.events.last()
    assert (event.status, event.actor) == (Draft.Status.SUBMITTED, seller)


def test_submitting_saves_the_text_typed_in_the_editor_first(client, seller, draft) -> None:
    client.force_login(seller)
    edited = CLEAN.replace("colour", "size")
    client.post(reverse("draft_submit", args=[draft.pk]), _text(draft, body=edited))
    draft.refresh_from_db()
    assert draft.body == edited and draft.status == Draft.Status.SUBMITTED and draft.version == 2


def test_a_draft_with_errors_cannot_be_submitted(client, seller, draft) -> None:
    client.force_login(seller)
    response = client.post(reverse("draft_submit", args=[draft.pk]), _text(draft, body=CLEAN + " 🎉"))
    assert response.status_code == 400
    assert "Fix the errors" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Draft.Status.DRAFT


def test_submitting_checks_the_text_again_even_when_unchanged(client, seller, order) -> None:
    draft = _draft(seller, order, body=CLEAN + " 🎉", findings=[])  # saved before the emoji rule
    client.force_login(seller)
    response = client.post(reverse("draft_submit", args=[draft.pk]), _text(draft))
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.status == Draft.Status.DRAFT and draft.findings


def test_a_submitted_draft_cannot_be_submitted_again(client, seller, submitted) -> None:
    client.force_login(seller)
    response = client.post(reverse("draft_submit", args=[submitted.pk]), _text(submitted))
    assert response.status_code == 400
    assert submitted.events.filter(status=Draft.Status.SUBMITTED).count() == 1


def test_submitting_from_an_old_version_is_a_conflict(client, seller, draft) -> None:
    client.force_login(seller)
    draft.save_text(body=CLEAN + " Thanks.", subject="", base_version=1, findings=[], by=seller)
    response = client.post(reverse("draft_submit", args=[draft.pk]), _text(draft, body=CLEAN, version=1))
    assert response.status_code == 409
    draft.refresh_from_db()
    assert draft.status == Draft.Status.DRAFT


def test_submitting_unreadable_text_is_a_400(client, seller, draft) -> None:
    client.force_login(seller)
    response = client.post(reverse("draft_submit", args=[draft.pk]), _text(draft, body="a\x00b"))
    assert response.status_code == 400


def test_another_seller_cannot_submit_my_draft(client, other_seller, draft) -> None:
    client.force_login(other_seller)
    assert client.post(reverse("draft_submit", args=[draft.pk]), _text(draft)).status_code == 404


def test_a_lead_cannot_submit_a_sellers_draft(client, lead, draft) -> None:
    client.force_login(lead)
    assert client.post(reverse("draft_submit", args=[draft.pk]), _text(draft)).status_code == 403


def test_submit_needs_a_post(client, seller, draft) -> None:
    client.force_login(seller)
    assert client.get(reverse("draft_submit", args=[draft.pk])).status_code == 405


# The queue


def test_lead_sees_the_teams_submitted_drafts_in_the_queue(
    client, lead, submitted, other_seller, order
) -> None:
    not_submitted = _draft(other_seller, order)
    client.force_login(lead)
    response = client.get(reverse("review_queue"))
    assert response.status_code == 200
    queue = list(response.context["drafts"])
    assert queue == [submitted] and not_submitted not in queue


def test_lead_of_another_team_sees_an_empty_queue(client, other_lead, submitted) -> None:
    client.force_login(other_lead)
    assert list(client.get(reverse("review_queue")).context["drafts"]) == []


def test_admin_sees_every_teams_queue(client, admin_user, submitted, other_order, other_lead) -> None:
    elsewhere = _draft(other_lead, other_order, body=f"Order {other_order.amazon_order_id}")
    Draft.objects.filter(pk=elsewhere.pk).update(status=Draft.Status.SUBMITTED)
    client.force_login(admin_user)
    assert set(client.get(reverse("review_queue")).context["drafts"]) == {submitted, elsewhere}


def test_sellers_have_no_review_queue(client, seller) -> None:
    client.force_login(seller)
    assert client.get(reverse("review_queue")).status_code == 403


def test_review_queue_requires_login(client) -> None:
    response = client.get(reverse("review_queue"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_nav_shows_review_queue_to_leads_and_templates_to_admins(client, seller, lead, admin_user) -> None:
    client.force_login(seller)
    html = client.get(reverse("drafts")).content.decode()
    assert "Review queue" not in html and ">Templates<" not in html
    client.force_login(lead)
    html = client.get(reverse("drafts")).content.decode()
    assert "Review queue" in html and ">Templates<" not in html
    client.force_login(admin_user)
    html = client.get(reverse("drafts")).content.decode()
    assert "Review queue" in html and ">Templates<" in html


# The review page


def test_review_page_shows_findings_order_and_diff_against_the_template(
    client, lead, seller, order, templates
) -> None:
    template = MessageTemplate.objects.get(message_type="order_question", language="en")
    version = template.latest_version()
    draft = _draft(seller, order, template_version=version)
    draft.save_text(
        body=draft.body + "\nWe ship on Mondays.", subject="", base_version=1, findings=[], by=seller
    )
    draft.submit(by=seller)
    client.force_login(lead)
    response = client.get(reverse("review_draft", args=[draft.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-label="Findings"' in html and order.product_name in html and ORDER_ID in html
    kinds = {line.kind for line in response.context["diff"]}
    assert {"added", "removed"} <= kinds
    assert "We ship on Mondays." in html
    assert "Approve" in html and "Request changes" in html


def test_another_teams_lead_gets_404_on_the_review_page(client, other_lead, submitted) -> None:
    client.force_login(other_lead)
    assert client.get(reverse("review_draft", args=[submitted.pk])).status_code == 404


def test_sellers_cannot_open_the_review_page(client, seller, submitted) -> None:
    client.force_login(seller)
    assert client.get(reverse("review_draft", args=[submitted.pk])).status_code == 403


# Comments


def test_lead_comments_on_a_selected_span(client, lead, submitted) -> None:
    client.force_login(lead)
    start = submitted.body.index("colour")
    data = {"body": "Say which colours we have.", "passage": "colour", "start": start, "end": start + 6}
    response = client.post(reverse("review_comment", args=[submitted.pk]), {**data, "version": 1})
    assert response.status_code == 302
    comment = ReviewComment.objects.get()
    assert (comment.start, comment.excerpt, comment.author, comment.draft_version) == (
        start,
        "colour",
        lead,
        1,
    )


def test_a_passage_typed_without_a_selection_is_found_in_the_message(client, lead, submitted) -> None:
    client.force_login(lead)
    data = {"body": "Name the colours.", "passage": "the colour", "version": 1}
    client.post(reverse("review_comment", args=[submitted.pk]), data)
    comment = ReviewComment.objects.get()
    assert submitted.body[comment.start : comment.end] == "the colour" == comment.excerpt


def test_the_selected_occurrence_wins_when_a_passage_occurs_twice(client, lead, seller, order) -> None:
    draft = _draft(
        seller, order, body=CLEAN.replace("confirm the colour", "confirm the colour and the colour")
    )
    draft.submit(by=seller)
    second = draft.body.rindex("the colour")
    client.force_login(lead)
    data = {"body": "Twice?", "passage": "the colour", "start": second, "end": second + 10, "version": 1}
    client.post(reverse("review_comment", args=[draft.pk]), data)
    assert ReviewComment.objects.get().start == second


def test_lead_comments_on_the_whole_draft(client, lead, submitted) -> None:
    client.force_login(lead)
    client.post(reverse("review_comment", args=[submitted.pk]), {"body": "Shorter, please.", "version": 1})
    comment = ReviewComment.objects.get()
    assert comment.start is None and comment.excerpt == ""


@pytest.mark.parametrize(
    "data",
    [
        {"body": "", "version": 1},
        {"body": "x", "passage": "not in the message", "version": 1},
        {"body": "x"},
        {"body": "x" * 2001, "version": 1},
    ],
    ids=["empty", "passage-not-found", "no-version", "too-long"],
)
def test_bad_comments_are_refused_with_400(client, lead, submitted, data) -> None:
    client.force_login(lead)
    assert client.post(reverse("review_comment", args=[submitted.pk]), data).status_code == 400
    assert not ReviewComment.objects.exists()


def test_another_teams_lead_cannot_comment(client, other_lead, submitted) -> None:
    client.force_login(other_lead)
    response = client.post(reverse("review_comment", args=[submitted.pk]), {"body": "x", "version": 1})
    assert response.status_code == 404


def test_sellers_cannot_comment(client, seller, submitted) -> None:
    client.force_login(seller)
    response = client.post(reverse("review_comment", args=[submitted.pk]), {"body": "x", "version": 1})
    assert response.status_code == 403


def test_seller_sees_the_comments_and_status_in_the_editor(client, seller, lead, submitted) -> None:
    submitted.add_comment(by=lead, body="Mention the colours.", start=0, end=5)
    client.force_login(seller)
    html = client.get(reverse("draft", args=[submitted.pk])).content.decode()
    assert "Mention the colours." in html and "Hello" in html
    assert "Waiting for your team lead" in html


def test_a_passage_comment_follows_its_words_after_the_seller_edits(seller, lead, submitted) -> None:
    comment = submitted.add_comment(by=lead, body="Mention the colours.", start=0, end=5)
    assert comment.passage == (0, 5)
    assert comment.passage_in("Oh! " + submitted.body) == (4, 9)
    # The words twice: the occurrence nearest to where they were.
    assert comment.passage_in("Hi. " + submitted.body + " Hello") == (4, 9)
    assert comment.passage_in("Good day, Laura") is None
    whole = submitted.add_comment(by=lead, body="Shorter, please.")
    assert whole.passage is None


def test_the_editor_marks_passage_comments_and_lists_a_button_to_show_them(
    client, seller, lead, submitted
) -> None:
    submitted.add_comment(by=lead, body="Mention the colours.", start=0, end=5)
    client.force_login(seller)
    html = client.get(reverse("draft", args=[submitted.pk])).content.decode()
    assert 'id="review-comments"' in html and 'data-start="0" data-end="5"' in html
    assert "“Hello” (show in the message)" in html


def test_editor_offers_submit_for_review_to_the_author_only(client, seller, lead, draft) -> None:
    client.force_login(seller)
    assert "Submit for review" in client.get(reverse("draft", args=[draft.pk])).content.decode()
    client.force_login(lead)
    assert "Submit for review" not in client.get(reverse("draft", args=[draft.pk])).content.decode()


# Decisions


def test_lead_approves_the_version_read(client, lead, submitted) -> None:
    client.force_login(lead)
    response = client.post(reverse("review_approve", args=[submitted.pk]), {"version": 1})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Draft.Status.APPROVED and submitted.is_approved()
    assert submitted.events.last().actor == lead


def test_approving_a_version_the_lead_did_not_read_is_a_conflict_with_both_texts(
    client, lead, seller, submitted
) -> None:
    read = submitted.body
    submitted.save_text(
        body="Changed after the lead opened it.", subject="", base_version=1, findings=[], by=seller
    )
    client.force_login(lead)
    response = client.post(reverse("review_approve", args=[submitted.pk]), {"version": 1})
    assert response.status_code == 409
    html = response.content.decode()
    assert "changed the draft" in html and "Changed after the lead opened it." in html
    assert "The text you read (version 1)" in html and read.splitlines()[0] in html
    submitted.refresh_from_db()
    assert submitted.status == Draft.Status.SUBMITTED and submitted.approved_version is None


def test_a_comment_on_an_old_version_is_a_conflict_and_stores_nothing(
    client, lead, seller, submitted
) -> None:
    submitted.save_text(body="Newer text.", subject="", base_version=1, findings=[], by=seller)
    client.force_login(lead)
    response = client.post(reverse("review_comment", args=[submitted.pk]), {"body": "x", "version": 1})
    assert response.status_code == 409 and "Newer text." in response.content.decode()
    assert not ReviewComment.objects.exists()


def test_asking_for_changes_on_an_old_version_is_a_conflict(client, lead, seller, submitted) -> None:
    submitted.save_text(body="Newer text.", subject="", base_version=1, findings=[], by=seller)
    client.force_login(lead)
    url = reverse("review_request_changes", args=[submitted.pk])
    assert client.post(url, {"comment": "Shorter.", "version": 1}).status_code == 409
    submitted.refresh_from_db()
    assert submitted.status == Draft.Status.SUBMITTED and not ReviewComment.objects.exists()


def test_a_draft_with_errors_cannot_be_approved(client, lead, seller, order) -> None:
    draft = _draft(seller, order, body=CLEAN + " 🎉", status=Draft.Status.SUBMITTED)
    client.force_login(lead)
    response = client.post(reverse("review_approve", args=[draft.pk]), {"version": 1})
    assert response.status_code == 400 and "errors cannot be approved" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Draft.Status.SUBMITTED and not draft.is_approved()


def test_a_draft_not_submitted_cannot_be_approved(client, lead, draft) -> None:
    client.force_login(lead)
    assert client.post(reverse("review_approve", args=[draft.pk]), {"version": 1}).status_code == 400
    assert client.post(reverse("review_approve", args=[draft.pk]), {}).status_code == 400


def test_another_teams_lead_cannot_approve(client, other_lead, submitted) -> None:
    client.force_login(other_lead)
    assert client.post(reverse("review_approve", args=[submitted.pk]), {"version": 1}).status_code == 404


def test_sellers_cannot_approve_their_own_drafts(client, seller, submitted) -> None:
    client.force_login(seller)
    assert client.post(reverse("review_approve", args=[submitted.pk]), {"version": 1}).status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == Draft.Status.SUBMITTED


def test_admin_can_approve_any_teams_draft(client, admin_user, submitted) -> None:
    client.force_login(admin_user)
    assert client.post(reverse("review_approve", args=[submitted.pk]), {"version": 1}).status_code == 302


def test_lead_requests_changes_with_a_comment(client, lead, submitted) -> None:
    client.force_login(lead)
    data = {"comment": "Name the colours we have.", "version": 1}
    response = client.post(reverse("review_request_changes", args=[submitted.pk]), data)
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Draft.Status.CHANGES_REQUESTED
    assert submitted.review_comments.get().body == "Name the colours we have."


def test_requesting_changes_needs_a_comment(client, lead, submitted) -> None:
    client.force_login(lead)
    response = client.post(
        reverse("review_request_changes", args=[submitted.pk]), {"comment": "", "version": 1}
    )
    assert response.status_code == 400
    submitted.refresh_from_db()
    assert submitted.status == Draft.Status.SUBMITTED


def test_wrong_people_cannot_request_changes(client, seller, other_lead, submitted) -> None:
    data = {"comment": "x", "version": 1}
    client.force_login(seller)
    assert client.post(reverse("review_request_changes", args=[submitted.pk]), data).status_code == 403
    client.force_login(other_lead)
    assert client.post(reverse("review_request_changes", args=[submitted.pk]), data).status_code == 404


# The approval gate on export


def test_export_without_approval_is_refused_with_a_clear_message(client, seller, draft) -> None:
    client.force_login(seller)
    response = _export(client, draft)
    assert response.status_code == 400
    assert "approval before export" in response.content.decode()
    assert not MessageRecord.objects.exists()


def test_approved_draft_is_exported(client, seller, lead, submitted) -> None:
    submitted.approve(by=lead, version=1)
    client.force_login(seller)
    response = _export(client, submitted)
    assert response.status_code == 200
    submitted.refresh_from_db()
    assert submitted.status == Draft.Status.EXPORTED and submitted.exported_version == submitted.version


def test_an_edit_after_approval_needs_approval_again(client, seller, lead, submitted) -> None:
    submitted.approve(by=lead, version=1)
    client.force_login(seller)
    client.post(reverse("draft", args=[submitted.pk]), _text(submitted, body=CLEAN + " Thanks."))
    submitted.refresh_from_db()
    assert submitted.status == Draft.Status.DRAFT and not submitted.is_approved()
    assert _export(client, submitted).status_code == 400
    assert not MessageRecord.objects.exists()


def test_exporting_other_text_than_the_approved_text_is_refused(client, seller, lead, submitted) -> None:
    submitted.approve(by=lead, version=1)
    client.force_login(seller)
    response = _export(client, submitted, body=CLEAN + " Sneaked in.")
    assert response.status_code == 400
    assert "differs from the approved version" in response.content.decode()
    assert not MessageRecord.objects.exists()


def test_exporting_the_approved_text_as_html_needs_a_new_approval(client, seller, lead, submitted) -> None:
    submitted.approve(by=lead, version=1)
    client.force_login(seller)
    payload = {"body": CLEAN, "version": 1, "format": "text", "message_format": "html"}
    response = client.post(reverse("draft_export", args=[submitted.pk]), payload)
    assert response.status_code == 400 and not MessageRecord.objects.exists()


def test_teams_without_the_approval_step_export_directly(client, seller, team, draft) -> None:
    team.approval_required = False
    team.save()
    client.force_login(seller)
    assert _export(client, draft).status_code == 200


def test_every_state_change_is_kept_with_who_and_when(client, seller, lead, draft) -> None:
    draft.submit(by=seller)
    draft.request_changes(by=lead, comment="Shorter.", version=1)
    draft.save_text(
        body=CLEAN.replace(" you would like", ""), subject="", base_version=1, findings=[], by=seller
    )
    draft.submit(by=seller)
    draft.approve(by=lead, version=2)
    client.force_login(seller)
    assert _export(client, draft).status_code == 200
    history = list(DraftEvent.objects.filter(draft=draft).values_list("status", "actor__username"))
    assert history == [
        ("submitted", "alice"),
        ("changes_requested", "lena"),
        ("submitted", "alice"),
        ("approved", "lena"),
        ("exported", "alice"),
    ]
    assert all(event.created for event in draft.events.all())


# Placeholders the seller must fill


def test_an_unfilled_placeholder_is_an_error_that_blocks_export(client, seller, team, order) -> None:
    team.approval_required = False
    team.save()
    draft = _draft(seller, order, body=CLEAN + "\n\nYour key: {{access_key}}")
    client.force_login(seller)
    html = client.get(reverse("draft", args=[draft.pk])).content.decode()
    assert 'data-rule="T901"' in html and "{{access_key}}" in html
    assert _export(client, draft).status_code == 400
    assert not MessageRecord.objects.exists()


def test_access_key_template_asks_the_seller_for_the_key(client, seller, order, templates) -> None:
    client.force_login(seller)
    payload = {"message_type": "digital_access_key", "order_id": ORDER_ID, "buyer_locale": ""}
    client.post(reverse("new_message"), payload)
    draft = Draft.objects.get()
    assert "{{access_key}}" in draft.body and "KEY-0000" not in draft.body
    assert any(f["rule"] == "T901" and f["severity"] == "error" for f in draft.findings)


# The per-team setting


def test_admin_switches_a_teams_approval_step(client, admin_user, team, other_team) -> None:
    client.force_login(admin_user)
    html = client.get(reverse("review_queue")).content.decode()
    assert "Acme: approval required" in html and "Globex: approval required" in html
    assert client.post(reverse("team_approval", args=[team.pk]), {}).status_code == 302
    team.refresh_from_db()
    assert team.approval_required is False
    client.post(reverse("team_approval", args=[team.pk]), {"approval_required": "on"})
    team.refresh_from_db()
    assert team.approval_required is True


def test_only_admins_switch_the_approval_step(client, seller, lead, team) -> None:
    for user in (seller, lead):
        client.force_login(user)
        assert client.post(reverse("team_approval", args=[team.pk]), {}).status_code == 403
    team.refresh_from_db()
    assert team.approval_required is True


def test_switching_a_team_that_does_not_exist_is_a_404(client, admin_user) -> None:
    client.force_login(admin_user)
    assert client.post(reverse("team_approval", args=[999]), {}).status_code == 404


def test_lead_sees_the_teams_setting_in_the_queue(client, lead) -> None:
    client.force_login(lead)
    assert "Your team exports only approved messages." in client.get(reverse("review_queue")).content.decode()


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("draft_submit", "post"),
        ("review_draft", "get"),
        ("review_comment", "post"),
        ("review_approve", "post"),
        ("review_request_changes", "post"),
        ("team_approval", "post"),
    ],
)
def test_every_review_view_sends_anonymous_visitors_to_log_in(client, submitted, name, method) -> None:
    pk = submitted.team_id if name == "team_approval" else submitted.pk
    response = getattr(client, method)(reverse(name, args=[pk]))
    assert response.status_code == 302 and "/accounts/login/" in response.url
    submitted.refresh_from_db()
    assert submitted.status == Draft.Status.SUBMITTED


def test_the_rules_page_documents_the_unfilled_placeholder_rule(client) -> None:
    html = client.get(reverse("rules")).content.decode()
    assert 'id="unfilled-placeholder"' in html and "{{access_key}}" in html


def test_changes_requested_is_a_banner_at_the_top_of_the_sellers_editor(
    client, seller, lead, submitted
) -> None:
    submitted.request_changes(by=lead, comment="Say when the parcel leaves.", version=submitted.version)
    client.force_login(seller)
    page = client.get(reverse("draft", args=[submitted.pk])).content.decode()
    banner = page.index('id="changes-requested"')
    assert banner < page.index('id="draft-form"')
    assert "Say when the parcel leaves." in page[banner : page.index('id="draft-form"')]
