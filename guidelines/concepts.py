"""Layer 6: concepts (REVIEW, REMOVE, REWARD …) found in each sentence, with their scope.

A pack defines each concept by lemma patterns (``lemmas``: words are lemmas, so one entry
covers every inflection) and, where lemmas cannot say it, surface phrases (``phrases``, the
phrase syntax of ``lexicon.py``). Lemma patterns use the same syntax over tokens:

- ``word``      a token whose surface, lemma (or Japanese dictionary form) is ``word``;
- ``stem*`` / ``*word`` / ``*part*``   a form that starts with / ends with / contains it;
- ``(a|b c)``   alternatives; ``word?`` and ``(…)?`` are optional;
- ``~N``        up to N other tokens of the same sentence in between;
- ``#``         a number.

Matching walks the tokens once; each pattern is tried only where its first word can start.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache, cached_property

from .languages import load_pack
from .lexicon import LexiconError, _Node, _parse, _variants, compile_lexicon
from .tokens import Token


@dataclass(frozen=True)
class ConceptSpan:
    """Where a concept was found, and the scope it stands in."""

    concept: str
    start: int
    end: int
    sentence: int
    language: str
    negated: bool = False  # "we do not offer any reward", 不提供返现
    question: bool = False  # the sentence asks ("Did you get a refund?")
    conditional: bool = False  # inside a condition ("if you are happy")
    quoted: bool = False  # the buyer's words quoted back, or a quotation
    # A pronoun or demonstrative that stands for this concept named just before ("remove it").
    reference: bool = False

    @property
    def asserted(self) -> bool:
        """Tell whether the sentence states or asks for the concept (not negated, asked or quoted)."""
        return not (self.negated or self.question or self.quoted)


def _word_test(node: _Node):
    text = node.text
    if node.kind == "number":
        return lambda token: token.is_number
    if node.infix and node.stem:
        return lambda token: any(text in form for form in token.forms)
    if node.infix:
        return lambda token: any(form.endswith(text) for form in token.forms)
    if node.stem:
        return lambda token: any(form.startswith(text) for form in token.forms)
    return lambda token: text in token.forms


def _match(nodes: list[_Node], tokens: tuple[Token, ...], index: int) -> int | None:
    """Return the index after the match of ``nodes`` at ``tokens[index]``, or None."""
    if not nodes:
        return index
    node, rest = nodes[0], nodes[1:]
    if node.kind == "gap":
        for skip in range(node.size + 1):
            if index + skip > len(tokens):
                break
            found = _match(rest, tokens, index + skip)
            if found is not None:
                return found
        return None
    if node.kind == "group":
        for alternative in node.alternatives:
            found = _match(alternative + rest, tokens, index)
            if found is not None:
                return found
        return _match(rest, tokens, index) if node.optional else None
    if index < len(tokens) and _word_test(node)(tokens[index]):
        found = _match(rest, tokens, index + 1)
        if found is not None:
            return found
    return _match(rest, tokens, index) if node.optional else None


def _first_words(nodes: list[_Node]) -> list[_Node]:
    node = nodes[0]
    if node.kind == "group":
        return [word for alternative in node.alternatives for word in _first_words(alternative)]
    return [node]


@dataclass
class ConceptMatcher:
    """One language's concept patterns, indexed by how their first word can match a token."""

    language: str
    # The first word exactly (a token form), a prefix of a form (``stem*``) by its length, or
    # anything else (``*end``, ``*part*``, ``#``), which is tested on every token.
    exact: dict[str, list[tuple[str, list[_Node]]]]
    stems: dict[str, list[tuple[str, list[_Node]]]]
    other: list[tuple[str, list[_Node], object]]
    phrases: object  # the compiled surface phrases (a Lexicon) by concept

    @cached_property
    def _stem_lengths(self) -> tuple[int, ...]:
        return tuple(sorted({len(stem) for stem in self.stems}))

    def _candidates(self, token: Token) -> list[tuple[str, list[_Node]]]:
        found = [c for form in token.forms for c in self.exact.get(form, ())]
        for length in self._stem_lengths:
            for prefix in {form[:length] for form in token.forms if len(form) >= length}:
                found += self.stems.get(prefix, ())
        found += [(name, nodes) for name, nodes, test in self.other if test(token)]
        return found

    def find(self, tokens: tuple[Token, ...], text: str | None, to_raw=None) -> list[tuple[str, int, int]]:
        """Return (concept, start, end) for every concept in one sentence's tokens and text.

        ``to_raw`` maps a span of ``text`` to the seller's text (the tokens' offsets already do);
        without ``text`` only the lemma patterns are matched.
        """
        found: list[tuple[str, int, int]] = []
        for index, token in enumerate(tokens):
            for name, nodes in self._candidates(token):
                end = _match(nodes, tokens, index)
                if end is not None and end > index:
                    found.append((name, token.start, tokens[end - 1].end))
        if text is not None:
            found += self.find_phrases(text, to_raw)
        return found

    def find_phrases(self, text: str, to_raw=None) -> list[tuple[str, int, int]]:
        """Return (concept, start, end) for the concepts' surface phrases in ``text``."""
        return [
            (name, *(to_raw(s, e) if to_raw else (s, e)))
            for name, spans in self.phrases.scan(text).items()
            for s, e in spans
        ]


@cache
def matcher(language: str) -> ConceptMatcher:
    """Return the compiled concept patterns of ``language``'s pack."""
    pack = load_pack(language)
    exact: dict[str, list[tuple[str, list[_Node]]]] = defaultdict(list)
    stems: dict[str, list[tuple[str, list[_Node]]]] = defaultdict(list)
    other: list[tuple[str, list[_Node], object]] = []
    for name, concept in pack.concepts.items():
        for pattern in concept.lemmas:
            try:
                variants = _variants(_parse(pattern.strip()), pattern)
            except LexiconError as error:
                raise LexiconError(f"{pack.path}: [concepts.{name}] {error}") from error
            for nodes in variants:
                for first in _first_words(nodes):
                    plain = first.kind == "word" and not (first.infix or first.optional)
                    if plain and not first.stem:
                        exact[first.text].append((name, nodes))
                    elif plain:
                        stems[first.text].append((name, nodes))
                    else:
                        other.append((name, nodes, _word_test(first)))
    phrases = compile_lexicon(
        language,
        {"cjk": not pack.word_separated, "phrases": {n: list(c.phrases) for n, c in pack.concepts.items()}},
    )
    # A pattern reached through several first words is tried once per start token.
    for name_nodes in [*exact.values(), *stems.values()]:
        unique = {id(nodes): (name, nodes) for name, nodes in name_nodes}
        name_nodes[:] = list(unique.values())
    return ConceptMatcher(language, dict(exact), dict(stems), other, phrases)
