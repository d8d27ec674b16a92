"""The seller's views: start a message, edit it with live checks, save and export it."""

from __future__ import annotations

import json

from csp.decorators import csp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_http_methods, require_POST

import guidelines

from .. import check_cache, checking, exports, message_guidance, sp_api
from ..amazon.views import send_panel_context
from ..forms import ArchiveForm, DraftTextForm, ExportForm, MarkSentForm, NewMessageForm, VersionedTextForm
from ..http import wants_json
from ..models import Draft, DraftRevision, MessageTemplate, Order, VersionConflict
from ..rate_limits import per_user_limit
from . import dictionary
from .access import get_draft_for_user, get_draft_to_check
from .conflicts import conflict_response, editing_session
from .review import refusal


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return redirect("drafts")


@login_required
def drafts(request: HttpRequest) -> HttpResponse:
    mine = Draft.objects.filter(author=request.user)
    archived = request.GET.get("archived", "")
    just_archived = (
        mine.filter(pk=archived, archived_at__isnull=False).first() if archived.isdigit() else None
    )
    context = {"drafts": mine.active().select_related("order")[:200], "just_archived": just_archived}
    return render(request, "composer/drafts.html", context)


@login_required
@require_POST
def draft_archive(request: HttpRequest, pk: int) -> HttpResponse:
    """Archive the seller's own draft (or bring it back with ``restore``), then show the list."""
    draft = get_draft_for_user(request, pk)
    if draft.author_id != request.user.pk:
        raise PermissionDenied
    form = ArchiveForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(
            render(request, "composer/partials/form_errors.html", {"form": form}).content
        )
    if form.cleaned_data["restore"]:
        draft.unarchive(by=request.user)
        messages.success(request, _("The draft is back in your list."))
        return redirect("drafts")
    draft.archive(by=request.user)
    # The list then offers "Undo" for this draft.
    return redirect(f"{reverse('drafts')}?archived={draft.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def new_message(request: HttpRequest) -> HttpResponse:
    initial = {k: request.GET[k] for k in ("order_id", "message_type") if k in request.GET}
    now = timezone.now()
    form = NewMessageForm(request.POST or None, user=request.user, initial=initial, now=now)
    if request.method == "POST" and form.is_valid():
        draft = _start_draft(request, form)
        return redirect("draft", pk=draft.pk)
    status = 400 if request.method == "POST" else 200
    team_orders = (
        Order.objects.filter(team=request.user.team_id) if request.user.team_id else Order.objects.none()
    )
    orders = team_orders.with_review_requested()[:50]
    # Each order carries the types it does not allow today, so the page can disable them at once.
    choices = [
        (
            order,
            json.dumps(
                message_guidance.unavailable_types(order, now, review_requested=order.review_requested)
            ),
        )
        for order in orders
    ]
    chosen = form.order
    if chosen is None and initial.get("order_id"):
        chosen = Order.objects.visible_to(request.user).filter(amazon_order_id=initial["order_id"]).first()
    form.guide_for(chosen)
    offer = form.amazon_offer(chosen) if chosen is not None else None
    context = {
        "form": form,
        "orders": choices,
        "descriptions": message_guidance.DESCRIPTIONS,
        "confirm_second": bool(form.errors.get("another_review_request")),
        "amazon_order": chosen if offer is not None and offer.known else None,
        "amazon_error": offer.error if offer is not None else "",
    }
    return render(request, "composer/new_message.html", context, status=status)


def _start_draft(request: HttpRequest, form: NewMessageForm) -> Draft:
    order = form.order
    message_type = form.cleaned_data["message_type"]
    locale = form.cleaned_data["buyer_locale"]
    template = MessageTemplate.for_locale(message_type, locale)
    body = checking.fill_template(template.body, order) if template else ""
    subject = checking.fill_template(template.subject, order) if template else ""
    if template is None:
        messages.warning(
            request, _("There is no template for this message type in the buyer's language yet.")
        )
    draft = Draft(
        author=request.user,
        team=order.team,
        order=order,
        message_type=message_type,
        buyer_locale=locale,
        body=body,
        subject=subject,
        template_version=template.latest_version() if template else None,
    )
    draft.findings = checking.check_draft(draft).findings
    with transaction.atomic():
        draft.save()
        draft.events.create(status=Draft.Status.DRAFT, actor=request.user, note="Started")
    return draft


@login_required
@require_http_methods(["GET", "POST"])
def draft_editor(request: HttpRequest, pk: int) -> HttpResponse:
    draft = get_draft_for_user(request, pk)
    if request.method == "POST":
        return _save(request, draft)
    result = checking.check_draft(draft)
    context = _editor_context(draft, result, undo_word=dictionary.undoable_addition(request, draft))
    return render(request, "composer/editor.html", context)


def _editor_context(draft: Draft, result: checking.CheckResult, **extra) -> dict:
    message_type = guidelines.get_message_type(draft.message_type)
    form = extra.pop("form", None) or DraftTextForm(
        initial={"body": draft.body, "subject": draft.subject, "version": draft.version}
    )
    message_format = extra.pop("message_format", None) or draft.format
    if not form.is_bound:
        form.initial["message_format"] = message_format
    approval_reason = draft.export_blocked_reason()
    return {
        "draft": draft,
        "order": draft.order,
        "result": result,
        "message_type": message_type,
        "form": form,
        "message_format": message_format,
        "export_form": ExportForm(),
        "has_api": sp_api.has_operation(draft.message_type),
        "accepts_attachments": sp_api.accepts_attachments(draft.message_type),
        "site_limit": settings.COMPOSER_MAX_BODY_CHARS,
        # Why Export, Submit for review and Mark as sent are not available now (shown beside
        # them); the editor's script updates them as the seller types.
        "export_reasons": [r for r in (_errors_reason(result), approval_reason) if r],
        "approval_reason": approval_reason,
        "approval_reason_edited": draft.export_blocked_reason(body=draft.body + " "),
        "submit_refusal": draft.submit_refusal(),
        "submit_reason": draft.submit_refusal() or _errors_reason(result),
        "changed_since_export": Draft.CHANGED_SINCE_EXPORT,
        "submit_reason_edited": draft.submit_refusal(edited=True),
        "mark_sent_reason": draft.mark_sent_refusal(),
        "errors_reason": _errors_reason(),
        "unsent_review_request": draft.order.unsent_review_request()
        if draft.message_type == "review_request"
        else None,
        **send_panel_context(draft),
        **extra,
    }


def _errors_reason(result: checking.CheckResult | None = None) -> str:
    """Return the reason errors give (or would give, without a result) for holding a message back."""
    return "" if result is not None and result.ok else _("Errors remain: fix them first.")


def _save(request: HttpRequest, draft: Draft) -> HttpResponse:
    """Save the text if it is based on the stored version; answer JSON to scripts, HTML to forms."""
    json_answer = wants_json(request)
    form = VersionedTextForm(request.POST)
    if not form.is_valid():
        if json_answer:
            return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
        result = checking.check_draft(draft)
        context = _editor_context(draft, result, form=form)
        return render(request, "composer/editor.html", context, status=400)
    body, subject = form.cleaned_data["body"], form.cleaned_data["subject"]
    message_format = form.cleaned_data["message_format"] or draft.format
    result = checking.check_draft(draft, body=body, subject=subject, message_format=message_format)
    reason = form.cleaned_data["reason"] or (
        DraftRevision.Reason.AUTOSAVE if json_answer else DraftRevision.Reason.SAVE
    )
    try:
        draft.save_text(
            body=body,
            subject=subject,
            base_version=form.cleaned_data["version"],
            findings=result.findings,
            by=request.user,
            format=message_format,
            reason=reason,
            session=editing_session(request),
        )
    except VersionConflict as conflict:
        return conflict_response(request, conflict, body=body, subject=subject)
    if json_answer:
        return JsonResponse({"version": draft.version, "saved": draft.updated.isoformat()})
    messages.success(request, _("Draft saved."))
    return redirect("draft", pk=draft.pk)


@login_required
@require_POST
@per_user_limit("check")
def draft_check(request: HttpRequest, pk: int) -> HttpResponse:
    """Return the findings fragment for the text being typed (the editor's live check).

    Each finding carries its span and fix as data attributes, from which the editor draws the
    marks. The draft, its order and the order facts come from the cache when it is warm
    (``check_cache.draft_for_check``): a live check then makes no database query.
    """
    draft, facts = check_cache.draft_for_check(request.user, pk, lambda: get_draft_to_check(request, pk))
    form = DraftTextForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(
            render(request, "composer/partials/form_errors.html", {"form": form}).content
        )
    message_format = form.cleaned_data["message_format"] or draft.format
    result = checking.check_draft(
        draft,
        body=form.cleaned_data["body"],
        subject=form.cleaned_data["subject"],
        message_format=message_format,
        facts=facts,
    )
    return HttpResponse(_findings_fragment(request, draft, result))


# Stands for the CSRF token in a kept fragment; each answer gets its own token in its place.
CSRF_SLOT = "csrf0token0slot0of0a0kept0fragment"


def _findings_fragment(request: HttpRequest, draft: Draft, result: checking.CheckResult) -> str:
    """Render the findings fragment, or take it from the fragments kept for the same findings."""
    parts = (
        result.findings,
        result.ok,
        result.report.checked_by,
        translation.get_language(),
        draft.pk,
        draft.author_id == request.user.pk,
    )
    html = check_cache.cached_fragment(
        parts,
        lambda: render_to_string(
            "composer/partials/findings.html",
            {"result": result, "draft": draft, "csrf_token": CSRF_SLOT},
            request=request,
        ),
    )
    # Only the spelling controls' forms hold a token; asking for one only then keeps the
    # answer's cookies as the plain rendering would.
    return html.replace(CSRF_SLOT, get_token(request)) if CSRF_SLOT in html else html


# The preview document gets its own policy: nothing loads but https images, styles stay inline
# (e-mail HTML has no stylesheets), and only our editor may frame it.
PREVIEW_POLICY = {
    "default-src": "'none'",
    "img-src": "https:",
    "style-src": "'unsafe-inline'",
    "frame-ancestors": "'self'",
    "base-uri": "'none'",
    "form-action": "'none'",
}


@login_required
@require_http_methods(["GET", "POST"])
@xframe_options_sameorigin
@csp(PREVIEW_POLICY)
@per_user_limit("preview")
def draft_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """Return the sanitised HTML of the draft (GET) or of the text being typed (POST) as a page.

    The editor shows it in a sandboxed frame (no scripts, no same-origin access).
    """
    draft = get_draft_for_user(request, pk)
    body = draft.body
    if request.method == "POST":
        form = DraftTextForm(request.POST)
        if not form.is_valid():
            return HttpResponseBadRequest(
                render(request, "composer/partials/form_errors.html", {"form": form}).content
            )
        body = form.cleaned_data["body"]
    return HttpResponse(exports.preview_document(body), content_type="text/html; charset=utf-8")


@login_required
@require_POST
def draft_export(request: HttpRequest, pk: int) -> HttpResponse:
    """Export the submitted text after checking it again here: errors are refused with 400.

    The export is made in the chosen format (plain text, HTML, the API request) and kept as a
    draft event; it can be repeated. Only "Mark as sent" puts a message in the order's history.
    """
    draft = get_draft_for_user(request, pk)
    form = ExportForm(request.POST)
    if not form.is_valid():
        if wants_json(request):
            return JsonResponse(
                {"errors": [e["message"] for es in form.errors.get_json_data().values() for e in es]},
                status=400,
            )
        return HttpResponseBadRequest(
            render(request, "composer/partials/form_errors.html", {"form": form}).content
        )
    body, subject = form.cleaned_data["body"], form.cleaned_data["subject"]
    if form.cleaned_data["version"] != draft.version:
        # The text was written on an older version: exporting it could send words the seller
        # has since replaced, so both texts go back to the seller instead.
        return conflict_response(
            request, VersionConflict(draft, form.cleaned_data["version"]), body=body, subject=subject
        )
    message_format = form.cleaned_data["message_format"] or draft.format
    result = checking.check_draft(draft, body=body, subject=subject, message_format=message_format)
    export, refusal = _make_export(draft, form, result, message_format)
    # Every reason at once: the team's approval and the problems in the text.
    reasons = [
        str(reason)
        for reason in (
            draft.export_blocked_reason(body=body, subject=subject, message_format=message_format),
            refusal,
        )
        if reason
    ]
    if reasons:
        if wants_json(request):
            return JsonResponse({"errors": reasons}, status=400)
        context = _editor_context(
            draft,
            result,
            export_refused=" ".join(reasons),
            form=DraftTextForm(initial={**form.cleaned_data}),
            message_format=message_format,
        )
        return render(request, "composer/editor.html", context, status=400)
    with transaction.atomic():
        if body != draft.body or subject != draft.subject or message_format != draft.format:
            try:
                draft.save_text(
                    body=body,
                    subject=subject,
                    base_version=form.cleaned_data["version"],
                    findings=result.findings,
                    by=request.user,
                    format=message_format,
                    session=editing_session(request),
                )
            except VersionConflict as conflict:
                return conflict_response(request, conflict, body=body, subject=subject)
        draft.mark_exported(by=request.user, note=f"Exported as {export.format}")
    response = HttpResponse(export.content, content_type=export.content_type)
    for header, value in export.response_headers().items():
        response[header] = value
    response["X-Draft-Version"] = str(draft.version)
    return response


def _make_export(
    draft: Draft, form: ExportForm, result: checking.CheckResult, message_format: str
) -> tuple[exports.Export | None, str]:
    """Return the export, or the reason it is refused, for a text that was just checked."""
    if not result.ok:
        return None, _(
            "Export refused: the message still has problems that Amazon would block. Fix them first."
        )
    export_format, body = form.cleaned_data["format"], form.cleaned_data["body"]
    try:
        export = exports.build_export(
            draft, export_format, body=body, message_format=message_format, attachments=_attachments(form)
        )
    except exports.ExportRefused as refused:
        return None, str(refused)
    if message_format == Draft.Format.HTML and export_format != exports.HTML:
        # Seller Central and the API get the text the buyer reads in the HTML: check it as text.
        as_text = checking.check_draft(
            draft,
            body=exports.plain_text(body, message_format),
            subject=form.cleaned_data["subject"],
            message_format=Draft.Format.TEXT,
        )
        if not as_text.ok:
            return None, _(
                "Export refused: the plain text of this HTML message has problems Amazon would block."
            )
    return export, ""


def _attachments(form: ExportForm) -> list[sp_api.Attachment]:
    upload = form.cleaned_data.get("upload_destination_id", "").strip()
    name = form.cleaned_data.get("file_name", "").strip()
    return [sp_api.Attachment(upload_destination_id=upload, file_name=name)] if upload and name else []


@login_required
@require_POST
def draft_sent(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that the seller sent the exported text through Seller Central ("Mark as sent")."""
    draft = get_draft_for_user(request, pk)
    if draft.author_id != request.user.pk:
        raise PermissionDenied
    form = MarkSentForm(request.POST)
    if not form.is_valid() or form.cleaned_data["version"] != draft.version:
        reason = Draft.CHANGED_SINCE_EXPORT
        return refusal(request, draft, reason, status=409 if form.is_valid() else 400)
    try:
        draft.mark_sent(by=request.user)
    except ValidationError as error:
        return refusal(request, draft, " ".join(error.messages))
    messages.success(request, _("Recorded as sent. The order's history shows it."))
    return redirect("draft", pk=draft.pk)
