"""Writing systems, defined once: kana, Chinese characters, CJK text and their punctuation.

Kana is what tells Japanese from Chinese: the language check, the language packs' fallback, the
scope of negations and the site's reading of Amazon.co.jp order reports all ask here. The
punctuation below belongs to the writing systems (Latin and CJK full-width forms), not to any
one language: a Japanese sentence ends with 。 whoever wrote it.
"""

from __future__ import annotations

import regex

KANA = regex.compile(r"[\p{Hiragana}\p{Katakana}]")
HAN = regex.compile(r"\p{Han}")
CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
# The same characters as the body of a character class, for patterns of the standard ``re``
# module (which has no ``\p{…}``): hiragana, katakana, CJK ideographs and extension A.
CJK_CLASS = r"\u3040-\u30ff\u3400-\u9fff"

# Marks that end a sentence, and those that ask (half- and full-width).
SENTENCE_ENDS = ".!?。！？"
QUESTION_MARKS = ("?", "？")
# Marks that end a salutation line ("Dear Ms Rossi,", "Sehr geehrte Frau Rossi:", "王女士，").
SALUTATION_ENDS = (",", ":", "，", "：")
# Punctuation that ends a clause: a negation does not reach across it. Commas do not end one in
# Latin script, because a negation governs a whole list ("geen korting, cadeaubon of andere
# vergoeding"); the CJK clause comma does.
CLAUSE_BREAKS = ";:。！？；，!?"
# Dots that stand between words without being a full stop: middle dots and bullets ("shop·com").
# NFKC already reads the one-dot leader and the small and full-width full stops as ".".
DOT_MARKS = "·•‧∙⋅"
# Commas of every script: a condition ("if you are happy") is one clause and never spans one.
COMMAS = ",，、"


def has_kana(text: str) -> bool:
    """Tell whether ``text`` holds Japanese kana (hiragana or katakana, half-width included)."""
    return KANA.search(text) is not None


def ends_in_question(text: str) -> bool:
    """Tell whether ``text`` ends with a question mark (trailing spaces aside)."""
    return text.rstrip().endswith(QUESTION_MARKS)
