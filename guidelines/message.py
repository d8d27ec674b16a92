"""The draft as the rules see it: text, mode, buyer language and order context."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cached_property
from typing import TYPE_CHECKING

from .concepts import ConceptSpan, matcher
from .html_doc import HtmlDocument, parse_html, visible_reading, visible_text
from .languages import find_pack, non_latin, template_language
from .lexicon import guess_script_language, load_lexicon, looks_like
from .locales import language_of, normalize_locale
from .message_types import MessageType
from .normalise import (
    Reading,
    canonical,
    deleet,
    fold_decorations,
    join_spelled_letters,
    join_split_words,
    read_overrides,
)
from .numbers import with_numbers
from .scope import negated, quotation_around
from .scripts import SENTENCE_ENDS, ends_in_question
from .sentences import Sentence, segment, split

if TYPE_CHECKING:
    from .detect import Detections

ORDER_ID_IN_TEXT = re.compile(r"(?<!\d)\d{3}-\d{7}-\d{7}(?!\d)")
ORDER_ID = re.compile(r"^\d{3}-\d{7}-\d{7}$")
PLACEHOLDER = re.compile(r"\{\{\s*[a-z_][a-z0-9_]*\s*\}\}")
# What may follow a question cue that closes its sentence: spaces, the end mark, closing quotes.
_CLOSING = " \t\n" + SENTENCE_ENDS + "…」』\"'”’)）"


@dataclass(frozen=True)
class Context:
    """What the engine knows about the order and the sending situation."""

    subject: str | None = None
    now: datetime | None = None
    purchase_date: date | None = None
    delivery_date: date | None = None
    order_status: str | None = None
    # Review requests already recorded for this order (free-form or Amazon's Request a Review).
    review_requests_sent: int = 0
    product_name: str | None = None
    buyer_name: str | None = None
    store_name: str | None = None
    # Words the team accepts as spelled correctly (brand names, product terms).
    known_words: frozenset[str] = frozenset()
    # Whether to run the spelling and grammar backends (the slowest part of a check).
    spelling: bool = True
    # The text is a template: placeholders stand for values filled in later.
    template: bool = False
    # Files sent with the message, as (file name, size in bytes); size 0 when unknown.
    attachments: tuple[tuple[str, int], ...] = ()
    # The message types Amazon itself offers for this order right now (getMessagingActionsForOrder
    # and getSolicitationActionsForOrder), or None when Amazon was not asked. Amazon's answer
    # beats the timing rules: a type it offers is in time.
    amazon_offers: frozenset[str] | None = None

    @classmethod
    def from_value(cls, value: Context | dict | None) -> Context:
        """Accept a ``Context``, a plain dict of its fields (CLI, JSON) or ``None``."""
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        data = dict(value)
        for key in ("purchase_date", "delivery_date"):
            if isinstance(data.get(key), str):
                data[key] = date.fromisoformat(data[key])
        if isinstance(data.get("now"), str):
            data["now"] = datetime.fromisoformat(data["now"])
        if "known_words" in data:
            data["known_words"] = frozenset(data["known_words"])
        if data.get("amazon_offers") is not None:
            data["amazon_offers"] = frozenset(data["amazon_offers"])
        if "attachments" in data:
            data["attachments"] = tuple(
                (str(a.get("name", "")), int(a.get("size", 0) or 0))
                if isinstance(a, dict)
                else (str(a[0]), int(a[1]))
                for a in data["attachments"] or ()
            )
        return cls(**data)


# No message a seller writes names one concept, or uses one phrase of a rule, more often; further
# spans are not read, so a flood of one trigger word ("coupon coupon …", "评价" ten thousand
# times) stays within the worst-case budget: each span a rule reads costs it a look at the scope
# (negation, question, quotation) around it.
MAX_SPANS = 1_024
MAX_SPANS_PER_SENTENCE = 16
MAX_CONCEPT_SPANS = 256
# The concept layer (tokens, lemmas) reads a message's first this many sentences: a real message
# has far fewer, and each sentence costs its tokens and a look at every concept.
MAX_CONCEPT_SENTENCES = 512


# Hidden text this short says nothing to anyone: it only splits a word for a filter
# ("rev<span style="display:none">x</span>iew"). Longer hidden text is read like the rest.
_HIDDEN_FILLER = 3


def _without_fillers(shown: Reading, hidden: list[tuple[int, int]]) -> Reading:
    """Return ``shown`` without the short runs of hidden text that split words."""
    if not hidden or shown.starts is None:
        return shown
    edits = []
    for start, end in hidden:
        low, high = bisect_left(shown.starts, start), bisect_left(shown.starts, end)
        if 0 < high - low <= _HIDDEN_FILLER and shown.text[low:high].strip():
            edits.append((low, high, ""))
    return shown.replace(sorted(edits)) if edits else shown


@dataclass
class Message:
    """A draft under check. Rules read it; they never change it."""

    text: str
    message_type: MessageType
    buyer_locale: str | None = None
    order_id: str | None = None
    html: bool = False
    context: Context = field(default_factory=Context)
    # Which spelling/grammar backends looked at the text; rules append to it.
    checked_by: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.buyer_locale:
            self.buyer_locale = normalize_locale(self.buyer_locale)

    @property
    def language(self) -> str | None:
        """Return the buyer's language subtag (``de`` for ``de-DE``), if known."""
        return language_of(self.buyer_locale) if self.buyer_locale else None

    @cached_property
    def visible(self) -> str:
        """Return the text a buyer reads, aligned offset for offset with ``text``."""
        return visible_text(self.text) if self.html else self.text

    @cached_property
    def normalised(self) -> Reading:
        """Return the canonical reading of the visible text, with its map to raw offsets.

        Rules and detectors match on ``normalised.text`` and report
        ``normalised.raw_span(start, end)``, so invisible characters, full-width forms and
        look-alike letters cannot hide a word (see ``guidelines/normalise.py``).
        """
        if not self.html:
            return read_overrides(canonical(self.visible), self.visible)
        shown = _without_fillers(visible_reading(self.text), self.html_document.hidden_content())
        return shown.then(read_overrides(canonical(shown.text), shown.text))

    @cached_property
    def letters_joined(self) -> Reading:
        """Return the normalised reading with words spelled letter by letter joined ("s t a r"
        reads "star"), which both the trigger words and the contact details read."""
        return join_spelled_letters(self.normalised)

    @cached_property
    def trigger_reading(self) -> Reading:
        """Return the reading the phrase lexicons of the buyer's language see (``reading_for``)."""
        return self.reading_for(self.content_languages[0])

    def reading_for(self, language: str) -> Reading:
        """Return the reading one language's phrase lexicon sees: the canonical one with leetspeak
        spelled out, numbers in words written as digits ("twenty percent" reads "20 percent") and
        marks that language does not write taken off letters ("rëvïew" reads "review" in English,
        "Bewërtung" reads "Bewertung" in German; Größe and reseña keep theirs)."""
        kept = self.__dict__.setdefault("_readings", {})
        if language not in kept:
            pack, lexicon = find_pack(language), load_lexicon(language)
            reading = fold_decorations(self._sentence_reading, pack.letters if pack else "")
            if lexicon is not None and not lexicon.cjk:
                reading = join_split_words(reading, self.visible, lexicon.knows)
            kept[language] = reading
        return kept[language]

    @cached_property
    def _sentence_reading(self) -> Reading:
        """Return the trigger reading with every mark kept, which sentences in a language of their
        own are read in (reseña in an English message)."""
        return with_numbers(deleet(self.letters_joined), self.content_languages)

    @cached_property
    def detections(self) -> Detections:
        """Return the e-mail addresses, web addresses, phone numbers and handles in the text."""
        from .detect import detect

        return detect(self)

    @cached_property
    def html_document(self) -> HtmlDocument:
        """Return the parsed HTML with source offsets (empty for plain-text messages)."""
        return parse_html(self.text) if self.html else HtmlDocument([])

    @cached_property
    def placeholders(self) -> list[tuple[int, int]]:
        return [m.span() for m in PLACEHOLDER.finditer(self.text)]

    @cached_property
    def order_ids(self) -> list[re.Match[str]]:
        return list(ORDER_ID_IN_TEXT.finditer(self.visible))

    @cached_property
    def _protected_spans(self) -> list[tuple[int, int]]:
        spans = self.placeholders + [m.span() for m in self.order_ids]
        if self.context.product_name and len(self.context.product_name) >= 3:
            # The product's own name ("Coupon Organizer Wallet") is not marketing copy.
            name = re.escape(self.context.product_name)
            spans += [m.span() for m in re.finditer(name, self.visible, re.IGNORECASE)]
        return sorted(spans)

    @cached_property
    def _order_id_spans(self) -> frozenset[tuple[int, int]]:
        return frozenset(m.span() for m in self.order_ids)

    @cached_property
    def _protected_index(self) -> tuple[list[int], int]:
        """Return the protected spans' starts (sorted) and the longest span's length."""
        spans = self._protected_spans
        return [s for s, _ in spans], max((e - s for s, e in spans), default=0)

    def is_protected(self, start: int, end: int) -> bool:
        """Tell whether a span overlaps a placeholder, an order ID or the product's name.

        A span that encloses a whole order ID with words on both sides ("your order
        123-1234567-1234567 has shipped") is not protected by it: the ID only names the order.
        Only the protected spans that start near the span are looked at, so a long message with
        many IDs and many phrase matches stays linear.
        """
        starts, longest = self._protected_index
        ids = self._order_id_spans
        index = bisect_left(starts, end)  # the spans before ``index`` start before ``end``
        while index:
            index -= 1
            s, e = self._protected_spans[index]
            if s + longest < start:
                return False  # this span and every earlier one end before ``start``
            if start < e and not ((s, e) in ids and start < s and e < end):
                return True
        return False

    @cached_property
    def content_languages(self) -> tuple[str, ...]:
        """Return the languages whose packs read this message, the buyer's language first.

        Without a buyer locale the writing system decides; English is added when the text
        reads as English, because sellers often reuse English templates for every market.
        """
        script = guess_script_language(self.visible)
        languages = [self.language or script]
        if non_latin(script) and script not in languages:
            languages.append(script)  # a Japanese or Chinese body for a buyer of another language
        template = template_language()
        if template not in languages and looks_like(self.visible, template):
            languages.append(template)
        return tuple(languages)

    @cached_property
    def phrases(self) -> dict[str, list[tuple[int, int]]]:
        """Return phrase and cue matches by key, in text order, as raw spans.

        The lexicons read the trigger reading (normalised, leetspeak spelled out); each match is
        mapped back to the seller's characters. The message's languages read the whole text; a
        sentence in another supported language (``segments``) is also read by that language's pack.
        """
        merged: dict[str, list[tuple[int, int]]] = {}
        for language in self.content_languages:
            lexicon = load_lexicon(language)
            if lexicon is None:
                continue
            reading = self.reading_for(language)
            for key, spans in lexicon.scan(reading.text).items():
                merged.setdefault(key, []).extend(reading.raw_span(*span) for span in spans)
        for sentence in self.segments:
            for language in (sentence.language, sentence.also):
                if language is None or language in self.content_languages:
                    continue
                lexicon = load_lexicon(language)
                for key, spans in lexicon.scan(sentence.reading_text).items():
                    merged.setdefault(key, []).extend(sentence.raw_span(s, e) for s, e in spans)
        for key, spans in merged.items():
            spans.sort()
            kept: list[tuple[int, int]] = []
            for span in spans:
                if kept and span[0] < kept[-1][1]:
                    continue  # the same words, found in two languages or twice in a compound
                kept.append(span)
            merged[key] = kept
        return merged

    def spans(self, key: str) -> list[tuple[int, int]]:
        """Return the unprotected matches of one phrase key (``"incentive_offer"``).

        Worked out once per key (rules ask for the same keys again and again); a copy is returned.
        """
        kept = self.__dict__.setdefault("_unprotected", {})
        if key not in kept:
            found: list[tuple[int, int]] = []
            per_sentence: dict[int, int] = {}
            for span in self.phrases.get(key, ()):
                if self.is_protected(*span):
                    continue
                # A flood of one phrase: the rules read the first ones of each sentence, so what
                # a seller writes after a flood is still read.
                sentence = self.sentence_of(span[0])
                per_sentence[sentence] = per_sentence.get(sentence, 0) + 1
                if per_sentence[sentence] <= MAX_SPANS_PER_SENTENCE:
                    found.append(span)
                    if len(found) == MAX_SPANS:
                        break
            kept[key] = found
        return list(kept[key])

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Return the spans of the sentences (and lines) of the visible text."""
        return split(self.visible)

    @cached_property
    def base_language(self) -> str:
        """Return the supported language a sentence is read in unless it is clearly in another."""
        first = self.content_languages[0]
        return first if find_pack(first) else guess_script_language(self.visible)

    @cached_property
    def segments(self) -> list[Sentence]:
        """Return the sentences with their own language and (lazily) tokens with lemmas."""
        from .spelling.tokens import masked_text

        readable = masked_text(self.visible, self.context)
        return segment(self.visible, self.base_language, self.sentences, readable, self._sentence_reading)

    @cached_property
    def _concept_sentences(self) -> range:
        """Return the sentences the concept layer reads (the first ``MAX_CONCEPT_SENTENCES``)."""
        return range(min(len(self.segments), MAX_CONCEPT_SENTENCES))

    @cached_property
    def _concept_spans(self) -> dict[str, list[ConceptSpan]]:
        return self._read_concepts(self._concept_sentences)

    def concepts_in(self, name: str, sentences: set[int]) -> list[ConceptSpan]:
        """Return the spans of a concept in some sentences only (no pronoun references).

        The concept layer (tokens, lemmas) costs about as much as the rest of a check; a rule
        whose cue words sit in a few sentences reads those alone, unless the whole message has
        been read already.
        """
        if "_concept_spans" in self.__dict__:
            return [span for span in self._concept_spans.get(name, ()) if span.sentence in sentences]
        partial = self.__dict__.setdefault("_partial_concepts", {})
        key = frozenset(index for index in sentences if index in self._concept_sentences)
        if key not in partial:
            partial[key] = self._read_concepts(sorted(key))
        return list(partial[key].get(name, ()))

    def _read_concepts(self, indices: Sequence[int]) -> dict[str, list[ConceptSpan]]:
        found: dict[str, list[ConceptSpan]] = {}
        segments = self.segments
        whole = len(indices) == len(segments)  # (a message of more sentences is read in part)
        single = whole and len({sentence.language for sentence in segments}) == 1
        matches: list[tuple[int, tuple[str, int, int]]] = []
        for index in indices:
            sentence = segments[index]
            # A message in one language has its surface phrases found in one pass below.
            text = None if single else sentence.reading_text
            found_here = matcher(sentence.language).find(sentence.tokens, text, sentence.raw_span)
            matches += [(index, match) for match in found_here]
            if sentence.also is not None:  # a short sentence lingua reads as another language
                other = replace(sentence, language=sentence.also, _tokens=None)
                found_here = matcher(other.language).find(other.tokens, other.reading_text, other.raw_span)
                matches += [(index, match) for match in found_here]
        if single and segments:
            reading = self.reading_for(segments[0].language)
            for name, start, end in matcher(segments[0].language).find_phrases(
                reading.text, reading.raw_span
            ):
                matches.append((self.sentence_of(start), (name, start, end)))
        seen: set[tuple[str, int, int]] = set()
        for index, (name, start, end) in matches:
            if index < 0 or (name, start, end) in seen or self.is_protected(start, end):
                continue
            if len(found.get(name, ())) >= MAX_CONCEPT_SPANS:
                continue  # a flood of one word ("评价" ten thousand times): each scope costs a look
            seen.add((name, start, end))
            found.setdefault(name, []).append(self._scoped(name, start, end, index, segments[index]))
        for spans in found.values():
            spans.sort(key=lambda span: (span.start, -span.end))
            kept: list[ConceptSpan] = []
            for span in spans:
                if kept and span.start < kept[-1].end:
                    continue  # a shorter match inside a longer one of the same concept
                kept.append(span)
            spans[:] = kept
        return found

    def _cues(self, key: str, sentence: Sentence) -> list[tuple[int, int]]:
        spans = self.phrases.get(key, ())
        starts = self._cue_starts(key)
        return list(spans[bisect_left(starts, sentence.start) : bisect_left(starts, sentence.end)])

    def _cue_starts(self, key: str) -> list[int]:
        """Return the sorted starts of a cue's spans, once per key (they are read per concept span)."""
        cache = self.__dict__.setdefault("_cue_start_cache", {})
        if key not in cache:
            cache[key] = [s for s, _ in self.phrases.get(key, ())]
        return cache[key]

    def _scoped(self, name: str, start: int, end: int, index: int, sentence: Sentence) -> ConceptSpan:
        text = self.visible
        # A question cue opens the sentence ("Could you…") or, in verb-final languages, closes it
        # (…いただけますでしょうか。, …misiniz.).
        question = ends_in_question(sentence.text) or any(
            s == sentence.start or not text[e : sentence.end].strip(_CLOSING)
            for s, e in self._cues("question", sentence)
        )
        conditional = any(e <= start for _, e in self._cues("condition", sentence))
        quoted = any(e <= start for _, e in self._cues("quotation", sentence))
        quoted = quoted or any(end <= s for s, _ in self._cues("quotation_after", sentence))
        quoted = quoted or quotation_around(text, (start, end)) is not None
        scope = (negated(self, (start, end)), question, conditional, quoted)
        return ConceptSpan(name, start, end, index, sentence.language, *scope)

    def concepts(self, name: str, *, asserted: bool = False, references: bool = False) -> list[ConceptSpan]:
        """Return the spans of a concept (``"REVIEW"``), in text order.

        ``asserted`` keeps only spans that are not negated, asked or quoted. With ``references``
        a pronoun or demonstrative (the pack's ``cues.reference``) in the sentence of a concept
        or the next one, after it, stands for it too (``reference=True``): "We saw your review.
        Could you remove it?" has REVIEW at "review" and at "it".
        """
        spans = list(self._concept_spans.get(name, ()))
        if references and spans:
            spans += self._references(spans)
            spans.sort(key=lambda span: span.start)
        if asserted:
            spans = [span for span in spans if span.asserted]
        return spans

    def _references(self, spans: list[ConceptSpan]) -> list[ConceptSpan]:
        found = []
        named = {span.sentence: span for span in spans if not span.reference}
        for start, end in self.phrases.get("reference", ()):
            index = self.sentence_of(start)
            antecedent = named.get(index) or named.get(index - 1)
            if antecedent is None or antecedent.end > start:
                continue
            scoped = self._scoped(antecedent.concept, start, end, index, self.segments[index])
            found.append(replace(scoped, reference=True))
        return found

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    def sentence_of(self, position: int) -> int:
        """Return the index of the sentence that holds ``position`` (-1 before the first)."""
        return bisect_right(self._sentence_starts, position) - 1
