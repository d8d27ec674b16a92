"""Phrase lexicons per language: load the data files in ``lexicons/`` and find their phrases.

A lexicon is a JSON file ``lexicons/<language>.json``::

    {"language": "de", "cjk": false, "phrases": {"incentive_offer": ["gutschein*", ...], ...}}

Phrase syntax (case-insensitive):

- ``word``       the word itself, between word boundaries;
- ``stem*``      the stem followed by any letters (inflections: ``bewert*`` finds Bewertung);
- ``*word``      the word also inside compounds (``*rezension`` finds Kundenrezension);
- ``a b``        words in sequence, separated by spaces or punctuation inside one sentence;
- ``(a|b c)``    alternatives; ``(…)?`` makes the group optional, ``word?`` an optional word;
- ``~N``         up to N arbitrary words (CJK: characters) in between;
- ``#``          a number such as 5, 10,50 or 1.000.

CJK lexicons (``"cjk": true``) match phrases as substrings, because Japanese and Chinese do not
put spaces between words; ``a b`` then means "a directly followed by b" (spaces allowed).

Scanning is linear in the text: each phrase is tried only where a word (or, for CJK, a
character) that can start it appears, and gaps are bounded.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

LEXICON_DIR = Path(__file__).parent / "lexicons"

# Languages whose lexicons cover every content rule, and those covering the high-risk ones.
FULL_LANGUAGES = ("en", "de", "fr", "es", "it", "ja")
PARTIAL_LANGUAGES = ("zh", "pt", "nl", "pl", "sv", "tr")

# Words inside a phrase may be separated by anything but a sentence end.
_SEP = r"[^\w.!?。！？\n]+(?:\n[^\w.!?。！？\n]*)?"
_CJK_SEP = r"[ \t\u3000]*"
_NUMBER = r"\d+(?:[.,]\d+)*"
_WORD = re.compile(r"\w+")


class LexiconError(ValueError):
    """A phrase in a lexicon file cannot be parsed."""


@dataclass
class _Node:
    kind: str  # "word", "group", "gap", "number"
    text: str = ""
    stem: bool = False
    # A leading * finds the word inside compounds (German Produktbewertung, Dutch klantrecensie).
    infix: bool = False
    optional: bool = False
    size: int = 0
    alternatives: list[list[_Node]] = field(default_factory=list)


def _parse(phrase: str) -> list[_Node]:
    """Parse one phrase into a sequence of nodes, or raise ``LexiconError``."""
    pos = 0

    def sequence(stop: str) -> list[_Node]:
        nonlocal pos
        items: list[_Node] = []
        while pos < len(phrase):
            char = phrase[pos]
            if char == " ":
                pos += 1
            elif char in stop:
                break
            elif char == "(":
                pos += 1
                alternatives = [sequence("|)")]
                while pos < len(phrase) and phrase[pos] == "|":
                    pos += 1
                    alternatives.append(sequence("|)"))
                if pos >= len(phrase) or phrase[pos] != ")":
                    raise LexiconError(f"unclosed group in {phrase!r}")
                pos += 1
                node = _Node("group", alternatives=alternatives)
                if pos < len(phrase) and phrase[pos] == "?":
                    node.optional = True
                    pos += 1
                items.append(node)
            elif char == "~":
                match = re.compile(r"~(\d+)").match(phrase, pos)
                if not match:
                    raise LexiconError(f"~ needs a number in {phrase!r}")
                items.append(_Node("gap", size=int(match.group(1))))
                pos = match.end()
            else:
                match = re.compile(r"[^ ()|~]+").match(phrase, pos)
                assert match is not None
                token = match.group(0)
                pos = match.end()
                node = _Node("word")
                if token.endswith("?"):
                    node.optional, token = True, token[:-1]
                if token.endswith("*"):
                    node.stem, token = True, token[:-1]
                if token.startswith("*") and len(token) > 1:
                    node.infix, token = True, token[1:]
                if token == "#":
                    node.kind = "number"
                elif not token:
                    raise LexiconError(f"empty word in {phrase!r}")
                node.text = token.lower()
                items.append(node)
        if not items:
            raise LexiconError(f"empty phrase or alternative in {phrase!r}")
        return items

    nodes = sequence("")
    if pos != len(phrase):
        raise LexiconError(f"unexpected {phrase[pos]!r} in {phrase!r}")
    if nodes[0].kind == "gap":
        raise LexiconError(f"a phrase must not start with a gap: {phrase!r}")
    return nodes


def _word_regex(text: str, cjk: bool) -> str:
    out = []
    for char in text:
        if char in "'’":
            out.append("['’]")
        elif char == "-" and not cjk:
            out.append(r"[-\s]?")
        else:
            out.append(re.escape(char))
    return "".join(out)


def _render(nodes: list[_Node], cjk: bool, leading: bool = True) -> str:
    sep = _CJK_SEP if cjk else _SEP
    parts: list[str] = []
    for index, node in enumerate(nodes):
        if node.kind == "gap":
            if cjk:
                parts.append(f"[^。！？\\n]{{0,{node.size}}}?")
            else:
                parts.append(f"(?:{_SEP}\\w+){{0,{node.size}}}?")
            continue
        if node.kind == "number":
            body = _NUMBER
        elif node.kind == "word":
            body = _word_regex(node.text, cjk) + (r"\w*" if node.stem else "")
            if node.infix and (index or not leading) and not cjk:
                body = r"\w*" + body  # the word may sit inside a compound
        else:
            inner = leading and index == 0
            body = "(?:" + "|".join(_render(alt, cjk, inner) for alt in node.alternatives) + ")"
        joiner = sep if index else ""
        if index and not cjk and node.kind == "word" and not re.match(r"\w", node.text):
            joiner = r"[ \t\u00a0]?"  # symbols such as % or € may follow a number directly
        piece = f"(?:{joiner}{body})" if joiner else f"(?:{body})"
        parts.append(piece + ("?" if node.optional else ""))
    return "".join(parts)


def _first_keys(nodes: list[_Node], cjk: bool) -> set[str]:
    """Return the keys under which a phrase is indexed: how its first word can begin."""
    node = nodes[0]
    if node.kind == "number":
        return {"#"}
    if node.kind == "group":
        keys: set[str] = set()
        for alt in node.alternatives:
            keys |= _first_keys(alt, cjk)
        return keys
    if cjk:
        return {node.text[0]}
    lead = re.match(r"\w+", node.text)
    if not lead:
        raise LexiconError(f"a phrase must start with a letter or digit: {node.text!r}")
    return {lead.group(0)[:3]}


@dataclass
class Lexicon:
    """The compiled phrases of one language, indexed by how they begin."""

    language: str
    cjk: bool
    keys: tuple[str, ...]
    # first-word key → [(phrase key, compiled phrase)]
    index: dict[str, list[tuple[str, re.Pattern[str]]]]
    key_lengths: tuple[int, ...]
    # For CJK: where a phrase can start. For others: where a compound-word phrase can start.
    starts: re.Pattern[str] | None = None
    infix: dict[str, list[tuple[str, re.Pattern[str]]]] = field(default_factory=dict)

    def scan(self, text: str) -> dict[str, list[tuple[int, int]]]:
        """Return every phrase match in ``text`` by phrase key, as ``(start, end)`` spans."""
        found: dict[str, list[tuple[int, int]]] = defaultdict(list)
        if self.cjk:
            if self.starts is not None:
                for start_match in self.starts.finditer(text):
                    start = start_match.start()
                    for key, pattern in self.index.get(start_match.group(0).lower(), ()):
                        match = pattern.match(text, start)
                        if match:
                            found[key].append(match.span())
            return found
        last_end: dict[str, int] = {}
        for word in _WORD.finditer(text):
            token = word.group(0).lower()
            start = word.start()
            candidates: list[tuple[str, re.Pattern[str]]] = []
            if token[0].isdigit():
                candidates.extend(self.index.get("#", ()))
            for length in self.key_lengths:
                if len(token) >= length:
                    candidates.extend(self.index.get(token[:length], ()))
            for key, pattern in candidates:
                if last_end.get(key, -1) > start:
                    continue  # already inside a match of the same kind
                match = pattern.match(text, start)
                if match:
                    found[key].append(match.span())
                    last_end[key] = match.end()
        if self.starts is not None:
            for frag_match in self.starts.finditer(text):
                pos = frag_match.start()
                word_start = pos
                while word_start > 0 and text[word_start - 1].isalnum() and pos - word_start < 40:
                    word_start -= 1
                for frag, entries in self.infix.items():
                    if text[pos : pos + len(frag)].lower() != frag:
                        continue
                    for key, pattern in entries:
                        match = pattern.match(text, pos)
                        if match and last_end.get(key, -1) <= word_start:
                            found[key].append((word_start, match.end()))
                            last_end[key] = match.end()
            for spans in found.values():
                spans.sort()
        return found


def _variants(nodes: list[_Node], phrase: str) -> list[list[_Node]]:
    """Expand a leading optional word into the phrase with it and the phrase without it."""
    if not nodes or nodes[0].kind == "gap":
        raise LexiconError(f"a phrase needs a required word before any gap: {phrase!r}")
    if not nodes[0].optional:
        return [nodes]
    required = _Node(**{**nodes[0].__dict__, "optional": False})
    return [[required, *nodes[1:]], *_variants(nodes[1:], phrase)]


def compile_lexicon(language: str, data: dict) -> Lexicon:
    """Compile a lexicon's JSON data; raise ``LexiconError`` on a malformed phrase."""
    cjk = bool(data.get("cjk", False))
    index: dict[str, list[tuple[str, re.Pattern[str]]]] = defaultdict(list)
    infix: dict[str, list[tuple[str, re.Pattern[str]]]] = defaultdict(list)
    for key, phrases in data.get("phrases", {}).items():
        for phrase in phrases:
            for nodes in _variants(_parse(phrase.strip()), phrase):
                body = _render(nodes, cjk)
                pattern = re.compile(body if cjk else body + r"(?!\w)", re.IGNORECASE)
                if nodes[0].infix and not cjk:
                    infix[nodes[0].text].append((key, pattern))
                    continue
                for first in _first_keys(nodes, cjk):
                    index[first].append((key, pattern))
    starts = None
    if cjk:
        chars = sorted({k for k in index if k != "#"} | {k.upper() for k in index if k != "#"})
        if chars:
            starts = re.compile("[" + "".join(re.escape(c) for c in chars) + "]")
    elif infix:
        frags = sorted(infix, key=len, reverse=True)
        starts = re.compile("|".join(re.escape(f) for f in frags), re.IGNORECASE)
    lengths = tuple(sorted({len(k) for k in index if k != "#"}))
    return Lexicon(
        language=language,
        cjk=cjk,
        keys=tuple(data.get("phrases", {})),
        index=dict(index),
        key_lengths=lengths,
        starts=starts,
        infix=dict(infix),
    )


@cache
def load_lexicon(language: str) -> Lexicon | None:
    """Return the compiled lexicon of ``language`` (``de``), or ``None`` when there is none."""
    if not re.fullmatch(r"[a-z]{2,3}", language or ""):
        return None
    path = LEXICON_DIR / f"{language}.json"
    if not path.exists():
        return None
    with path.open(encoding="utf-8") as handle:
        return compile_lexicon(language, json.load(handle))


def available_languages() -> list[str]:
    """Return the languages that have a lexicon file."""
    return sorted(p.stem for p in LEXICON_DIR.glob("*.json"))


_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
# A few very common English function words: enough to notice an English body cheaply.
_ENGLISH_WORDS = re.compile(r"(?<!\w)(?:the|and|you|your|we|our|for|with|please|is|are)(?!\w)", re.IGNORECASE)


def guess_script_language(text: str) -> str:
    """Guess a language from the writing system alone: ja for kana, zh for Han, else en."""
    sample = text[:5000]
    if _KANA.search(sample):
        return "ja"
    if _HAN.search(sample):
        return "zh"
    if _HANGUL.search(sample):
        return "ko"
    return "en"


def looks_english(text: str) -> bool:
    """Tell whether English function words are frequent enough to read the text as English too."""
    sample = text[:5000]
    words = len(_WORD.findall(sample))
    if words == 0:
        return False
    hits = len(_ENGLISH_WORDS.findall(sample))
    return hits >= 2 and hits * 12 >= words
