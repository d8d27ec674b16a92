"""The team dictionary: "Add to dictionary" on a spelling finding, and the page that manages it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..dictionary import DictionaryWordForm, TeamDictionaryWordForm
from ..models import DictionaryWord, User
from .access import get_draft_for_user, role_required


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@login_required
@require_POST
def dictionary_add_from_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a flagged word to the draft's team dictionary, then go back to the editor."""
    draft = get_draft_for_user(request, pk)
    form = DictionaryWordForm(request.POST)
    if not form.is_valid():
        if _wants_json(request):
            return JsonResponse({"errors": form.errors}, status=400)
        messages.error(request, " ".join(form.errors["word"]))
        return redirect("draft", pk=draft.pk)
    word, created = DictionaryWord.objects.add(
        team=draft.order.team, word=form.cleaned_data["word"], by=request.user
    )
    text = (
        _("“%(word)s” was added to your team's dictionary.")
        if created
        else _("“%(word)s” is already in your team's dictionary.")
    ) % {"word": word.word}
    if _wants_json(request):
        return JsonResponse({"word": word.word, "created": created, "message": text})
    messages.success(request, text)
    return redirect("draft", pk=draft.pk)


@login_required
@role_required(User.Role.LEAD)
@require_http_methods(["GET", "POST"])
def dictionary(request: HttpRequest) -> HttpResponse:
    """List the team dictionary and add words (leads: their team; admins: every team)."""
    form = TeamDictionaryWordForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        word, created = DictionaryWord.objects.add(
            team=form.cleaned_data["team"], word=form.cleaned_data["word"], by=request.user
        )
        if created:
            messages.success(request, _("“%(word)s” was added.") % {"word": word.word})
        else:
            messages.info(request, _("“%(word)s” is already in the dictionary.") % {"word": word.word})
        return redirect("dictionary")
    words = DictionaryWord.objects.visible_to(request.user).select_related("team", "added_by")
    status = 400 if request.method == "POST" else 200
    return render(request, "composer/dictionary.html", {"form": form, "words": words}, status=status)


@login_required
@role_required(User.Role.LEAD)
@require_POST
def dictionary_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove a word; another team's word gives 404."""
    word = get_object_or_404(DictionaryWord.objects.visible_to(request.user), pk=pk)
    word.delete()
    messages.success(request, _("“%(word)s” was removed.") % {"word": word.word})
    return redirect("dictionary")
