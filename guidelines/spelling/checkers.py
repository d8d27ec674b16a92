"""Offline grammar checkers: Harper (English, Rust) and Grammalecte (French, pure Python).

Both take milliseconds per sentence, more than the rest of the check together, so results are
cached per sentence text: after a one-word edit only the edited sentence is checked again.
Which rule groups report is data (``[checker]`` in the language's grammar.toml), chosen after
measuring each group on correct messages (``python -m guidelines checkers``).

Grammalecte is Debian's ``python3-grammalecte`` (pure Python, no dependencies). The site's
virtual environment does not see Debian's ``dist-packages``, so we import only that one package
from ``GRAMMALECTE_PATH`` (default ``/usr/lib/python3/dist-packages``) by its location, without
putting the whole directory on ``sys.path`` (which would mix Debian's other packages into ours).
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import re
import sys
import threading
import tomllib
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from ..i18n import _
from .grammar_file import CheckerConfig, grammar_for
from .issues import BackendUnavailable, Issue

# Which lint kinds each Harper rule reports, written by scripts/harper_rule_kinds.py.
_RULE_KINDS = Path(__file__).resolve().parent / "data" / "harper_rule_kinds.toml"
GRAMMALECTE_PATH = os.environ.get("GRAMMALECTE_PATH", "/usr/lib/python3/dist-packages")

# A sentence ends at final punctuation followed by a space, or at a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”»)]*\s+|\n+")
_CACHE_SIZE = 20_000

_lock = threading.Lock()
_cache: OrderedDict[tuple[str, str], tuple[Issue, ...]] = OrderedDict()
_engines: dict[str, Any] = {}

# A text's first this many sentences are read: a real message has far fewer, and a flood of
# one-word sentences ("you. you. …") would cost a cache look each.
MAX_SENTENCES = 512
# Longer "sentences" (pasted tables, runs of symbols) are not given to Harper.
HARPER_LONGEST_SENTENCE = 1_000
# New sentences go to Harper together, up to about this many characters per call, each one a
# paragraph of its own (sentences never hold a line break: they end at one).
HARPER_BATCH_CHARACTERS = 2_000
_BATCH_SEPARATOR = "\n\n"


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of the sentences (and lines) of ``text``, without surrounding spaces."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def check(config: CheckerConfig, clean: str) -> list[Issue]:
    """Return the checker's issues in ``clean`` (masked spans blanked), sentence by sentence.

    Sentences seen before come from the cache; the new ones go to the checker together (see
    :func:`_harper_lint`). Raises ``BackendUnavailable`` when the checker is not installed.
    """
    lint_all = _linter(config)
    spans = sentence_spans(clean)[:MAX_SENTENCES]
    known: dict[str, tuple[Issue, ...]] = {}
    with _lock:
        for start, end in spans:
            sentence = clean[start:end]
            found = _cache.get((config.name, sentence))
            if found is not None:
                _cache.move_to_end((config.name, sentence))
                known[sentence] = found
    new = list(dict.fromkeys(clean[s:e] for s, e in spans if clean[s:e] not in known))
    if new:
        fresh = dict(zip(new, lint_all(new), strict=True))
        known.update(fresh)
        with _lock:
            for sentence, found in fresh.items():
                _cache[(config.name, sentence)] = found
            while len(_cache) > _CACHE_SIZE:
                _cache.popitem(last=False)
    issues: list[Issue] = []
    for start, end in spans:
        issues += [_shift(i, start) for i in known[clean[start:end]]]
    return issues


def preload(languages: Iterable[str]) -> None:
    """Start the offline checker of each language now (Harper takes over a second to start).

    The site warms itself by checking a sample per language, which goes to LanguageTool when
    one is configured; without this the first check that falls back to the offline checkers
    (LanguageTool down or slow) would also pay their start-up.
    """
    for language in languages:
        config = grammar_for(language).checker
        if config is None:
            continue
        try:
            _linter(config)
        except BackendUnavailable:
            continue  # not installed: every check says so in a notice


def forget_sentences() -> None:
    """Empty the per-sentence cache (the bench's cold figure starts from here)."""
    with _lock:
        _cache.clear()


def _shift(issue: Issue, offset: int) -> Issue:
    return Issue(
        issue.start + offset, issue.end + offset, issue.kind, issue.message, issue.replacements, issue.rule_id
    )


def _linter(config: CheckerConfig) -> Any:
    if config.name == "harper":
        return _harper_lint(config)
    return _grammalecte_lint(config)


def _harper_lint(config: CheckerConfig) -> Any:
    linter = _engines.get("harper")
    if linter is None:
        try:
            import harper
        except ImportError as exc:
            raise BackendUnavailable(
                _("Harper (harper-py) is not installed; English grammar was not checked.")
            ) from exc
        with _lock:
            linter = _engines.get("harper")
            if linter is None:
                linter = harper.Linter(harper.Dialect.AMERICAN)
                # Spelling is Hunspell's job (with the seller's dictionaries); Harper's own
                # spell check would report every brand and name a second time.
                groups = _harper_groups(linter.get_structured_lint_config())
                # Harper's defaults, minus the groups not asked for, the rules switched off and
                # the rules whose every lint would be dropped (their kinds are not ``kinds``).
                silent = {rule for rule, kinds in harper_rule_kinds().items() if not kinds & config.kinds}
                settings = {
                    name: bool(default)
                    and (not config.groups or groups.get(name) in config.groups)
                    and name not in config.off
                    and name not in silent
                    for name, default in harper.get_default_lint_config().items()
                }
                linter.set_lint_config(settings)
                _engines["harper"] = linter
    harper_lock = _engine_lock("harper")

    def issues_of(lints: list, offset: int = 0) -> tuple[Issue, ...]:
        found = []
        for item in lints:
            if item.lint_kind not in config.kinds:
                continue
            replacements = tuple(
                s.replacement_text for s in item.suggestions[:3] if s.kind == 0 and s.replacement_text
            )
            found.append(
                Issue(
                    item.span.start - offset,
                    item.span.end - offset,
                    "grammar",
                    item.message.replace("`", "“", 1).replace("`", "”", 1),
                    replacements,
                    f"HARPER_{item.lint_kind.upper()}",
                )
            )
        return tuple(found)

    def lint_one(sentence: str) -> tuple[Issue, ...]:
        with harper_lock:  # one Harper linter is not thread-safe
            return issues_of(linter.lint(sentence, language="plaintext"))

    def lint_all(sentences: list[str]) -> list[tuple[Issue, ...]]:
        # Harper's time grows faster than the length of one sentence (10,000 emoji took 10 s);
        # no real sentence is this long, so the live check stays linear.
        results: dict[int, tuple[Issue, ...]] = {}
        batch: list[int] = []
        size = 0
        for index, sentence in enumerate(sentences):
            if len(sentence) > HARPER_LONGEST_SENTENCE:
                results[index] = ()
                continue
            if batch and size + len(sentence) > HARPER_BATCH_CHARACTERS:
                results.update(lint_batch(sentences, batch))
                batch, size = [], 0
            batch.append(index)
            size += len(sentence) + len(_BATCH_SEPARATOR)
        if batch:
            results.update(lint_batch(sentences, batch))
        return [results[index] for index in range(len(sentences))]

    def lint_batch(sentences: list[str], batch: list[int]) -> dict[int, tuple[Issue, ...]]:
        """Lint sentences as paragraphs of one text: each call costs Harper about 0.5 ms
        before it reads a word, so a cold check of twenty sentences pays it once, not twenty
        times. A lint that reaches over a paragraph break sends the batch back one by one,
        so a sentence's issues never depend on the sentences checked with it."""
        if len(batch) == 1:
            return {batch[0]: lint_one(sentences[batch[0]])}
        starts, position = [], 0
        for index in batch:
            starts.append(position)
            position += len(sentences[index]) + len(_BATCH_SEPARATOR)
        text = _BATCH_SEPARATOR.join(sentences[index] for index in batch)
        with harper_lock:
            lints = linter.lint(text, language="plaintext")
        grouped: dict[int, list] = {index: [] for index in batch}
        for item in lints:
            slot = bisect_right(starts, item.span.start) - 1
            index = batch[slot]
            if item.span.end > starts[slot] + len(sentences[index]):
                return {index: lint_one(sentences[index]) for index in batch}
            grouped[index].append(item)
        return {index: issues_of(grouped[index], starts[slot]) for slot, index in enumerate(batch)}

    return lint_all


@cache
def harper_rule_kinds() -> dict[str, frozenset[str]]:
    """Return the lint kinds each Harper rule is known to report (``data/harper_rule_kinds.toml``).

    A rule missing from the table (no example of Harper's tests made it fire) stays on.
    """
    with _RULE_KINDS.open("rb") as file:
        return {rule: frozenset(kinds) for rule, kinds in tomllib.load(file).items()}


def _harper_groups(structured: dict) -> dict[str, str]:
    """Return each Harper rule's configuration group ("WillNonLemma" → "Grammar and Agreement")."""
    found: dict[str, str] = {}

    def collect(node: dict, label: str) -> None:
        for item in node["settings"]:
            if "Bool" in item:
                found[item["Bool"]["name"]] = label
            elif "Group" in item:
                collect(item["Group"]["child"], label)

    for item in structured["settings"]:
        if "Group" in item:
            collect(item["Group"]["child"], item["Group"]["label"])
    return found


def _grammalecte_lint(config: CheckerConfig) -> Any:
    engine = _engines.get("grammalecte")
    if engine is None:
        module = _import_grammalecte()
        with _lock:
            engine = _engines.get("grammalecte")
            if engine is None:
                engine = module.GrammarChecker("fr").getGCEngine()
                for rule in config.off:
                    engine.ignoreRule(rule)
                _engines["grammalecte"] = engine
    engine_lock = _engine_lock("grammalecte")

    def lint(sentence: str) -> tuple[Issue, ...]:
        with engine_lock:  # Grammalecte keeps per-parse state in module globals
            errors = list(engine.parse(sentence, "FR", bDebug=False))
        return tuple(
            Issue(
                e["nStart"],
                e["nEnd"],
                "grammar",
                e["sMessage"],
                tuple(e["aSuggestions"][:3]),
                f"GRAMMALECTE_{e['sType'].upper()}",
            )
            for e in errors
            if e["sType"] in config.kinds and e["sRuleId"] not in config.off
        )

    def lint_all(sentences: list[str]) -> list[tuple[Issue, ...]]:
        return [lint(sentence) for sentence in sentences]

    return lint_all


_engine_locks: dict[str, threading.Lock] = {}


def _engine_lock(name: str) -> threading.Lock:
    with _lock:
        return _engine_locks.setdefault(name, threading.Lock())


def _import_grammalecte() -> Any:
    """Import Debian's Grammalecte package by its location (see the module docstring)."""
    if "grammalecte" in sys.modules:
        return sys.modules["grammalecte"]
    spec = importlib.machinery.PathFinder.find_spec("grammalecte", [GRAMMALECTE_PATH])
    if spec is None or spec.loader is None:
        raise BackendUnavailable(
            _("Grammalecte (Debian's python3-grammalecte) is not installed; French grammar was not checked.")
        )
    module = importlib.util.module_from_spec(spec)
    sys.modules["grammalecte"] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        del sys.modules["grammalecte"]
        raise BackendUnavailable(
            _("Grammalecte could not be loaded ({error}).", error=type(exc).__name__)
        ) from exc
    return module
