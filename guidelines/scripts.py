"""Writing systems, defined once: what counts as Japanese kana, Chinese characters and CJK text.

Kana is what tells Japanese from Chinese: the language check, the language packs' fallback, the
scope of negations and the site's reading of Amazon.co.jp order reports all ask here.
"""

from __future__ import annotations

import regex

KANA = regex.compile(r"[\p{Hiragana}\p{Katakana}]")
HAN = regex.compile(r"\p{Han}")
CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")


def has_kana(text: str) -> bool:
    """Tell whether ``text`` holds Japanese kana (hiragana or katakana, half-width included)."""
    return KANA.search(text) is not None
