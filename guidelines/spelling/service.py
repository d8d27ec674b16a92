"""Run the spelling and grammar backends on a message, with fallbacks that say what happened.

LanguageTool when it is configured and answers; otherwise Hunspell plus our offline grammar
patterns. Whatever could not be checked becomes a notice (an info finding and no
``checked_by`` entry), never a silent pass.
"""

from __future__ import annotations

import dataclasses
import threading
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Callable

from .. import language_detection
from ..languages import find_pack
from ..message import Message
from ..sentences import Sentence
from . import checkers, grammar, hunspell, languagetool, suggestions
from .config import settings
from .grammar_file import grammar_for
from .issues import MAX_ISSUES, BackendUnavailable, Issue, Notice, WritingResult
from .tokens import WORD, blank_spans, masked_spans, masked_text, name_words, words_of


def _no_dictionary(language: str | None) -> bool:
    """Tell whether a language has no Hunspell dictionary (its pack lists none: ja, zh); only
    LanguageTool (when configured) checks it."""
    pack = find_pack(language)
    return pack is not None and not pack.dictionaries


# Confidence above which a text clearly in another language is spell-checked in that language
# (the language rule reports the mismatch; a page of "misspelled" words would only hide it).
_SWITCH_CONFIDENCE = 0.9

_last = threading.local()


def writing_result(message: Message) -> WritingResult:
    """Return the spelling and grammar issues of a message, computed once for all rules."""
    cached = getattr(_last, "value", None)
    if cached is not None and cached[0] is message:
        return cached[1]
    result = _check(message)
    _last.value = (message, result)
    return result


def checking_locale(message: Message, detection: language_detection.Detection) -> str | None:
    """Return the locale to check spelling in: the buyer's, or the text's own if clearly other."""
    locale = message.buyer_locale
    detected = detection.language if detection.status == "ok" else None
    if locale is None:
        return detected
    if (
        detected
        and detected != locale.split("-")[0]
        and detection.confidence >= _SWITCH_CONFIDENCE
        and not dictionary_confirms(message, locale, detected)
    ):
        return detected
    return locale


# Share of words the buyer language's dictionary must know to overrule the language detector.
_DICTIONARY_AGREES = 0.85


def _lowercase_words(message: Message) -> Counter[str]:
    """Return the lower-case words of the text the language detector reads, with their counts."""
    clean = masked_text(message.visible, message.context)[: language_detection.GROUPED_CHARS]
    return Counter(word for word in WORD.findall(clean) if word[:1].islower())


def _known_share(speller: hunspell.Speller, words: Counter[str]) -> float:
    """Return the share of ``words`` (counted) that ``speller`` knows, each word looked up once."""
    return sum(count for word, count in words.items() if speller.knows(word)) / words.total()


def dictionary_guess(message: Message, locale: str, candidates: list[str]) -> str | None:
    """Return the candidate language whose dictionary knows the text while the buyer's does not.

    The second opinion for short texts that lingua hesitates on: "Hello Anna, your parcel
    arrives on Monday." for a German buyer. None when the dictionaries do not settle it.
    """
    words = _lowercase_words(message)
    if words.total() < 3:
        return None
    try:
        buyer = hunspell.speller_for(locale)
    except BackendUnavailable:
        return None
    buyer_share = _known_share(buyer, words)
    if buyer_share >= 0.5:
        return None
    for candidate in candidates:
        try:
            other = hunspell.speller_for(candidate)
        except BackendUnavailable:
            continue
        share = _known_share(other, words)
        if share >= 0.8 and share >= buyer_share + 0.3:
            return candidate
    return None


def dictionary_confirms(message: Message, locale: str, other: str) -> bool:
    """Tell whether Hunspell knows nearly every word in ``locale``'s language, and fewer in ``other``.

    Lingua's small models misread some short sentences ("Thank you for your order" as
    Swedish); the dictionaries are a cheap second opinion before we call the text foreign.
    """
    words = _lowercase_words(message)
    if words.total() < 3:
        return False
    try:
        buyer = hunspell.speller_for(locale)
        foreign = hunspell.speller_for(other)
    except BackendUnavailable:
        return False
    buyer_share = _known_share(buyer, words)
    foreign_share = _known_share(foreign, words)
    return buyer_share >= _DICTIONARY_AGREES and buyer_share > foreign_share


def _check(message: Message) -> WritingResult:
    result = WritingResult()
    if not message.context.spelling:
        return result
    locale = checking_locale(message, language_detection.detection_for(message))
    if locale is None:
        return result
    texts = [("body", message.visible)]
    if message.context.subject:
        texts.append(("subject", message.context.subject))
    budget = hunspell.SuggestionBudget(settings().suggestion_budget_ms / 1000)
    language = locale.split("-")[0]
    for field, text in texts:
        for issue in _check_text(text, locale, message, result, budget, field)[:MAX_ISSUES]:
            issue = _with_fix(issue, text, language)
            # Subject lines are often written in lower case on purpose ("re: your order").
            if field == "subject" and issue.rule_id == "SENTENCE_START_CAPITAL":
                continue
            result.issues.append(dataclasses.replace(issue, field=field))
    result.checked_by = list(dict.fromkeys(result.checked_by))
    return result


def _check_text(
    text: str,
    locale: str,
    message: Message,
    result: WritingResult,
    budget: hunspell.SuggestionBudget,
    field: str = "body",
) -> list[Issue]:
    language = locale.split("-")[0]
    # The body's sentences and their languages come from the engine's layer 3 (one reading for
    # every rule); the subject is one line, read here.
    other_languages = (lambda: _body_languages(message, language)) if field == "body" else None
    masked = masked_spans(text, message.context)
    words = list(words_of(text, message.context))
    skip = name_words(message.context)
    if languagetool.enabled():
        try:
            found = languagetool.check(text, locale)
        except BackendUnavailable as exc:
            _notice(result, exc.notice, languagetool.NAME)
        else:
            result.checked_by.append(languagetool.NAME)
            return _foreign_sentences_once(
                _keep_real(found, text, masked, words, skip), text, masked, language, other_languages
            )
    issues: list[Issue] = []
    if not _no_dictionary(language):
        try:
            speller = hunspell.speller_for(locale)
        except BackendUnavailable as exc:
            _notice(result, exc.notice, hunspell.NAME)
        else:
            issues += [
                i
                for i in hunspell.check_tokens(speller, text, words, skip, budget)
                if not suggestions.used_as_written(text[i.start : i.end], i.replacements, language)
            ]
            result.checked_by.append(hunspell.NAME)
    clean = masked_text(text, message.context)
    if grammar.supports(language):
        issues += grammar.check(text, clean, language, words)
        result.checked_by.append(grammar.NAME)
    config = grammar_for(language).checker
    if config is not None:
        try:
            issues += checkers.check(config, clean)
        except BackendUnavailable as exc:
            _notice(result, exc.notice, config.name)
        else:
            result.checked_by.append(config.name)
    return _foreign_sentences_once(_without_overlaps(issues), text, masked, language, other_languages)


def _body_languages(message: Message, language: str) -> list[tuple[int, int, str]]:
    """Return the body's sentences in another language than ``language`` (see foreign_sentences)."""
    return [(s.start, s.end, other) for s, other in foreign_sentences(message, language)]


def foreign_sentences(message: Message, language: str) -> list[tuple[Sentence, str]]:
    """Return the body's sentences in another language than ``language``, with that language.

    Those layer 3 read in another language, and the short ones it kept in the buyer's language
    although lingua was sure of another (``Sentence.also``) when the dictionaries place their
    words there too: "Five stars get a free gift card!" under a Spanish notice is one English
    sentence, not six Spanish spelling mistakes.
    """
    kept = message.__dict__.setdefault("_foreign_sentences", {})  # the language rule asks too
    if language not in kept:
        found = []
        for sentence in message.segments:
            if sentence.detected and sentence.language != language:
                found.append((sentence, sentence.language))
            elif sentence.also not in (None, language) and _sentence_language(
                sentence.text, language, sentence.also
            ):
                found.append((sentence, sentence.also))
        kept[language] = found
    return list(kept[language])


# A sentence is read as another language only when lingua is this sure, and that language's
# dictionary knows most of its words while the buyer language's does not.
_FOREIGN_CONFIDENCE = 0.9
_FOREIGN_KNOWN = 0.8
_BUYER_KNOWN = 0.6


def _foreign_sentences_once(
    issues: list[Issue],
    text: str,
    masked: list[tuple[int, int]],
    language: str,
    other_languages: Callable[[], list[tuple[int, int, str]]] | None = None,
) -> list[Issue]:
    """Drop the spelling issues of a sentence in another language: it gets one finding instead.

    In the body that finding is the language rule's (W511, from layer 3's sentence languages);
    in the subject it is a note made here.

    One English sentence in a Spanish message would otherwise give a warning for nearly every
    word (review → "reviejo", and → "wand"). Only sentences with two or more unknown words are
    read again, so a correct message costs nothing here.
    """
    spelling = [i for i in issues if i.kind == "spelling"]
    if len(spelling) < 2:
        return issues
    clean = blank_spans(text, masked)
    if other_languages is not None:
        sentences = other_languages()
    else:
        sentences = [(start, end, None) for start, end in checkers.sentence_spans(clean)]
    for start, end, detected in sentences:
        inside = [i for i in spelling if start <= i.start and i.end <= end]
        if len(inside) < 2:
            continue
        other = _sentence_language(clean[start:end], language, detected)
        if other is None:
            continue
        dropped = {id(i) for i in inside}  # by identity: comparing issues pairwise was quadratic
        issues = [i for i in issues if id(i) not in dropped]
        if other_languages is not None:
            continue  # a body sentence: the language rule (W511) already reports it, once
        name = language_detection.LANGUAGE_NAMES.get(other, other)
        issues.append(
            Issue(
                start,
                end,
                "spelling",
                f"This sentence seems to be in {name}; its words were not spell-checked.",
                rule_id="FOREIGN_SENTENCE",
                severity="info",
            )
        )
    return sorted(issues, key=lambda i: (i.start, i.end))


def _sentence_language(sentence: str, language: str, detected: str | None = None) -> str | None:
    """Return the other language a sentence is clearly written in, or None.

    ``detected`` is layer 3's verdict for a body sentence; a subject is read with lingua here.
    Either way the dictionaries must agree before a sentence's words go unchecked.
    """
    words = [w for w in WORD.findall(sentence) if w[:1].islower()]
    if len(words) < 4:
        return None
    other = detected
    if other is None:
        try:
            verdict = language_detection.sentence_language(sentence)
        except ImportError:
            return None
        if verdict is None or verdict[1] < _FOREIGN_CONFIDENCE:
            return None
        other = verdict[0]
    if other == language or _no_dictionary(other):
        return None
    try:
        buyer, foreign = hunspell.speller_for(language), hunspell.speller_for(other)
    except BackendUnavailable:
        return None
    known = sum(map(foreign.knows, words)) / len(words)
    buyer_known = sum(map(buyer.knows, words)) / len(words)
    return other if known >= _FOREIGN_KNOWN and buyer_known < _BUYER_KNOWN else None


def _with_fix(issue: Issue, text: str, language: str) -> Issue:
    """Offer "Fix" only for a clearly right correction; otherwise a few ranked choices."""
    if issue.fix is not None:  # our own pattern knows the right form
        return issue
    if issue.kind == "spelling":
        fix, choices = suggestions.choose(text[issue.start : issue.end], issue.replacements, language)
    else:
        # A grammar rule with one replacement means it; several are choices for the seller.
        choices = issue.replacements[: suggestions.CHOICES]
        fix = choices[0] if len(issue.replacements) == 1 else None
    return dataclasses.replace(issue, fix=fix, replacements=choices)


def _notice(result: WritingResult, text: str, backend: str) -> None:
    if all(n.message != text for n in result.notices):
        result.notices.append(Notice(text, backend))


def _keep_real(
    issues: list[Issue], text: str, masked: list[tuple[int, int]], words: list, skip: frozenset[str]
) -> list[Issue]:
    """Drop LanguageTool matches on placeholders, IDs, URLs, names and brand-like words."""
    starts = {w.start: w for w in words}
    kept = []
    for issue in issues:
        if any(s < issue.end and issue.start < e for s, e in masked):
            continue
        if issue.kind == "spelling":
            word = text[issue.start : issue.end]
            token = starts.get(issue.start)
            if word.casefold() in skip or hunspell.looks_like_name(word):
                continue
            if word[:1].isupper() and not (token and token.sentence_start):
                continue
        kept.append(issue)
    return _without_overlaps(kept)


def _without_overlaps(issues: list[Issue]) -> list[Issue]:
    """Keep one issue per span; a grammar issue explains a word better than "unknown word".

    Among grammar issues the first reported wins: our patterns (precise span, intended fix)
    come before a general checker's wider match.
    """
    # The kept spans never overlap, so in start order the ends of the non-empty ones rise too: a
    # span overlaps one only if it overlaps the last that starts before it ends (one look, not a
    # scan). An empty kept span (a missing comma) overlaps only a span around it.
    starts: list[int] = []
    ends: list[int] = []
    points: list[int] = []
    kept: list[Issue] = []
    for issue in sorted(issues, key=lambda i: i.kind != "grammar"):
        index = bisect_left(starts, issue.end)
        if index and ends[index - 1] > issue.start:
            continue
        after = bisect_right(points, issue.start)
        if after < len(points) and points[after] < issue.end:
            continue
        if issue.start == issue.end:
            insort(points, issue.start)
        else:
            starts.insert(index, issue.start)
            ends.insert(index, issue.end)
        kept.append(issue)
    return sorted(kept, key=lambda i: (i.start, i.end))
