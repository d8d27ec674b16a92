"""The seller's spelling controls on a finding, and the page that manages the team dictionary.

On a spelling finding: "Ignore" (this draft only, with undo), "Add to my dictionary" (the
draft's author, every draft of theirs) and "Add to team dictionary" (leads and admins at
once; a seller too, with an "Undo" for a quarter of an hour, since it changes everyone's check).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..dictionary import DictionaryWordForm, TeamDictionaryWordForm
from ..http import wants_json
from ..models import DictionaryWord, Draft, PersonalWord, User
from .access import get_draft_for_user, role_required

# The session key under which the editor finds a team-dictionary addition it may offer to undo.
UNDO_SESSION_KEY = "dictionary_undo"


def _answer(request: HttpRequest, draft: Draft, text: str, **data: object) -> HttpResponse:
    """Answer a spelling control: JSON for the editor's script, else a message and the editor."""
    if wants_json(request):
        return JsonResponse({"message": text, **data})
    messages.success(request, text)
    return redirect("draft", pk=draft.pk)


def _invalid(request: HttpRequest, draft: Draft, form: DictionaryWordForm) -> HttpResponse:
    if wants_json(request):
        return JsonResponse({"errors": form.errors}, status=400)
    messages.error(request, " ".join(form.errors["word"]))
    return redirect("draft", pk=draft.pk)


def undoable_addition(request: HttpRequest, draft: Draft) -> DictionaryWord | None:
    """Return the team-dictionary word this user just added from this draft and may still undo."""
    pk = request.session.get(UNDO_SESSION_KEY)
    word = DictionaryWord.objects.filter(pk=pk, team=draft.order.team_id).first() if pk else None
    return word if word is not None and word.undoable_by(request.user) else None


@login_required
@require_POST
def dictionary_add_from_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a flagged word to the team dictionary; a seller's addition can be undone for a while."""
    draft = get_draft_for_user(request, pk)
    form = DictionaryWordForm(request.POST)
    if not form.is_valid():
        return _invalid(request, draft, form)
    word, created = DictionaryWord.objects.add(
        team=draft.order.team, word=form.cleaned_data["word"], by=request.user
    )
    text = (
        _("“%(word)s” was added to your team's dictionary.")
        if created
        else _("“%(word)s” is already in your team's dictionary.")
    ) % {"word": word.word}
    undo_url = reverse("dictionary_undo", args=[draft.pk]) if created else None
    if created:
        request.session[UNDO_SESSION_KEY] = word.pk
    return _answer(request, draft, text, word=word.word, created=created, undo_url=undo_url)


@login_required
@require_POST
def dictionary_undo(request: HttpRequest, pk: int) -> HttpResponse:
    """Take back this user's last team-dictionary addition, within the undo window."""
    draft = get_draft_for_user(request, pk)
    word = undoable_addition(request, draft)
    if word is None:
        text = _("There is nothing to undo any more.")
        if wants_json(request):
            return JsonResponse({"message": text}, status=409)
        messages.info(request, text)
        return redirect("draft", pk=draft.pk)
    word.delete()
    request.session.pop(UNDO_SESSION_KEY, None)
    return _answer(
        request, draft, _("“%(word)s” was taken out of your team's dictionary.") % {"word": word.word}
    )


@login_required
@require_POST
def personal_dictionary_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a flagged word to the author's own dictionary (only the author of the draft may)."""
    draft = get_draft_for_user(request, pk)
    if draft.author_id != request.user.pk:
        raise PermissionDenied
    form = DictionaryWordForm(request.POST)
    if not form.is_valid():
        return _invalid(request, draft, form)
    word, created = PersonalWord.objects.add(user=request.user, word=form.cleaned_data["word"])
    text = (
        _("“%(word)s” was added to your dictionary.")
        if created
        else _("“%(word)s” is already in your dictionary.")
    ) % {"word": word.word}
    return _answer(request, draft, text, word=word.word, created=created)


@login_required
@require_POST
def ignore_word(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept a flagged word in this draft only ("Ignore"); the answer carries its undo."""
    draft = get_draft_for_user(request, pk)
    form = DictionaryWordForm(request.POST)
    if not form.is_valid():
        return _invalid(request, draft, form)
    word = form.cleaned_data["word"]
    try:
        draft.ignore_word(word)
    except ValidationError as error:
        if wants_json(request):
            return JsonResponse({"errors": {"word": error.messages}}, status=400)
        messages.error(request, " ".join(error.messages))
        return redirect("draft", pk=draft.pk)
    text = _("“%(word)s” is ignored in this draft.") % {"word": word}
    return _answer(request, draft, text, word=word, undo_url=reverse("spelling_unignore", args=[draft.pk]))


@login_required
@require_POST
def unignore_word(request: HttpRequest, pk: int) -> HttpResponse:
    """Check an ignored word again in this draft (the undo of "Ignore")."""
    draft = get_draft_for_user(request, pk)
    form = DictionaryWordForm(request.POST)
    if not form.is_valid():
        return _invalid(request, draft, form)
    word = form.cleaned_data["word"]
    draft.stop_ignoring(word)
    return _answer(request, draft, _("“%(word)s” is checked again in this draft.") % {"word": word})


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
