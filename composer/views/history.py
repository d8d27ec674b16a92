"""A draft's history: every stored text with who, when and why, and restoring an earlier one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import checking
from ..forms import RestoreRevisionForm
from ..models import VersionConflict
from .access import get_draft_for_user
from .conflicts import conflict_response

# Enough for every draft a seller works on; thinning keeps long-lived drafts well under it.
SHOWN_REVISIONS = 200


@login_required
@require_GET
def draft_history(request: HttpRequest, pk: int) -> HttpResponse:
    draft = get_draft_for_user(request, pk)
    revisions = draft.revisions.select_related("author")[:SHOWN_REVISIONS]
    context = {"draft": draft, "revisions": revisions, "form": RestoreRevisionForm()}
    return render(request, "composer/draft_history.html", context)


@login_required
@require_POST
def draft_restore(request: HttpRequest, pk: int, version: int) -> HttpResponse:
    """Store an earlier revision's text as the newest one; the revisions in between stay."""
    draft = get_draft_for_user(request, pk)
    revision = get_object_or_404(draft.revisions, version=version)
    form = RestoreRevisionForm(request.POST)
    if not form.is_valid():
        revisions = draft.revisions.select_related("author")[:SHOWN_REVISIONS]
        context = {"draft": draft, "revisions": revisions, "form": form}
        return render(request, "composer/draft_history.html", context, status=400)
    result = checking.check_draft(
        draft, body=revision.body, subject=revision.subject, message_format=revision.format
    )
    try:
        draft.restore(
            revision, base_version=form.cleaned_data["version"], by=request.user, findings=result.findings
        )
    except VersionConflict as conflict:
        return conflict_response(request, conflict, body=revision.body, subject=revision.subject)
    messages.success(
        request,
        _("Version %(old)s was restored as version %(new)s.") % {"old": version, "new": draft.version},
    )
    return redirect("draft", pk=draft.pk)
