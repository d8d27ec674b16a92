"""Choose what a spelling finding offers: one "Fix" when a correction is clearly right, else choices.

Hunspell's suggestions are sometimes absurd for a word it does not know (review → "reviejo" in
Spanish, and → "wand"). Offering those as a one-click fix teaches sellers to distrust every fix.
A correction is clearly right when it is a small edit away and a common word of the language
(wordfreq's zipf scale), and no other suggestion is about as close and as common. Otherwise the
seller sees at most three "Use …" choices, the most frequent first.
"""

from __future__ import annotations

from wordfreq import zipf_frequency

# A fix must be at least this common (zipf 3: about once per million words).
_COMMON = 3.0
# A flagged word this common in the language is used on purpose (a loanword, an English word
# in a Spanish message: "review", "and"): the seller chooses, nothing is changed in one click.
_USED_ON_PURPOSE = 3.5
# A rival suggestion this close in frequency, and no farther away, makes the choice unclear.
_RIVAL_MARGIN = 1.0
CHOICES = 3


def distance(a: str, b: str) -> int:
    """Return the edit distance of two words, counting a swap of neighbours as one edit."""
    rows = [list(range(len(b) + 1))]
    for i, x in enumerate(a, 1):
        row = [i]
        for j, y in enumerate(b, 1):
            cost = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                cost = min(cost, rows[-2][j - 2] + 1)
            row.append(cost)
        rows.append(row)
    return rows[-1][-1]


def _frequency(word: str, language: str) -> float:
    """Return the zipf frequency of a word; for a split ("your bank"), that of its rarer part."""
    return min(zipf_frequency(part, language) for part in word.split()) if word.strip() else 0.0


def choose(word: str, suggestions: tuple[str, ...], language: str) -> tuple[str | None, tuple[str, ...]]:
    """Return the fix (or None) and at most three choices ranked by frequency, the fix first."""
    if not suggestions:
        return None, ()
    lowered = word.casefold()
    scored = [(s, distance(lowered, s.casefold()), _frequency(s.casefold(), language)) for s in suggestions]
    ranked = tuple(s for s, _, _ in sorted(scored, key=lambda item: -item[2]))[:CHOICES]
    best, best_distance, best_frequency = min(scored, key=lambda item: (item[1], -item[2]))
    allowed = 1 if len(word) <= 4 else 2
    clear = (
        _frequency(lowered, language) < _USED_ON_PURPOSE
        and best_distance <= allowed
        and best_frequency >= _COMMON
        and not any(
            s != best and d <= best_distance and f >= best_frequency - _RIVAL_MARGIN for s, d, f in scored
        )
    )
    if not clear:
        return None, ranked
    return best, (best, *(s for s in ranked if s != best))[:CHOICES]


# A word this common in the language is a word, even if the dictionary lacks it ("önceden"
# in Turkish), unless a more common spelling is one edit away ("tambien" → "también").
_COMMON_WORD = 4.5


def used_as_written(word: str, suggestions: tuple[str, ...], language: str) -> bool:
    """Tell whether an unknown word is common enough in the language to be no mistake."""
    lowered = word.casefold()
    frequency = _frequency(lowered, language)
    if frequency < _COMMON_WORD:
        return False
    # A split ("önce den") is no rival: a common word is not two words run together.
    return not any(
        " " not in s
        and distance(lowered, s.casefold()) <= 1
        and _frequency(s.casefold(), language) > frequency
        for s in suggestions
    )
