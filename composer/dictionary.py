"""The team dictionary: words the spelling check accepts for one team (brands, product terms)."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DictionaryWord, Team, User

# One word as the spelling check sees it: letters and digits, joined by ' - . or &.
_WORD = re.compile(r"^\w+(?:['’.&-]\w+)*$")


class DictionaryWordForm(forms.Form):
    word = forms.CharField(
        label=_("Word"),
        max_length=64,
        help_text=_("One word, spelled as in your messages, e.g. a brand or a product term."),
    )

    def clean_word(self) -> str:
        word = self.cleaned_data["word"].strip()
        if not _WORD.match(word):
            raise forms.ValidationError(
                _("Enter a single word without spaces or punctuation around it."), code="not_a_word"
            )
        return word


class TeamDictionaryWordForm(DictionaryWordForm):
    """The dictionary page's form: admins pick the team, leads add to their own."""

    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none())

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if user.is_admin_role:
            self.fields["team"].queryset = Team.objects.order_by("name")
        else:
            self.fields["team"].queryset = Team.objects.filter(pk=user.team_id)
            self.fields["team"].initial = user.team_id
            self.fields["team"].widget = forms.HiddenInput()


def team_words(team: Team) -> frozenset[str]:
    """Return the words the spelling check must accept for ``team``."""
    return DictionaryWord.objects.words_for(team)
