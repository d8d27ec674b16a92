"""The template library, kept by admins: edit with a live checked preview, publish, history, files."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import checking, template_library
from ..forms import LibraryImportForm, NewTemplateForm, RevertForm, TemplateForm
from ..models import MESSAGE_TYPE_CHOICES, MessageTemplate, User
from ..rate_limits import per_user_limit
from ..text_diff import line_diff
from .access import role_required

admin_only = role_required(User.Role.ADMIN)


@login_required
@admin_only
@require_GET
def library(request: HttpRequest) -> HttpResponse:
    """List the library as message types × languages, so a missing translation stands out."""
    by_key = {(t.message_type, t.language): t for t in MessageTemplate.objects.all()}
    languages = list(template_library.LIBRARY_LANGUAGES)
    languages += sorted({lang for _type, lang in by_key if lang not in languages})
    rows = [
        (key, label, [(lang, by_key.get((key, lang))) for lang in languages])
        for key, label in MESSAGE_TYPE_CHOICES
    ]
    return render(request, "composer/library/list.html", {"rows": rows, "languages": languages})


def _edit_context(form: TemplateForm, *, template: MessageTemplate | None, **extra) -> dict:
    if template is not None:
        # The text is in the buyer's language: let the browser and screen readers know.
        for name in ("subject", "body"):
            form.fields[name].widget.attrs["lang"] = template.language
    return {
        "form": form,
        "template": template,
        "placeholders": checking.PLACEHOLDERS,
        **extra,
    }


def _preview_for(form: TemplateForm, template: MessageTemplate | None) -> template_library.Preview | None:
    if not form.is_valid():
        return None
    data = form.cleaned_data
    return template_library.preview(
        message_type=template.message_type if template else data["message_type"],
        language=template.language if template else data["language"],
        subject=data["subject"],
        body=data["body"],
    )


def _edit(request: HttpRequest, form: TemplateForm, template: MessageTemplate | None) -> HttpResponse:
    """Preview or publish: errors never publish, warnings publish only when acknowledged."""
    preview = _preview_for(form, template)
    page = "composer/library/edit.html"
    if preview is None:
        return render(request, page, _edit_context(form, template=template), status=400)
    if request.POST.get("action") != "publish":
        return render(request, page, _edit_context(form, template=template, preview=preview))
    if preview.errors:
        context = _edit_context(form, template=template, preview=preview, publish_refused=True)
        return render(request, page, context, status=400)
    if preview.warnings and not form.cleaned_data["acknowledge_warnings"]:
        form.add_error(
            "acknowledge_warnings", _("The preview has warnings: read them and confirm before publishing.")
        )
        return render(request, page, _edit_context(form, template=template, preview=preview), status=400)
    if template is None:
        template = MessageTemplate(
            message_type=form.cleaned_data["message_type"], language=form.cleaned_data["language"]
        )
    note = "Published with acknowledged warnings" if preview.warnings else "Published"
    template.publish(
        subject=form.cleaned_data["subject"], body=form.cleaned_data["body"], by=request.user, note=note
    )
    messages.success(request, _("Template published."))
    return redirect("template_edit", pk=template.pk)


@login_required
@admin_only
@require_http_methods(["GET", "POST"])
def template_new(request: HttpRequest) -> HttpResponse:
    initial = {k: request.GET[k] for k in ("message_type", "language") if k in request.GET}
    form = NewTemplateForm(request.POST or None, initial=initial)
    if request.method == "POST":
        return _edit(request, form, None)
    return render(request, "composer/library/edit.html", _edit_context(form, template=None))


@login_required
@admin_only
@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(MessageTemplate, pk=pk)
    if request.method == "POST":
        return _edit(request, TemplateForm(request.POST), template)
    form = TemplateForm(initial={"subject": template.subject, "body": template.body})
    return render(request, "composer/library/edit.html", _edit_context(form, template=template))


@login_required
@admin_only
@require_POST
@per_user_limit("check")
def template_preview(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Return the checked preview fragment for the text being typed (htmx live preview)."""
    template = get_object_or_404(MessageTemplate, pk=pk) if pk is not None else None
    form = TemplateForm(request.POST) if template else NewTemplateForm(request.POST)
    form.is_valid()
    # A new template's type and language may clash with an existing one; the preview still helps.
    form.errors.pop("__all__", None)
    preview = _preview_for(form, template)
    if preview is None:
        content = render(request, "composer/partials/form_errors.html", {"form": form}).content
        return HttpResponseBadRequest(content)
    return render(request, "composer/library/preview.html", {"preview": preview})


@login_required
@admin_only
@require_GET
def template_history(request: HttpRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(MessageTemplate, pk=pk)
    versions = list(template.versions.select_related("created_by").order_by("number"))
    entries = []
    for previous, version in zip([None, *versions], versions, strict=False):
        entries.append(
            {
                "version": version,
                "subject_changed": previous is not None and previous.subject != version.subject,
                "previous_subject": previous.subject if previous else "",
                "diff": line_diff(previous.body if previous else "", version.body),
                # One box per version on the page, so each has its own id.
                "revert_form": RevertForm(auto_id=f"ack-{version.number}-%s"),
            }
        )
    entries.reverse()
    latest = versions[-1].number if versions else None
    context = {"template": template, "entries": entries, "latest": latest}
    return render(request, "composer/library/history.html", context)


@login_required
@admin_only
@require_POST
def template_revert(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """Publish an earlier version again, after the same check as any edit."""
    template = get_object_or_404(MessageTemplate, pk=pk)
    version = get_object_or_404(template.versions, number=number)
    form = RevertForm(request.POST)
    form.is_valid()
    preview = template_library.preview(
        message_type=template.message_type,
        language=template.language,
        subject=version.subject,
        body=version.body,
    )
    refused = preview.errors or (preview.warnings and not form.cleaned_data.get("acknowledge_warnings"))
    if refused:
        reason = (
            _("Version %(number)d fails today's guideline check and cannot be published again.")
            if preview.errors
            else _("Version %(number)d has warnings: read them and confirm to revert.")
        ) % {"number": number}
        context = {"template": template, "version": version, "preview": preview, "reason": reason}
        return render(request, "composer/library/revert_refused.html", context, status=400)
    template.revert_to(version, by=request.user)
    messages.success(request, _("Reverted to version %(number)d.") % {"number": number})
    return redirect("template_history", pk=template.pk)


@login_required
@admin_only
@require_GET
def library_export(request: HttpRequest) -> HttpResponse:
    data = json.dumps(template_library.export_library(), ensure_ascii=False, indent=2)
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    filename = f"template-library-{timezone.now():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@admin_only
@require_http_methods(["GET", "POST"])
def library_import(request: HttpRequest) -> HttpResponse:
    form = LibraryImportForm(request.POST or None, request.FILES or None)
    page = "composer/library/import.html"
    if request.method == "GET":
        return render(request, page, {"form": form})
    if not form.is_valid():
        return render(request, page, {"form": form}, status=400)
    try:
        entries = template_library.parse_library(form.cleaned_data["file"].read())
    except template_library.LibraryFileError as error:
        form.add_error("file", str(error))
        return render(request, page, {"form": form}, status=400)
    report = template_library.import_library(entries, by=request.user)
    return render(request, page, {"form": LibraryImportForm(), "report": report})
