"""Team review: the seller submits a draft, a team lead comments, approves or asks for changes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import checking
from ..forms import (
    RequestChangesForm,
    ReviewCommentForm,
    ReviewVersionForm,
    TeamApprovalForm,
    VersionedTextForm,
)
from ..models import Draft, DraftRevision, ReviewStateError, Team, User, VersionConflict
from ..text_diff import line_diff
from .access import get_draft_for_user, role_required
from .conflicts import conflict_response, editing_session


def refusal(request: HttpRequest, draft: Draft, reason: str, *, status: int = 400) -> HttpResponse:
    """Answer a refused submit or export with the reason and a way back to the draft."""
    return render(request, "composer/review/refused.html", {"draft": draft, "reason": reason}, status=status)


@login_required
@require_POST
def draft_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the editor's text if it changed, then send the draft to the team lead's queue.

    Both happen in one transaction: a refused submission stores nothing.
    """
    draft = get_draft_for_user(request, pk)
    if draft.author_id != request.user.pk:
        raise PermissionDenied
    form = VersionedTextForm(request.POST)
    if not form.is_valid():
        errors = " ".join(str(error) for field_errors in form.errors.values() for error in field_errors)
        return refusal(request, draft, _("The text could not be read: %(errors)s") % {"errors": errors})
    body, subject = form.cleaned_data["body"], form.cleaned_data["subject"]
    if form.cleaned_data["version"] != draft.version:
        conflict = VersionConflict(draft, form.cleaned_data["version"])
        return conflict_response(request, conflict, body=body, subject=subject)
    # Check again now: the rules may have changed since the draft was last saved.
    result = checking.check_draft(draft, body=body, subject=subject)
    unchanged = body == draft.body and subject == draft.subject
    if unchanged:
        # The stored text's findings as today's rules see them, refused or not: no words change.
        draft.findings = result.findings
        draft.save(update_fields=["findings"])
    try:
        with transaction.atomic():
            if not unchanged:
                draft.save_text(
                    body=body,
                    subject=subject,
                    base_version=form.cleaned_data["version"],
                    findings=result.findings,
                    by=request.user,
                    reason=DraftRevision.Reason.SAVE,
                    session=editing_session(request),
                )
            draft.submit(by=request.user)
    except VersionConflict as conflict:
        return conflict_response(request, conflict, body=body, subject=subject)
    except ReviewStateError as error:
        draft.refresh_from_db()
        return refusal(request, draft, str(error))
    messages.success(request, _("Submitted for review. Your team lead will approve it or ask for changes."))
    return redirect("draft", pk=draft.pk)


@login_required
@role_required(User.Role.LEAD)
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    drafts = (
        Draft.objects.visible_to(request.user)
        .awaiting_review()
        .select_related("order", "author")
        .order_by("updated")
    )
    teams = Team.objects.order_by("name") if request.user.is_admin_role else []
    # One form per team on the page, each box with its own id.
    approval_forms = [
        (
            team,
            TeamApprovalForm(
                initial={"approval_required": team.approval_required}, auto_id=f"approval-{team.pk}-%s"
            ),
        )
        for team in teams
    ]
    context = {"drafts": drafts[:200], "teams": approval_forms}
    return render(request, "composer/review/queue.html", context)


@login_required
@role_required(User.Role.ADMIN)
@require_POST
def team_approval(request: HttpRequest, pk: int) -> HttpResponse:
    """Switch a team's approval step on or off (admins only: it decides what may leave unreviewed)."""
    team = get_object_or_404(Team, pk=pk)
    form = TeamApprovalForm(request.POST)
    form.is_valid()  # a missing box is "off", so the form is always valid
    team.approval_required = form.cleaned_data["approval_required"]
    team.save(update_fields=["approval_required"])
    if team.approval_required:
        messages.success(request, _("%(team)s: exports now need a team lead's approval.") % {"team": team})
    else:
        messages.success(request, _("%(team)s: sellers now export without approval.") % {"team": team})
    return redirect("review_queue")


@login_required
@role_required(User.Role.LEAD)
@require_GET
def review_draft(request: HttpRequest, pk: int) -> HttpResponse:
    draft = get_draft_for_user(request, pk)
    return render(request, "composer/review/draft.html", _review_context(draft))


def _review_context(draft: Draft, **extra) -> dict:
    """Return what a lead needs to decide: the text, its findings, the diff and the order."""
    template_text = ""
    if draft.template_version is not None:
        template_text = checking.fill_template(draft.template_version.body, draft.order)
    forms = {
        "comment_form": ReviewCommentForm(initial={"version": draft.version}),
        "changes_form": RequestChangesForm(initial={"version": draft.version}),
        "approve_form": ReviewVersionForm(initial={"version": draft.version}),
    }
    return {
        "draft": draft,
        "order": draft.order,
        "result": checking.check_draft(draft),
        "diff": line_diff(template_text, draft.body) if template_text else None,
        "comments": draft.review_comments.select_related("author"),
        "events": draft.events.select_related("actor"),
        **forms,
        **extra,
    }


def _refuse_review(request: HttpRequest, draft: Draft, error: str, **forms) -> HttpResponse:
    context = _review_context(draft, review_error=error, **forms)
    return render(request, "composer/review/draft.html", context, status=400)


def _stale_review(request: HttpRequest, conflict: VersionConflict) -> HttpResponse:
    """Answer 409: the seller saved after the lead opened the draft; show what changed."""
    draft = conflict.current
    base = conflict.base
    context = _review_context(
        draft,
        review_error=_("The seller changed the draft after you opened it. Read the new text first."),
        read_revision=base,
        read_diff=line_diff(base.body, draft.body) if base else None,
    )
    return render(request, "composer/review/draft.html", context, status=409)


@login_required
@role_required(User.Role.LEAD)
@require_POST
def review_comment(request: HttpRequest, pk: int) -> HttpResponse:
    draft = get_draft_for_user(request, pk)
    form = ReviewCommentForm(request.POST, draft_body=draft.body)
    if not form.is_valid():
        return _refuse_review(request, draft, _("The comment was not added."), comment_form=form)
    if form.cleaned_data["version"] != draft.version:
        return _stale_review(request, VersionConflict(draft, form.cleaned_data["version"]))
    try:
        draft.add_comment(
            by=request.user,
            body=form.cleaned_data["body"],
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
        )
    except ReviewStateError as error:
        return _refuse_review(request, draft, str(error), comment_form=form)
    messages.success(request, _("Comment added."))
    return redirect("review_draft", pk=draft.pk)


@login_required
@role_required(User.Role.LEAD)
@require_POST
def review_approve(request: HttpRequest, pk: int) -> HttpResponse:
    draft = get_draft_for_user(request, pk)
    form = ReviewVersionForm(request.POST)
    if not form.is_valid():
        return _refuse_review(request, draft, _("The approval did not say which version you read."))
    if form.cleaned_data["version"] != draft.version:
        return _stale_review(request, VersionConflict(draft, form.cleaned_data["version"]))
    if not checking.check_draft(draft).ok:
        return _refuse_review(
            request, draft, _("A draft with errors cannot be approved. Ask for changes instead.")
        )
    try:
        draft.approve(by=request.user, version=form.cleaned_data["version"])
    except VersionConflict as conflict:
        return _stale_review(request, conflict)
    except ReviewStateError as error:
        return _refuse_review(request, draft, str(error))
    messages.success(request, _("Approved. The seller can export the message now."))
    return redirect("review_queue")


@login_required
@role_required(User.Role.LEAD)
@require_POST
def review_request_changes(request: HttpRequest, pk: int) -> HttpResponse:
    draft = get_draft_for_user(request, pk)
    form = RequestChangesForm(request.POST)
    if not form.is_valid():
        return _refuse_review(request, draft, _("Say what should change."), changes_form=form)
    try:
        draft.request_changes(
            by=request.user, comment=form.cleaned_data["comment"], version=form.cleaned_data["version"]
        )
    except VersionConflict as conflict:
        return _stale_review(request, conflict)
    except ReviewStateError as error:
        return _refuse_review(request, draft, str(error), changes_form=form)
    messages.success(request, _("Changes requested. The draft is back with its author."))
    return redirect("review_queue")
