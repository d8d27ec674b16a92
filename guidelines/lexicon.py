"""Phrase lexicons per language: compile the phrases and cues of a language pack and find them.

The phrases live in the language packs (``languages/<code>/pack.toml``, see its README); a
lexicon holds the pack's ``[phrases]`` and ``[cues]`` lists, each under its key.

Phrase syntax (case-insensitive):

- ``word``       the word itself, between word boundaries;
- ``stem*``      the stem followed by any letters (inflections: ``bewert*`` finds Bewertung);
- ``*word``      the word also inside compounds (``*rezension`` finds Kundenrezension);
- ``a b``        words in sequence, separated by spaces or punctuation inside one sentence;
- ``(a|b c)``    alternatives; ``(…)?`` makes the group optional, ``word?`` an optional word;
- ``~N``         up to N arbitrary words (CJK: characters) in between;
- ``#``          a number such as 5, 10,50 or 1.000, or a hyphenated one such as an order ID.

CJK lexicons (packs with ``word_separated = false``) match phrases as substrings, because Japanese and Chinese do not
put spaces between words; ``a b`` then means "a directly followed by b" (spaces allowed).

Scanning is linear in the text: each phrase is tried only where a word (or, for CJK, a
character) that can start it appears, and gaps are bounded.
"""

from __future__ import annotations

import itertools
import re
import threading
import unicodedata
from collections import Counter, OrderedDict, defaultdict
from dataclasses import dataclass, field
from functools import cache

from .languages import PLAIN_WORD_CUES, find_pack, script_language, template_language
from .scripts import CLAUSE_BREAKS, HAN, KANA

# Words inside a phrase may be separated by anything but a sentence end.
_SEP = r"[^\w.!?\n]+(?:\n[^\w.!?\n]*)?"
_CJK_SEP = r"[ \t\u3000]*"
# A gap in a Japanese or Chinese phrase stops at a clause or sentence break (and a line's end).
_CJK_GAP_BREAKS = re.escape(CLAUSE_BREAKS.replace(":", "") + ",") + r"\n"
# Hyphen-joined digit groups are one number, so an order ID (123-1234567-1234567) is one "#".
# Atomic: what follows a number never starts with a digit, so giving digits back cannot help,
# and on "1-1-1-…" trying every shorter reading at every digit made phrase scans slow.
_NUMBER = r"(?>\d+(?:[.,]\d+){0,4}(?:-\d+){0,3})"
_WORD = re.compile(r"\w+")


class LexiconError(ValueError):
    """A phrase in a lexicon file cannot be parsed."""


@dataclass
class _Node:
    kind: str  # "word", "group", "gap", "number"
    text: str = ""
    stem: bool = False
    # Written against the number before or after it ("£#", "#円"): no space needed in between.
    glued: bool = False
    # A leading * finds the word inside compounds (German Produktbewertung, Dutch klantrecensie).
    infix: bool = False
    optional: bool = False
    size: int = 0
    alternatives: list[list[_Node]] = field(default_factory=list)


def _glued_number(token: str, phrase: str) -> list[_Node]:
    """Split a word with a number inside ("£#", "#円", "打#折") into words and a number."""
    if token[-1] in "?*" or token[0] == "*":
        raise LexiconError(f"a word glued to # cannot be optional or a stem: {token!r} of {phrase!r}")
    nodes: list[_Node] = []
    for index, part in enumerate(token.split("#")):
        if index:
            nodes.append(_Node("number"))
        if part:
            nodes.append(_Node("word", text=unicodedata.normalize("NFKC", part).lower(), glued=True))
    return nodes


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
                if pos and phrase[pos - 1].isalpha() and ord(phrase[pos - 1]) < 0x2000:
                    # "record(amos|ar)" would need a space between "record" and "amos".
                    raise LexiconError(f"a group must not be glued to a word: {phrase!r}")
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
                if "#" in token and token.rstrip("?") != "#":
                    items.extend(_glued_number(token, phrase))
                    continue
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
                elif "?" in token or token.startswith("-") or "*" in token.strip("*"):
                    # "-?vous" or "petite?x" would silently mean something else than intended.
                    raise LexiconError(f"misplaced ?, * or - in {token!r} of {phrase!r}")
                # Messages are read in their normalised form (NFKC, lower case): so are phrases.
                node.text = unicodedata.normalize("NFKC", token).lower()
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
                # Characters, never across a clause break; a number counts as one, however it
                # is written (五百円 and 500円 are as far from the words around them).
                parts.append(f"(?:[0-9]++|[^{_CJK_GAP_BREAKS}0-9]){{0,{node.size}}}?")
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
        previous = nodes[index - 1] if index else None
        if index and not cjk and node.kind == "word" and not re.match(r"\w", node.text):
            joiner = r"[ \t\u00a0]?"  # symbols such as % or € may follow a number directly
        elif index and not cjk and (node.glued or previous.glued):
            joiner = r"[ \t\u00a0]?"  # "£#" finds "£10" and "£ 10"
        elif index and not cjk and node.kind == "group" and nodes[index - 1].kind == "number":
            joiner = f"(?:{sep})?"  # "# (%|euro)" finds "10%" as well as "10 euro"
        piece = f"(?:{joiner}{body})" if joiner else f"(?:{body})"
        parts.append(piece + ("?" if node.optional else ""))
    return "".join(parts)


def _first_keys(nodes: list[_Node], cjk: bool) -> set[str]:
    """Return the keys under which a phrase is indexed: how its first word can begin.

    ``=word`` is an exact first word, ``*stem`` a first word that starts with ``stem``, ``#`` a
    number; CJK phrases are indexed by their first character.
    """
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
    exact = lead.group(0) == node.text and not node.stem and "-" not in node.text
    return {("=" if exact else "*") + lead.group(0)}


_Entry = tuple[str, re.Pattern[str]]
# A candidate group for a token: its guard (or None), the followers test (or None), its phrases.
_Candidates = tuple[re.Pattern[str] | None, tuple[str, ...] | None, list[_Entry]]


@dataclass
class Lexicon:
    """The compiled phrases of one language, indexed by how they begin."""

    language: str
    cjk: bool
    keys: tuple[str, ...]
    # index key ("=word", "*stem", "#", or a CJK character) → [(phrase key, compiled phrases)]
    index: dict[str, list[_Entry]]
    # For CJK: where a phrase can start. For others: where a compound-word phrase can start.
    starts: re.Pattern[str] | None = None
    infix: dict[str, list[_Entry]] = field(default_factory=dict)
    stem_lengths: tuple[int, ...] = ()
    # index key → one pattern of all its phrases: a single failed match skips them all.
    guards: dict[str, re.Pattern[str] | None] = field(default_factory=dict)
    # token → candidate phrase groups; tokens repeat across messages, so lookups stay cheap.
    # index key → how the word after the first one can begin, when every guarded phrase of
    # the key puts a separator between its first two words (a cheap test before the guard);
    # () for an unguarded key whose every phrase puts a separator after its first word.
    followers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _candidates: dict[str, tuple[_Candidates, ...]] = field(default_factory=dict, repr=False)
    # (generation, paragraph) → its matches by phrase key, the most recently read last.
    _paragraphs: OrderedDict[tuple[int, str], dict[str, tuple[tuple[int, int], ...]]] = field(
        default_factory=OrderedDict, repr=False
    )

    def _candidates_for(self, token: str) -> tuple[_Candidates, ...]:
        found = self._candidates.get(token)
        if found is not None:
            return found
        keys = ["=" + token]
        keys += ["*" + token[:length] for length in self.stem_lengths if length <= len(token)]
        if token[0].isdigit():
            keys.append("#")
        if len(self._candidates) > 200_000:
            self._candidates.clear()  # random input must not grow the cache without bound
        result = tuple(
            (self.guards[k + kind], self.followers.get(k + kind), self.index[k + kind])
            for k in keys
            for kind in ("~", "!")  # longer phrases first: a match hides shorter ones inside it
            if k + kind in self.index
        )
        self._candidates[token] = result
        return result

    def scan(self, text: str) -> dict[str, list[tuple[int, int]]]:
        """Return every phrase match in ``text`` by phrase key, as ``(start, end)`` spans.

        No phrase reaches over a blank line (a separator holds at most one line break), so the
        text is read paragraph by paragraph, each kept per process: while a seller types, only
        the paragraph being typed is read again.
        """
        found: dict[str, list[tuple[int, int]]] = defaultdict(list)
        start = 0
        for paragraph_break in _PARAGRAPH_BREAK.finditer(text):
            self._scan_paragraph(text[start : paragraph_break.start()], start, found)
            start = paragraph_break.end()
        self._scan_paragraph(text[start:], start, found)
        return found

    def _scan_paragraph(self, paragraph: str, offset: int, found: dict[str, list[tuple[int, int]]]) -> None:
        key = (_generation[0], paragraph)
        with _paragraphs_lock:
            spans = self._paragraphs.get(key)
            if spans is not None:
                self._paragraphs.move_to_end(key)
        if spans is None:
            spans = {name: tuple(found_spans) for name, found_spans in self._scan(paragraph).items()}
            with _paragraphs_lock:
                self._paragraphs[key] = spans
                if len(self._paragraphs) > _PARAGRAPHS_KEPT:
                    self._paragraphs.popitem(last=False)
        for name, paragraph_spans in spans.items():
            found[name].extend((start + offset, end + offset) for start, end in paragraph_spans)

    def _scan(self, text: str) -> dict[str, list[tuple[int, int]]]:
        found: dict[str, list[tuple[int, int]]] = defaultdict(list)
        if self.cjk:
            if self.starts is not None:
                numbers = self.index.get("#", ())
                number_guard = self.guards.get("#")
                seen: Counter[str] = Counter()
                for start_match in self.starts.finditer(text):
                    start = start_match.start()
                    char = start_match.group(0)
                    seen[char] += 1
                    if seen[char] > MAX_MATCHES:
                        continue  # a flood of one word: it starts no more phrases here
                    entries = self.index.get(char.lower(), ())
                    # "#割引" starts where a number starts; one guard tries them all at once.
                    at_number = numbers and char.isdigit() and not (start and text[start - 1].isdigit())
                    if at_number and (number_guard is None or number_guard.match(text, start)):
                        entries = (*entries, *numbers)
                    for key, pattern in entries:
                        if len(found.get(key, ())) >= MAX_MATCHES:
                            continue  # a flood of one phrase: the rules read the first ones
                        match = pattern.match(text, start)
                        if match:
                            found[key].append(match.span())
            return found
        last_end: dict[str, int] = {}
        lowered = text.lower()
        per_word = len(lowered) != len(text)  # a few characters change length when lowered
        if per_word:
            lowered = text
        candidates_for, known = self._candidates_for, self._candidates
        words = list(_WORD.finditer(lowered))
        size = len(text)
        seen: Counter[str] = Counter()
        for index, word in enumerate(words):
            token = word.group(0).lower() if per_word else word.group(0)
            groups = known.get(token)
            if groups is None:
                groups = candidates_for(token)
            if not groups:
                continue
            seen[token] += 1
            if seen[token] > MAX_MATCHES:
                continue  # a flood of one word ("Bewertung Bewertung …"): it starts no more phrases
            start = word.start()
            for guard, followers, entries in groups:
                if followers is not None:  # its phrases need a separator after the word
                    end = word.end()
                    if end >= size or text[end] in ".!?\n":
                        continue
                    if followers and not _next_word_may_begin(words, index, followers):
                        continue  # what follows the word cannot begin any of its phrases
                if guard is not None and not guard.match(text, start):
                    continue
                for key, pattern in entries:
                    if last_end.get(key, -1) > start or len(found.get(key, ())) >= MAX_MATCHES:
                        continue  # already inside a match of the same kind, or a flood of it
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


def _next_word_may_begin(words: list[re.Match[str]], index: int, followers: tuple[str, ...]) -> bool:
    """Tell whether the word after ``words[index]`` can begin a second word of ``followers``.

    A phrase's first two words are apart by a separator, which holds no word character, so
    the next word (by ``_WORD``) is where its second word must begin; the scan has checked that
    a separator can start right after the first word (no sentence end or line break there).
    ``followers`` are ASCII; a word that is not is left to the guard (case-blind matching has
    rules beyond ``str.lower``).
    """
    if index + 1 >= len(words):
        return False
    following = words[index + 1].group(0).lower()
    return not following.isascii() or following.startswith(followers)


# Matches kept per phrase key and paragraph: more is a flood of one phrase ("coupon coupon …"),
# of which the rules read the first ones (``message.MAX_SPANS``).
MAX_MATCHES = 256
# Blank lines, where no phrase match can continue; the paragraphs between them are read alone.
_PARAGRAPH_BREAK = re.compile(r"\n\n+")
_PARAGRAPHS_KEPT = 4096  # per lexicon
_paragraphs_lock = threading.Lock()
_generation = [0]  # a new generation makes every kept paragraph unknown


def forget_paragraphs() -> None:
    """Drop the phrase matches kept per paragraph (the benchmark reads every text as new)."""
    with _paragraphs_lock:
        _generation[0] += 1


def _variants(nodes: list[_Node], phrase: str) -> list[list[_Node]]:
    """Expand a leading optional word into the phrase with it and the phrase without it."""
    if not nodes or nodes[0].kind == "gap":
        raise LexiconError(f"a phrase needs a required word before any gap: {phrase!r}")
    if not nodes[0].optional:
        return [nodes]
    required = _Node(**{**nodes[0].__dict__, "optional": False})
    return [[required, *nodes[1:]], *_variants(nodes[1:], phrase)]


def _merge_cjk(index: dict[str, list[_Entry]]) -> dict[str, list[_Entry]]:
    """Drop the guard markers from CJK keys: CJK phrases are found by their first character."""
    merged: dict[str, list[_Entry]] = defaultdict(list)
    for key, entries in index.items():
        merged[key[:-1]].extend(entries)
    return dict(merged)


def _guard_parts(nodes: list[_Node], cjk: bool) -> tuple[str, str] | None:
    """Return a phrase's first required word and what must follow it as two patterns, or None.

    None when a one-word test is all there is: a single word, or a gap or optional word next.
    """
    if len(nodes) < 2 or nodes[1].kind == "gap" or nodes[1].optional or cjk:
        return None
    first, both = _render(nodes[:1], cjk), _render(nodes[:2], cjk)
    return first, both[len(first) :]


def _one_word(node: _Node) -> bool:
    """Tell whether a phrase's first part is always exactly one word (one run of ``\\w``)."""
    if node.kind == "group":
        return all(len(alternative) == 1 and _one_word(alternative[0]) for alternative in node.alternatives)
    return node.kind == "word" and not node.optional and re.fullmatch(r"\w+", node.text) is not None


def _separated_after_first(nodes: list[_Node], cjk: bool) -> bool:
    """Tell whether a phrase must go on with a separator right after its first word (one word)."""
    if cjk or not _one_word(nodes[0]):
        return False
    for previous, node in itertools.pairwise(nodes):
        if node.kind == "gap":
            continue  # no words, or a separator and a word
        symbol = node.kind == "word" and re.match(r"\w", node.text) is None
        if symbol or (node.kind == "group" and previous.kind == "number"):
            return False  # joined without a separator ("10%", "10euro")
        if not node.optional:
            return True
    return False  # the phrase may end with its first word


def _second_word_starts(node: _Node) -> set[str] | None:
    """Return how a phrase's second word can begin (its leading letters and digits, lower case),
    or None when it may begin otherwise: a symbol, a word inside a compound, an optional part."""
    if node.optional:
        return None
    if node.kind == "number":
        return set("0123456789")
    if node.kind == "word":
        lead = re.match(r"\w+", node.text)
        return {lead.group(0)} if lead and not node.infix else None
    if node.kind == "group":
        starts: set[str] = set()
        for alternative in node.alternatives:
            found = _second_word_starts(alternative[0]) if alternative else None
            if found is None:
                return None
            starts |= found
        return starts
    return None


def _guard_pattern(parts: list[tuple[str, str]]) -> re.Pattern[str]:
    """Compile the guards of one index key with each first word written once.

    ``you (can|could)`` and ``you will`` become ``you(?:(can|could)|will)``: the regex engine
    does not factor common prefixes itself, and a first word such as a number tried once per
    phrase made every digit of "1-1-1-…" cost a dozen attempts.
    """
    follows: dict[str, list[str]] = {}
    for first, rest in parts:
        follows.setdefault(first, []).append(rest)
    alternatives = "|".join(
        f"{first}(?:{'|'.join(dict.fromkeys(rests))})" for first, rests in follows.items()
    )
    return re.compile(f"(?:{alternatives})", re.IGNORECASE)


def _merge(bodies: dict[tuple[str, str], list[str]], cjk: bool) -> dict[str, list[_Entry]]:
    """Compile the phrases sharing an index key and a phrase key into one alternation."""
    merged: dict[str, list[_Entry]] = defaultdict(list)
    tail = "" if cjk else r"(?!\w)"
    for (index_key, phrase_key), parts in bodies.items():
        unique = sorted(dict.fromkeys(parts), key=len, reverse=True)
        pattern = re.compile("(?:" + "|".join(f"(?:{p}){tail}" for p in unique) + ")", re.IGNORECASE)
        merged[index_key].append((phrase_key, pattern))
    return dict(merged)


def compile_lexicon(language: str, data: dict) -> Lexicon:
    """Compile ``{"cjk": bool, "phrases": {key: [phrase, …]}}``; raise ``LexiconError`` on a bad phrase."""
    cjk = bool(data.get("cjk", False))
    bodies: dict[tuple[str, str], list[str]] = defaultdict(list)
    # Phrases whose first two words can be tested cheaply are grouped behind one guard pattern
    # of those words ("=you" + "~"); the others run directly ("=you" + "!").
    guard_bodies: dict[str, list[tuple[str, str]]] = defaultdict(list)
    follower_starts: dict[str, list[set[str] | None]] = defaultdict(list)
    separated_first: dict[str, list[bool]] = defaultdict(list)
    infix_bodies: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, phrases in data.get("phrases", {}).items():
        for phrase in phrases:
            for nodes in _variants(_parse(phrase.strip()), phrase):
                body = _render(nodes, cjk)
                if nodes[0].infix and not cjk:
                    infix_bodies[(nodes[0].text, key)].append(body)
                    continue
                guard = _guard_parts(nodes, cjk)
                for first in _first_keys(nodes, cjk):
                    bodies[(first + ("~" if guard else "!"), key)].append(body)
                    if not guard:
                        separated_first[first + "!"].append(_separated_after_first(nodes, cjk))
                    if guard:
                        guard_bodies[first + "~"].append(guard)
                        separated = guard[1].startswith("(?:" + _SEP) and _one_word(nodes[0])
                        starts = _second_word_starts(nodes[1]) if separated else None
                        follower_starts[first + "~"].append(starts)
    index = _merge(bodies, cjk)
    infix = _merge(infix_bodies, cjk)
    compiled_guards: dict[str, re.Pattern[str] | None] = {k: None for k in index if k.endswith("!")}
    for index_key, parts in guard_bodies.items():
        compiled_guards[index_key] = _guard_pattern(parts)
    followers = {
        index_key: tuple(sorted(set().union(*starts)))
        for index_key, starts in follower_starts.items()
        # ASCII only: case-blind matching pairs "I" with a Turkish "ı", which str.lower does not.
        if all(found is not None and all(map(str.isascii, found)) for found in starts)
    }
    # Keys without a guard whose every phrase puts a separator after its first word.
    followers.update({key: () for key, separated in separated_first.items() if all(separated)})
    starts = None
    if cjk:
        index = _merge_cjk(index)
        if "#" in index:  # number-led phrases: one pattern of them all, tried first at each number
            compiled_guards["#"] = re.compile("|".join(p.pattern for _, p in index["#"]), re.IGNORECASE)
        chars = sorted({k for k in index if k != "#"} | {k.upper() for k in index if k != "#"})
        body = "".join(re.escape(c) for c in chars) + ("0-9" if "#" in index else "")
        if body:
            starts = re.compile(f"[{body}]")
    elif infix:
        frags = sorted(infix, key=len, reverse=True)
        starts = re.compile("|".join(re.escape(f) for f in frags), re.IGNORECASE)
    stem_lengths = tuple(sorted({len(k) - 2 for k in index if k.startswith("*")}))
    return Lexicon(
        language=language,
        cjk=cjk,
        keys=tuple(data.get("phrases", {})),
        index=index,
        starts=starts,
        infix=infix,
        stem_lengths=stem_lengths,
        guards=compiled_guards,
        followers=followers,
    )


@cache
def load_lexicon(language: str | None) -> Lexicon | None:
    """Return the compiled phrases and cues of ``language`` (``de``), or ``None`` without a pack."""
    pack = find_pack(language)
    if pack is None:
        return None
    # Plain-word cues are read through ``plain_words_pattern``, never as phrases of the text.
    cues = {key: words for key, words in pack.cues.items() if key not in PLAIN_WORD_CUES}
    phrases = {**pack.phrases, **cues}
    try:
        return compile_lexicon(pack.code, {"cjk": not pack.word_separated, "phrases": phrases})
    except LexiconError as error:
        raise LexiconError(f"{pack.path}: {error}") from error


# Which pack's language each writing system stands for when nothing else tells.
_SCRIPT_TESTS = (("japanese", KANA), ("han", HAN))


def guess_script_language(text: str) -> str:
    """Guess a language from the writing system alone: kana → Japanese, Han → Chinese, else the
    language sellers write templates in (English)."""
    sample = text[:5000]
    for script, pattern in _SCRIPT_TESTS:
        if pattern.search(sample):
            return script_language(script)
    return template_language()


def looks_like(text: str, language: str) -> bool:
    """Tell whether a language's common words are frequent enough to read the text as it too."""
    lexicon = load_lexicon(language)
    if lexicon is None or lexicon.cjk:
        return False
    sample = text[:5000]
    words = len(_WORD.findall(sample))
    if words == 0:
        return False
    hits = len(lexicon.scan(sample).get("common", ()))
    return hits >= 2 and hits * 12 >= words
