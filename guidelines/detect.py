"""Language-free detectors on the normalised text: e-mail, web addresses, phone numbers, handles.

They read ``Message.normalised`` (NFKC, lower case, invisible characters out, look-alikes folded)
after one more step, the *contact reading*: an address spelled out to slip past filters
("j.miller at gmail dot com", "info(at)laden(punkt)at", "www . deals-example . net") is read as
the address it spells. The words for "@" and "." come from the packs' ``[contact]`` tables.

- Web addresses: any host whose suffix is on the Public Suffix List (the ``publicsuffixlist``
  package ships its own copy; nothing is downloaded), with or without a scheme, in any case.
- Phone numbers: Google's libphonenumber (``phonenumbers``) judges each run of digits for the
  buyer's marketplace region and then every other supported region; order IDs, dates, prices
  and tracking numbers are left out before it is asked.
- Messaging handles: a messaging or social app named next to an ID, number or @handle.

Every pattern here has one quantifier per run of characters, so each detector is linear in the
length of the text; the phone check asks libphonenumber about a bounded number of candidates.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .languages import all_packs
from .normalise import Reading
from .scripts import CJK_CLASS, DOT_MARKS

if TYPE_CHECKING:
    from .message import Message

DATA_FILE = Path(__file__).with_name("disguise.toml")

# Regions libphonenumber tries after the buyer's own: the marketplaces of the supported languages.
PHONE_REGIONS = (
    "US",
    "GB",
    "DE",
    "FR",
    "ES",
    "IT",
    "JP",
    "CN",
    "NL",
    "PL",
    "SE",
    "TR",
    "BR",
    "PT",
    "MX",
    "CA",
    "AU",
    "IN",
    "BE",
    "AT",
    "CH",
    "IE",
)
# libphonenumber is asked about at most this many different candidates per message; a text with
# more digit runs than that (a pasted table) is judged by the shape of the rest.
PHONE_BUDGET = 48

AMAZON_DOMAINS = frozenset(
    "amazon." + suffix
    for suffix in [
        "com",
        "co.uk",
        "de",
        "fr",
        "es",
        "it",
        "co.jp",
        "ca",
        "com.mx",
        "com.br",
        "nl",
        "se",
        "pl",
        "com.tr",
        "ae",
        "sa",
        "in",
        "com.au",
        "sg",
        "eg",
        "com.be",
        "ie",
        "co.za",
        "cn",
    ]
) | {"amazon.jobs", "amazonpay.com", "aboutamazon.com", "amazon.science"}
AMAZON_SHORT = frozenset({"amzn.to", "a.co", "amzn.eu", "amzn.asia"})
SHORTENERS = frozenset(
    [
        "bit.ly",
        "tinyurl.com",
        "goo.gl",
        "t.co",
        "ow.ly",
        "is.gd",
        "buff.ly",
        "rebrand.ly",
        "cutt.ly",
        "shorturl.at",
        "tiny.cc",
        "rb.gy",
        "t.ly",
        "s.id",
        "bl.ink",
        "short.io",
        "lnkd.in",
        "shorte.st",
        "adf.ly",
        "v.gd",
        "qr.net",
        "tr.im",
        "x.co",
        "su.pr",
        "t.me",
        "wa.me",
        "shorturl.com",
        "tiny.one",
        "rotf.lol",
    ]
)


@dataclass(frozen=True)
class Detection:
    """One contact detail or link: its raw span, what it is and its value as read."""

    kind: str  # "email", "url", "phone", "handle"
    start: int
    end: int
    value: str
    disguised: bool = False


@dataclass
class Detections:
    emails: list[Detection] = field(default_factory=list)
    urls: list[Detection] = field(default_factory=list)
    phones: list[Detection] = field(default_factory=list)
    handles: list[Detection] = field(default_factory=list)


@dataclass(frozen=True)
class _Words:
    at: frozenset[str]
    dot: frozenset[str]
    address_cues: tuple[str, ...]
    quote_cues: tuple[str, ...]
    file_suffixes: frozenset[str]
    common_suffixes: frozenset[str]
    ambiguous_apps: frozenset[str]
    # Built from the word lists: a separator that may be disguised; an app's name; a code label
    # before a number; an app's ID after it.
    markers: tuple[re.Pattern[str], ...]
    zone_start: re.Pattern[str]
    zone_label: re.Pattern[str]
    app: re.Pattern[str]
    id_before: re.Pattern[str]
    phone_before: re.Pattern[str]
    handle_id: re.Pattern[str]


def _alternatives(words: list[str]) -> str:
    """Return a pattern of any of ``words``; a look at the first letter fails fast elsewhere."""
    unique = sorted(set(words), key=len, reverse=True)
    firsts = "".join(sorted({re.escape(w[0]) for w in unique}))
    return f"(?=[{firsts}])(?:" + "|".join(re.escape(w) for w in unique) + ")"


def _by_first_letter(words: list[str]) -> str:
    """Return a pattern of any of ``words``, grouped by first letter: a position is tried against
    the words of its letter only, not against all of them."""
    groups: dict[str, list[str]] = {}
    for word in sorted(set(words), key=len, reverse=True):
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return (
        "(?:" + "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items()) + ")"
    )


def _first_letters(words: list[str]) -> str:
    """Return the first characters of ``words`` as the body of a character class."""
    return "".join(sorted({re.escape(word[0]) for word in words}))


@cache
def _words() -> _Words:
    with DATA_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    # Every pack's words count in every message: an address spelled in English in a German text.
    sections = [pack.contact for pack in all_packs()] + [data["codes"]]

    def collect(key: str) -> list[str]:
        return [word for section in sections for word in section.get(key, ())]

    separators = collect("at") + collect("dot")
    apps = data["messaging_apps"] + collect("apps") + collect("ambiguous_apps") + data["ambiguous_apps"]
    # Japanese and Chinese words for "@" and "." sit between Latin letters without spaces.
    cjk_separators = [w for w in separators if ord(w[0]) >= 0x2E80]
    latin_separators = [w for w in separators if w not in cjk_separators]
    return _Words(
        at=frozenset(collect("at")),
        dot=frozenset(collect("dot")),
        address_cues=tuple(collect("address_cues")),
        quote_cues=tuple(collect("quote_cues")),
        file_suffixes=frozenset(data["file_suffixes"]),
        common_suffixes=frozenset(data["common_suffixes"]),
        ambiguous_apps=frozenset(data["ambiguous_apps"] + collect("ambiguous_apps")),
        markers=(
            # Each starts with a look at its first characters, so a search skips the rest fast.
            re.compile(
                rf"(?=[{_first_letters(latin_separators)}])(?<![a-z0-9_\-])"
                rf"{_alternatives(latin_separators)}(?![a-z0-9_\-])"
            ),
            re.compile(_alternatives(cjk_separators)),
            re.compile(rf"[\[({{<]\s?[@.]|\s[@.]|@\s|[。｡{DOT_MARKS}]"),
            # A hyphen at the end of a line inside a name; "shop. com" at the end of a sentence
            # or line (not "today. it was").
            re.compile(
                r"\n(?<=[a-z0-9]-\n)|\n(?<=[a-z0-9]-\r\n)"
                r"|\.(?<=[a-z0-9]\.)[ \t](?=[a-z]{2,6}(?![a-z0-9\-])(?![ \t]*[a-z]))"
            ),
        ),
        zone_start=re.compile(rf"^[ \t]*{_alternatives(collect('address_cues'))}(?![a-z])", re.MULTILINE),
        zone_label=re.compile(_alternatives(collect("quote_cues") + collect("address_cues"))),
        app=re.compile(
            rf"(?=[{_first_letters(apps)}])(?<![a-z0-9_])(?P<name>{_alternatives(apps)})"
            # An app's name takes an ending in Polish or Turkish (na WhatsAppie, Instagramie);
            # "カカオトークID：…" takes its ID without a space.
            rf"(?P<ending>(?!id\b)[{_LETTERS}]{{1,3}})?(?!(?!id\b)[a-z])"
        ),
        id_before=re.compile(rf"(?<![a-z])(?:{_alternatives(collect('id_cues'))})[\s:：#.]{{0,3}}$"),
        phone_before=re.compile(rf"(?<![a-z])(?:{_alternatives(collect('phone_cues'))})[\s:：.]{{0,4}}$"),
        handle_id=re.compile(
            r"@[a-z0-9_.]{2,30}"
            rf"|(?:{_alternatives(collect('id_words'))}|:|：)[\s:：]{{0,3}}(?:\+?\d[\d \-]{{4,18}}\d|@?[a-z0-9_.+\-]{{3,32}})"
            r"|\+?\d[\d \-]{4,18}\d"
        ),
    )


@cache
def public_suffixes():
    """Return the Public Suffix List shipped with ``publicsuffixlist`` (unknown suffixes refused)."""
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList(accept_unknown=False)


@lru_cache(maxsize=4096)
def registrable_domain(host: str) -> str | None:
    """Return the domain a host belongs to under the Public Suffix List, or None (no known suffix)."""
    if not host or len(host) > 253 or ".." in host or host.startswith(".") or host.endswith("."):
        return None
    try:
        return public_suffixes().privatesuffix(host)
    except (ValueError, IndexError):
        return None


def is_amazon_host(host: str) -> bool:
    """Tell whether a host is Amazon's own: its registrable domain is one of Amazon's."""
    return registrable_domain(host) in AMAZON_DOMAINS


# ---------------------------------------------------------------------------------------------
# The contact reading: spelled-out separators read as "@" and "."

_LETTERS = r"a-z\u00df-\u024f"
_LABEL_CHARS = r"a-z0-9_%+\-\u00df-\u024f"
_TOKEN = re.compile(
    r"(?P<bracket>[\[({<]\s?(?P<bword>[^\s\[\](){}<>]{1,12})\s?[\])}>])"
    rf"|(?P<label>[{_LABEL_CHARS}]+)"
    rf"|(?P<cjk>[{CJK_CLASS}]+)"
    r"|(?P<space>[ \t\u3000]+)"
    r"|(?P<newline>\r?\n)"
    rf"|(?P<other>[^{_LABEL_CHARS}{CJK_CLASS} \t\u3000\r\n\[({{<@.。｡{DOT_MARKS}]+|[\s\S])"
)
_PLAIN_LABEL = re.compile(rf"[{_LABEL_CHARS}]+")


@dataclass(slots=True)
class _Tok:
    kind: str  # "label", "at", "dot", "break"
    start: int
    end: int
    text: str
    disguised: bool = False
    spelled: str | None = None  # a word read as a separator ("at", "punkt"), as written
    after_space: bool = False  # spaces or tabs (no line break) right before it
    # A separator that only counts between two labels written without spaces: a middle dot
    # ("shop·com") is a list separator when spaced ("Home · Shop").
    glued: bool = False
    sentence_end: bool = False  # a plain full stop with a space after it only ("shop. com")


def _tokens(text: str, begin: int, stop: int) -> list[_Tok]:
    """Return the tokens of ``text[begin:stop]`` (offsets in ``text``); spaces mark the next token."""
    words = _words()
    at_words, dot_words = words.at, words.dot
    tokens: list[_Tok] = []
    append = tokens.append
    spaced = False
    for match in _TOKEN.finditer(text, begin, stop):
        kind = match.lastgroup
        if kind == "space":
            spaced = True
            continue
        start, end = match.span()
        value = match.group(0)
        if kind == "label" or kind == "cjk":  # most tokens: test the words first
            if value in at_words:
                token = _Tok("at", start, end, "@", True, value, spaced)
            elif value in dot_words:
                token = _Tok("dot", start, end, ".", True, value, spaced)
            else:
                token = _Tok("label" if kind == "label" else "break", start, end, value, False, None, spaced)
        elif kind == "bracket":
            inner = match.group("bword")
            if inner in at_words or inner == "@":
                token = _Tok("at", start, end, "@", True, None, spaced)
            elif inner in dot_words or inner == ".":
                token = _Tok("dot", start, end, ".", True, None, spaced)
            else:
                token = _Tok("break", start, end, value, False, None, spaced)
        elif value == "@":
            token = _Tok("at", start, end, "@", False, None, spaced)
        elif value == ".":
            token = _Tok("dot", start, end, ".", False, None, spaced)
        elif value in "。｡":
            token = _Tok("dot", start, end, ".", True, None, spaced)
        elif kind == "newline":
            token = _Tok("newline", start, end, value, False, None, spaced)
        elif value in DOT_MARKS:
            token = _Tok("dot", start, end, ".", True, None, spaced, glued=True)
        else:
            token = _Tok("break", start, end, value, False, None, spaced)
        spaced = False
        append(token)
    return tokens


def _windows(text: str) -> list[tuple[int, int]]:
    """Return the stretches of text around possible separators, where an address could be.

    Separators well inside a window are skipped by the search, so a text that is one long run
    of them ("a·a·a·…") costs a search per half a reach, not one per separator. Each kind of
    separator keeps its next match until the search has passed it.
    """
    markers = _words().markers
    upcoming = [marker.search(text) for marker in markers]
    merged: list[tuple[int, int]] = []
    while any(upcoming):
        found = min((m for m in upcoming if m is not None), key=lambda m: m.start())
        start, end = found.span()
        if merged and start - _REACH <= merged[-1][1]:
            if end + _REACH > merged[-1][1]:  # still inside the window: widen it, no new window
                merged[-1] = (merged[-1][0], _label_edge(text, min(len(text), end + _REACH), 1))
        else:
            begin = _label_edge(text, max(0, start - _REACH), -1)
            merged.append((begin, _label_edge(text, min(len(text), end + _REACH), 1)))
        # Separators in the first part of the window widen it less than the next one will:
        # the search goes on from the window's last stretch.
        position = max(end, merged[-1][1] - _REACH // 2)
        upcoming = [
            m if m is None or m.start() >= position else marker.search(text, position)
            for marker, m in zip(markers, upcoming, strict=True)
        ]
    return merged


def _label_edge(text: str, position: int, step: int) -> int:
    """Move ``position`` out of the word it falls in (at most 64 characters), so no label is cut."""
    if step > 0:
        return _LABEL_AHEAD.match(text, position).end()
    return _LABEL_BEHIND.search(text, max(0, position - 64), position).start()


_LABEL_AHEAD = re.compile(rf"[{_LABEL_CHARS}]{{0,64}}")
_LABEL_BEHIND = re.compile(rf"[{_LABEL_CHARS}]*\Z")


# Labels and separators of the longest address worth reading ("first.last@mail.shop.co.uk" has 11).
_LONGEST_CHAIN = 25
# A label of a domain name, or a mailbox name, is at most this long.
_LONGEST_LABEL = 64
# An address reaches this far on either side of its "@" or "." (a mailbox name is at most 64).
_REACH = 120


def _chains(tokens: list[_Tok]) -> list[tuple[int, int, list[_Tok]]]:
    """Return runs ``label (sep label)+`` with the token range they cover (one pass).

    An address broken over two lines is read whole: a line break right before or after an "@",
    or after a hyphen inside a name ("example-⏎shop.com"), joins. Runs of more than
    ``_LONGEST_CHAIN`` parts are no address ("a at a at a …") and are left out.
    """
    chains = []
    index = 0
    count = len(tokens)
    while index < count:
        if tokens[index].kind != "label":
            index += 1
            continue
        parts = [tokens[index]]
        last = index
        cursor = index + 1
        joined = False  # the address was carried over a line break
        while cursor < count:
            before = cursor
            sep = tokens[cursor]
            if sep.kind == "newline" and cursor + 1 < count:
                after = tokens[cursor + 1]
                hyphenated = after.kind == "label" and parts[-1].text.endswith("-")
                if hyphenated and len(parts[-1].text) + len(after.text) > _LONGEST_LABEL:
                    break  # no name of an address is that long
                if after.kind == "at" or hyphenated:
                    if hyphenated:  # "example-⏎shop": one name
                        previous = parts[-1]
                        parts[-1] = _Tok("label", previous.start, after.end, previous.text + after.text)
                        last = cursor = cursor + 1
                        joined = True
                        cursor += 1
                        continue
                    joined = True
                    cursor += 1
                    sep = after
            if sep.kind not in ("at", "dot"):
                cursor = before
                break
            cursor += 1
            if cursor < count and sep.kind == "at" and tokens[cursor].kind == "newline":
                joined = True
                cursor += 1
            if cursor >= count or not _can_be_label(tokens[cursor]):
                cursor = before
                break
            spaced_before, spaced_after = sep.after_space, tokens[cursor].after_space
            if sep.glued and (spaced_before or spaced_after):
                cursor = before  # "Home · Shop": a list, not an address
                break
            if not sep.disguised and spaced_after and not spaced_before:
                # "shop. com" reads as an address only where no sentence goes on after it.
                following = tokens[cursor + 1] if cursor + 1 < count else None
                if sep.kind == "dot" and not _ends_address(following):
                    cursor = before  # "today. It arrives", "today. It's": a full stop ends a sentence
                    break
            if len(parts) <= _LONGEST_CHAIN:  # a longer chain is walked to its end, not kept
                spaced = spaced_before or spaced_after or joined
                parts.append(
                    _Tok(sep.kind, sep.start, sep.end, sep.text, sep.disguised or spaced, sep.spelled)
                )
                parts[-1].glued = sep.glued
                parts[-1].sentence_end = not sep.disguised and spaced_after and not spaced_before
                label = tokens[cursor]
                parts.append(_Tok("label", label.start, label.end, text_of(label)))
            last = cursor
            cursor += 1
            if not sep.disguised and spaced_after and not spaced_before and sep.kind == "dot":
                break  # nothing reads on after "shop. com"
        if 1 < len(parts) <= _LONGEST_CHAIN:
            chains.append((index, last, parts))
        index = max(last + 1, index + 1)
    return chains


def _ends_address(token: _Tok | None) -> bool:
    """Tell whether nothing goes on after a label: the end, a line break or closing punctuation."""
    return (
        token is None
        or token.kind == "newline"
        or (token.kind == "dot" and not token.disguised)
        or (token.kind == "break" and not token.after_space and token.text[0] in _CLOSING)
    )


_CLOSING = ',;:!?)]}>"»”」』）'


def _can_be_label(token: _Tok) -> bool:
    """Tell whether a token can be part of an address: a label, or a spelled word used as one
    ("…(punkt)at" ends in Austria's domain, not in another "@")."""
    return token.kind == "label" or (
        token.spelled is not None and _PLAIN_LABEL.fullmatch(token.spelled) is not None
    )


def text_of(token: _Tok) -> str:
    return token.spelled if token.kind != "label" and token.spelled else token.text


def _read_chain(parts: list[_Tok]) -> str | None:
    """Return the address a disguised chain spells, or None when it spells none."""
    labels = parts[0::2]
    seps = parts[1::2]
    if not any(sep.disguised for sep in seps):
        return None  # written plainly: the ordinary detectors see it as it is
    ats = [i for i, sep in enumerate(seps) if sep.kind == "at"]
    if len(ats) > 1:
        return None
    domain_labels = labels[ats[0] + 1 :] if ats else labels
    domain_seps = seps[ats[0] + 1 :] if ats else seps
    if len(domain_labels) < 2:
        return None
    domain = ".".join(tok.text for tok in domain_labels)
    registrable = registrable_domain(domain)
    if registrable is None:
        return None
    if ats:
        at = seps[ats[0]]
        local = "".join(tok.text for tok in parts[: 2 * ats[0] + 1])
        local = local.replace("@", "")
        spelled_dot = any(sep.text != sep_text(sep) for sep in domain_seps)
        # "Available at amazon.de": an English "at" before a plain domain is a preposition,
        # unless the name before it looks like a mailbox (j.miller, info_2).
        common = at.disguised and at_is_common_word(parts, ats[0])
        if common and not spelled_dot and not re.search(r"[._+0-9]", local):
            return None
        return f"{local}@{domain}"
    plain_spaced = all(sep.text == "." for sep in seps)
    name = registrable.split(".")[0]
    if any(sep.glued for sep in seps) and not _reads_as_address(name, registrable):
        return None  # "Black·Red", "Black，Red": a list of names, not an address
    if any(sep.sentence_end for sep in seps) and not _reads_as_address(name, registrable, countries=False):
        return None  # "Thanks for your order. it": a sentence that ends, not an address
    short_link = registrable in SHORTENERS or registrable in AMAZON_SHORT
    if (
        plain_spaced
        and domain_labels[0].text != "www"
        and len(name) < 4
        and "-" not in name
        and not short_link
    ):
        return None  # "it . it" is no address; "bit . ly" is a short link
    return domain


def _reads_as_address(name: str, registrable: str, *, countries: bool = True) -> bool:
    """Tell whether a name joined by a middle dot or comma is an address, not a list of words:
    it has a hyphen or a digit, or ends in a suffix everyone knows (.com) or, unless
    ``countries`` is false (a word after a full stop: "order. it"), a country's."""
    suffix = registrable.partition(".")[2]
    country = countries and len(suffix.rpartition(".")[2]) == 2
    return bool(re.search(r"[-0-9]", name)) or country or suffix in _words().common_suffixes


def sep_text(sep: _Tok) -> str:
    """Return how a separator was written: "." for a plain or spaced full stop, else its word."""
    return sep.spelled or ("bracketed" if sep.disguised and sep.end - sep.start > 1 else sep.text)


def at_is_common_word(parts: list[_Tok], at_index: int) -> bool:
    """Tell whether the at-separator was written as a short everyday word ("at", "et")."""
    raw = parts[2 * at_index + 1]
    return raw.spelled is not None and raw.spelled.isascii() and len(raw.spelled) <= 2


def contact_reading(reading: Reading, raw: str | None = None) -> Reading:
    """Return ``reading`` with spelled-out addresses read as addresses (one pass over tokens).

    ``raw`` is the seller's text (``reading`` maps to it): a full-width comma between two names
    ("shop，com") is a disguised dot, and "shop. Com" with a capital after the stop ends a sentence.
    """
    text = _respelled(reading.text)
    if raw is not None and _FULL_WIDTH_COMMA in raw and "," in text:
        text = _commas_as_dots(text, reading, raw)
    edits = []
    for begin, stop in _windows(text):  # most messages have none: nothing is spelled out
        # Long windows (a pasted run of "a at a at …") are read, not kept: memory stays bounded.
        spelled = _spelled if stop - begin <= _LONGEST_KEPT_WINDOW else _spelled.__wrapped__
        for start, end, address, sentence_at in spelled(text[begin:stop]):
            if (
                sentence_at >= 0
                and raw is not None
                and raw[reading.raw_offset(begin + sentence_at)].isupper()
            ):
                continue  # "Thanks for your order. It": a new sentence, not a domain
            edits.append((begin + start, begin + end, address))
    return reading.replace(edits)


_LONGEST_KEPT_WINDOW = 2_000
_FULL_WIDTH_COMMA = "\uff0c"


@cache
def _respellings() -> tuple[re.Pattern[str], ...]:
    """Return the patterns of separators written in other disguises, each led by the characters
    it needs so a search skips the rest: "-at-", "_dot_", "'at'" (the word between two equal
    marks), "%40", a glued "(a)", and the spaces of "www example-shop com"."""
    words = _words()
    latin = [w for w in words.at | words.dot if ord(w[0]) < 0x2E80]
    return (
        re.compile(
            rf"[\-_'\"*](?<=[a-z0-9 ].)(?=[{_first_letters(latin)}])"
            rf"({_alternatives(latin)})(?=[\-_'\"*][a-z0-9 ])"
        ),
        re.compile(r"%40|[(\[]a[)\]](?<=[a-z0-9].{3})(?=[a-z0-9])"),
        re.compile(r"www(?<![a-z0-9.\-]www)([ \t]+)[a-z0-9][a-z0-9\-]*([ \t]+)[a-z]{2,6}(?![a-z0-9.\-])"),
    )


def _respelled(text: str) -> str:
    """Return ``text`` with the separators of :func:`_respellings` written as the tokens read
    them, in as many characters: "(at)", "(@)", and a dot for the first space of a gap."""
    wrapped, at_sign, spaced_www = _respellings()
    edits: list[tuple[int, str]] = []
    for match in wrapped.finditer(text):
        start, end = match.span()
        if text[start] == text[end]:  # the same mark on both sides
            edits.append((start, f"({match.group(1)})"))
    edits += [(match.start(), "(@)") for match in at_sign.finditer(text)]
    for match in spaced_www.finditer(text):
        edits += [(match.start(gap), "｡") for gap in (1, 2)]
    if not edits:
        return text
    chars = list(text)
    for start, new in edits:
        chars[start : start + len(new)] = new
    return "".join(chars)


def _commas_as_dots(text: str, reading: Reading, raw: str) -> str:
    """Return ``text`` with the commas typed full-width (NFKC reads them ",") as a glued dot mark."""
    marks = [index for index in _all(text, ",") if raw[reading.raw_offset(index)] == _FULL_WIDTH_COMMA]
    if not marks:
        return text
    chars = list(text)
    for index in marks:
        chars[index] = DOT_MARKS[0]
    return "".join(chars)


def _all(text: str, char: str) -> list[int]:
    return [match.start() for match in re.finditer(re.escape(char), text)]


@lru_cache(maxsize=1024)
def _spelled(window: str) -> tuple[tuple[int, int, str, int], ...]:
    """Return the addresses spelled out in one window, as (start, end, address, sentence_at).

    ``sentence_at`` is where a word follows a full stop and a space ("shop. com"), or -1: a
    capital there in the seller's text makes it a new sentence. Kept per window text: a seller's
    next check, or a paragraph repeated in the same message, finds the windows it did not change
    already read.
    """
    edits = []
    for _first, _last, parts in _chains(_tokens(window, 0, len(window))):
        address = _read_chain(parts)
        # "a line at help at shop dot com", "lives at shop . co . uk": the words before an
        # "at" may be prose; the address starts after it.
        ats = [i for i in range(1, len(parts), 2) if parts[i].kind == "at"]
        for at in ats if address is None else ():
            rest = parts[at + 1 :]
            address = _read_chain(rest) if len(rest) > 1 else None
            if address is not None:
                parts = rest
                break
        if address is not None:
            sentence_at = next(
                (parts[i + 1].start for i in range(1, len(parts), 2) if parts[i].sentence_end), -1
            )
            edits.append((parts[0].start, parts[-1].end, address, sentence_at))
    return tuple(edits)


def forget_windows() -> None:
    """Drop the addresses kept per window (the benchmark reads every text as new)."""
    _spelled.cache_clear()


# ---------------------------------------------------------------------------------------------
# Detectors

_EMAIL = re.compile(
    r"(?<![a-z0-9._%+\-])[a-z0-9._%+\-]{1,64}@((?:[a-z0-9\-]{1,63}\.){1,8}[a-z0-9\-]{2,63})(?![a-z0-9\-])"
)
_SCHEME_URL = re.compile(r"(?:https?|ftp)://[^\s<>\"'`{}|\\^]+")
_HOST = re.compile(
    # After "//" too: "hxxps://example-shop.com" is a web address with its scheme disguised.
    r"(?:(?<=//)|(?<![a-z0-9@._%+\-/]))[a-z0-9\u00df-\u024f\-]+(?:\.[a-z0-9\u00df-\u024f\-]+)+"
    r"(?:[/?#][^\s<>\"'`{}|\\^]*)?"
)
_TRAILING = ".,;:!?)]}'\"»」』”’、。"
_QUOTED_LINE = re.compile(r"^[ \t]*>.*$", re.MULTILINE)
_LINE_END_COLON = re.compile(r"[:：][ \t]*$", re.MULTILINE)
_BLANK_LINE = re.compile(r"\n[ \t]*(?=\n)")
_ORDER_ID = re.compile(r"\d{3}-\d{7}-\d{7}")
# A run of digits as people write phone numbers: a leading + or 00, brackets, spaces, dots,
# hyphens, slashes, and the letter o typed for a zero. It starts and ends with a digit.
_DIGIT = re.compile(r"\d")
# Dashes and middle dots between the groups (03ー5550ー1234, 090・1234・5678, 020 — 7946) read as
# hyphens; the letters o and l typed for 0 and 1 (O2O, 0l7l). Japanese and Chinese write a number
# right after a word (お電話は03-…, 致电138…): only a letter of a spaced script glues to it.
_PHONE_DASHES = "\u2010-\u2015\u2212\u30fc\u30fb" + DOT_MARKS
_NOT_GLUED = rf"[^\W{CJK_CLASS}]"
_PHONE_RUN = re.compile(
    rf"(?=[+(ol\d])(?<!{_NOT_GLUED})(?<!\+)(?:\+|\(\+?(?=\d)|[ol](?=\d))?\d"
    rf"(?:[\d ol()\-./\u00a0{_PHONE_DASHES}]*\d)?(?!{_NOT_GLUED})"
)
_AS_HYPHEN = str.maketrans(
    dict.fromkeys([chr(c) for c in range(0x2010, 0x2016)] + ["\u2212", "\u30fc", "\u30fb", *DOT_MARKS], "-")
    | {"o": "0", "l": "1"}
)
# A trunk prefix in brackets after the country code (+44 (0)20 …) is not dialled from abroad.
_TRUNK_IN_BRACKETS = re.compile(r"^(\+\d{1,3})\s?\(0\)\s?")
# A token of letters and digits right before the digits: they continue a code (1Z 999 AA1 01 2345).
_CODE_BEFORE = re.compile(r"(?:[a-z]\d|\d[a-z])[a-z0-9]*[\s\-]$")
_DATE = re.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}")
_CURRENCY_BEFORE = re.compile(r"[$€£¥￥₺zł]\s?$|(?:usd|eur|gbp|chf|pln|sek|try|jpy|rmb|cny|r\$)\s?$")
# Symbols and units after a number that make it a price or a measure; each pack adds its words
# (``[contact] units``: 円, 個, pcs).
_UNITS = r"€|\$|%|x\b|×|\*|eur\b|euro|usd|kg\b|g\b|cm\b|mm\b|m\b|ml\b|l\b|px\b"


@cache
def _unit_after() -> re.Pattern[str]:
    words = sorted(
        {re.escape(w) for pack in all_packs() for w in pack.contact["units"]}, key=len, reverse=True
    )
    return re.compile(rf"^\s?(?:{'|'.join([_UNITS, *words])})")


def detect(message: Message) -> Detections:
    """Run every detector once over the message's contact reading."""
    # "example-shop dot c o m": letters spelled one by one are joined before addresses are read.
    spelled_out = contact_reading(message.letters_joined, message.visible)
    reading, spelled_numbers = _with_spelled_numbers(spelled_out)
    text = reading.text
    found = Detections()
    taken: list[tuple[int, int]] = []  # reading spans already used by an address or link
    zones = _foreign_zones(text)

    def raw(start: int, end: int) -> tuple[int, int]:
        return reading.raw_span(start, end)

    def disguised(start: int, end: int) -> bool:
        raw_start, raw_end = raw(start, end)
        return message.visible[raw_start:raw_end].lower() != text[start:end]

    if "@" in text:
        for match in _EMAIL.finditer(text):
            domain = match.group(1)
            if registrable_domain(domain) is None or re.match(r"marketplace\.amazon\.", domain):
                continue
            start, end = match.span()
            taken.append((start, end))
            if _inside(zones, start):
                continue
            found.emails.append(Detection("email", *raw(start, end), match.group(0), disguised(start, end)))
    for match in _SCHEME_URL.finditer(text):
        start, end = _trim(text, *match.span())
        taken.append((start, end))
        found.urls.append(Detection("url", *raw(start, end), text[start:end]))
    if "." in text:
        for match in _HOST.finditer(text):
            start, end = _trim(text, *match.span())
            if _overlaps(taken, start, end):
                continue
            value = text[start:end]
            if not _is_web_address(value, message, raw(start, end)):
                continue
            taken.append((start, end))
            found.urls.append(Detection("url", *raw(start, end), value, disguised(start, end)))
    found.urls.sort(key=lambda d: d.start)
    _find_phones(message, text, reading, zones, taken, spelled_numbers, found)
    _find_handles(text, reading, zones, found)
    return found


# A number spelled digit by digit ("zero one seven one …", null eins sieben, 一三八…) has at least
# this many digit words, and at least seven digits with the digit groups between them.
_SPELLED_WORDS = 3
_LONGEST_SPELLED = 240
_COUNTING = "0123456789"
_SPELLED_GAP = re.compile(rf"[\d \t,\-./()\u00a0{_PHONE_DASHES}]{{0,12}}")
_DIGITS_BEFORE = re.compile(rf"\+?\d[\d \t\-./()\u00a0{_PHONE_DASHES}]{{0,14}}[ \t\-]{{0,2}}$")
_DIGITS_AFTER = re.compile(rf"[ \t\-]{{0,2}}\d[\d \t\-./()\u00a0{_PHONE_DASHES}]{{0,14}}(?<=\d)")


@cache
def _digit_words() -> tuple[dict[str, int], re.Pattern[str], tuple[re.Pattern[str], ...]]:
    """Return every pack's words for the digits 0–9, a pattern for one and one for a run of them.

    A run is of words (zero one seven) or of numeral characters (〇三五), each led by the
    characters it starts with, so the search skips the rest of the text fast.
    """
    table: dict[str, int] = {}
    for pack in all_packs():
        table.update({word: value for word, value in pack.number_words.items() if 0 <= value <= 9})
        table.update(pack.digit_words)
    latin = [word for word in table if ord(word[0]) < 0x2E80]
    characters = "[" + "".join(sorted(re.escape(word) for word in table if word not in latin)) + "]"
    letter = r"a-z\u00df-\u024f"
    spelled = rf"(?<![{letter}]){_by_first_letter(latin)}(?![{letter}])"
    more = f"{{{_SPELLED_WORDS - 1},}}"
    gap = _SPELLED_GAP.pattern
    return (
        table,
        re.compile(f"{spelled}|{characters}"),
        (
            re.compile(rf"(?=[{_first_letters(latin)}])(?:{spelled})(?:{gap}(?:{spelled})){more}"),
            re.compile(rf"{characters}(?:{gap}{characters}){more}"),
        ),
    )


def _with_spelled_numbers(reading: Reading) -> tuple[Reading, list[tuple[int, int]]]:
    """Return ``reading`` with numbers spelled digit by digit written as digits, and their spans.

    "zero two zero seven nine four six …", "020 seven nine four six 0321", 〇三ー五五五〇ー一二三四
    read as the digits they spell; a run of fewer than three digit words is left alone.
    """
    text = reading.text
    table, word, run_patterns = _digit_words()
    edits = []
    runs = [run for pattern in run_patterns for run in pattern.finditer(text)]
    for run in sorted(runs, key=lambda run: run.start()):
        start, end = run.span()
        if end - start > _LONGEST_SPELLED:
            continue  # "one one one …" or 一一一…: no number anyone dials
        words = word.findall(text, start, end)
        if len(words) < _SPELLED_WORDS:
            continue
        spelled = "".join(str(table[w]) for w in words)
        if spelled in _COUNTING or spelled in _COUNTING[::-1]:
            continue  # "bir iki üç dört …": counting, not a number
        before = _DIGITS_BEFORE.search(text, max(0, start - 18), start)
        after = _DIGITS_AFTER.match(text, end)
        start = before.start() if before else start
        end = after.end() if after else end
        digits = word.sub(lambda m: str(table[m.group(0)]), text[start:end])
        digits = ("+" if digits.startswith("+") else "") + re.sub(r"\D", "", digits)
        if 7 <= len(digits.lstrip("+")) <= 15:
            edits.append((start, end, digits))
    if not edits:
        return reading, []
    spans = []
    shift = 0
    for start, end, digits in edits:
        spans.append((start + shift, start + shift + len(digits)))
        shift += len(digits) - (end - start)
    return reading.replace(edits), spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in _TRAILING:
        # Keep a closing bracket that belongs to the URL ("…/Foo_(bar)").
        if text[end - 1] == ")" and text.count("(", start, end) >= text.count(")", start, end):
            break
        end -= 1
    return start, end


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans[-64:])


def _is_web_address(value: str, message: Message, raw_span: tuple[int, int]) -> bool:
    """Tell whether a scheme-less ``host[/path]`` is a web address, not a file name or a typo."""
    host = re.split(r"[/?#]", value, maxsplit=1)[0].strip(".")
    labels = host.split(".")
    if all(label.isdigit() for label in labels) or len(host) > 253:
        return False  # a version or a number
    if registrable_domain(host) is None:
        return False
    if labels[0] == "www" or "/" in value:
        return True
    suffix = labels[-1]
    if len(labels) == 2 and suffix in _words().file_suffixes:
        return False  # invoice.zip, notes.md
    # "today.It arrives": a sentence that lacks a space after its full stop.
    raw_text = message.visible[raw_span[0] : raw_span[1]]
    raw_suffix = raw_text.rsplit(".", 1)[-1] if "." in raw_text else ""
    return not (raw_suffix[:1].isupper() and raw_suffix[1:].islower() and len(labels) == 2)


def _foreign_zones(text: str) -> list[tuple[int, int]]:
    """Return spans that are the buyer's, not the seller's: quoted lines and the shipping address.

    A line starting with ">" is quoted. A line that starts with an address label ("Shipping
    address: …") or ends with one or with a quote cue ("… wrote:") opens a block that runs to the
    next blank line.
    """
    words = _words()
    zones = [m.span() for m in _QUOTED_LINE.finditer(text)]
    blanks = None
    starts = [m.start() for m in words.zone_start.finditer(text)]
    for colon in _LINE_END_COLON.finditer(text):
        line_start = text.rfind("\n", 0, colon.start()) + 1
        label = words.zone_label.search(text, line_start, colon.start())
        if label is not None:
            starts.append(line_start)
    for start in starts:
        if blanks is None:
            blanks = [m.start() for m in _BLANK_LINE.finditer(text)]
        index = bisect_right(blanks, start)
        zones.append((start, blanks[index] if index < len(blanks) else len(text)))
    zones.sort()
    merged: list[tuple[int, int]] = []
    for start, end in zones:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _inside(zones: list[tuple[int, int]], position: int) -> bool:
    index = bisect_right(zones, (position, len(zones) and 1 << 62)) - 1
    return index >= 0 and zones[index][0] <= position < zones[index][1]


def _find_phones(
    message: Message,
    text: str,
    reading: Reading,
    zones: list[tuple[int, int]],
    taken: list[tuple[int, int]],
    spelled: list[tuple[int, int]],
    found: Detections,
) -> None:
    import phonenumbers

    region = (message.buyer_locale or "").partition("-")[2].upper() or None
    regions = [r for r in (region, *PHONE_REGIONS) if r]
    regions = list(dict.fromkeys(regions))
    verdicts: dict[str, bool] = {}
    words = _words()
    budget = PHONE_BUDGET
    taken_sorted = sorted(taken)
    if _DIGIT.search(text) is None:
        return
    for match in _PHONE_RUN.finditer(text):
        start, end = match.span()
        candidate = match.group(0)
        if candidate[0] == "(" and ")" not in candidate:
            start, candidate = start + 1, candidate[1:]  # お電話(03-5550-1234、…: the bracket is the text's
        digits = sum(c.isdigit() for c in candidate)
        if digits < 7 or digits > 15 or candidate.count("o") + candidate.count("l") > 3:
            continue
        if len(set(c for c in candidate if c.isdigit())) <= 2:
            continue  # 1-1-1-1-1-1-1 or 0000000: a pattern, not a number anyone answers
        if any(s < end and start < e for s, e in taken_sorted) or _inside(zones, start):
            continue
        if _ORDER_ID.search(candidate) or _DATE.fullmatch(candidate.strip("()")):
            continue
        before = text[max(0, start - 24) : start]
        if _CURRENCY_BEFORE.search(before) or _unit_after().match(text[end : end + 6]):
            continue
        if (
            words.id_before.search(before)
            or _CODE_BEFORE.search(before)
            or before[-1:] in ("/", "-", "_", "#")
        ):
            continue  # FV/2024/0042, SN-20231115: part of a code
        raw_start, raw_end = reading.raw_span(start, end)
        if message.is_protected(raw_start, raw_end):
            continue
        number = _TRUNK_IN_BRACKETS.sub(r"\1 ", candidate.translate(_AS_HYPHEN))
        separated = not number.lstrip("+").isdigit()
        international = number.startswith(("+", "00", "(+"))
        if _is_range(number):
            continue  # 1965–2025, 09.00–18.00: from one to the other, not a number to dial
        groups = [g for g in re.split(r"\D+", number) if g]
        # After "Tel.:" or 手机, or spelled out in words, a run of digits is a number to dial.
        dial = words.phone_before.search(before) or any(s <= start and end <= e for s, e in spelled)
        if not dial and not separated and not international and not number.startswith("0"):
            continue  # a bare run of digits is an ID or an amount, not a number to dial
        if not dial and not international and not number.startswith(("0", "(")):
            if all(len(g) <= 2 for g in groups) and not re.search(r"[\-./()]", number):
                continue  # sizes or counts in a row: "36 38 40 42 44"
            thousands = len(groups) > 1 and all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3
            if thousands and (re.search(r"[.,]", number) or len(groups[0]) < 3):
                continue  # an amount: 1.299.000, 1 200 000
        key = re.sub(r"[^\d+]", "", number)
        if key not in verdicts:
            if budget > 0:
                budget -= 1
                verdicts[key] = _valid_phone(phonenumbers, number, regions, international)
            else:
                verdicts[key] = _phone_shape(number)
        if verdicts[key]:
            value = text[start:end]
            found.phones.append(Detection("phone", raw_start, raw_end, value, number != candidate))


_RANGE = re.compile(r"(\d[\d.:]*)[ \u00a0]?-[ \u00a0]?(\d[\d.:]*)")


def _is_range(number: str) -> bool:
    """Tell whether a candidate is a range: two halves of one shape, the second the larger."""
    halves = _RANGE.fullmatch(number)
    if halves is None:
        return False
    low, high = halves.groups()
    return re.sub(r"\d", "0", low) == re.sub(r"\d", "0", high) and low < high


def _valid_phone(phonenumbers, number: str, regions: list[str], international: bool) -> bool:
    if number.startswith("00"):
        number = "+" + number[2:]
    for region in [None] if international else regions:
        try:
            parsed = phonenumbers.parse(number, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            return True
    return False


def _phone_shape(number: str) -> bool:
    """Judge a candidate without libphonenumber: international, or grouped like a trunk number."""
    groups = [g for g in re.split(r"[ .\-()/]+", number.strip("+() ")) if g]
    if number.startswith(("+", "00")):
        return True
    return len(groups) >= 3 and groups[0].startswith("0") and all(len(g) >= 2 for g in groups)


# Between an app's name and the ID: "WhatsApp number:", "Instagram hesabımız:", 微信号：.
_APP_GAP = re.compile(rf"[\s:：\-–'’{_LETTERS}{CJK_CLASS}]{{0,14}}?(?=@|id\b|[:：]|\+?\d)")


# What makes the words after an ambiguous name an account: "ID", an @, a digit, _ or a dot.
_LOOKS_LIKE_ID = re.compile(r"\bid\b|[@\d_.]")


def _app_ending_fits(match: re.Match[str], words: _Words) -> bool:
    """Tell whether an app's name found with an ending takes one: a long name that is no word
    ("WhatsAppie"), not "lines" or "signals"."""
    name = match.group("name")
    return not match.group("ending") or (len(name) >= _ENDING_AFTER and name not in words.ambiguous_apps)


# Names of at least this many letters take an ending (na WhatsAppie, Instagramie).
_ENDING_AFTER = 6


def _find_handles(text: str, reading: Reading, zones: list[tuple[int, int]], found: Detections) -> None:
    words = _words()
    position = 0
    # A name that gives no handle is searched past by one character only: 加微 in 加微信 leaves 微信.
    while (match := words.app.search(text, position)) is not None:
        start, end = match.span()
        position = start + 1
        if _inside(zones, start) or not _app_ending_fits(match, words):
            continue
        line_end = text.find("\n", end)
        window_end = min(end + 40, len(text) if line_end < 0 else line_end)
        window = text[end:window_end]
        app = match.group(0)
        if app in words.ambiguous_apps:
            # "line" or "signal" in a sentence: only "LINE ID: …", "LINE: …" or "LINE @…" count.
            gap = re.match(r"\s?(?=id\b|@|[:：])", window)
        else:
            gap = _APP_GAP.match(window)
        if gap is None:
            continue
        handle = words.handle_id.match(window, gap.end())
        if handle is None:
            continue
        if len(app) <= 2 and app.isascii() and not re.search(r"[@\d]", handle.group(0)):
            continue  # "WA: Western Australia": a two-letter name takes only an @handle or a number
        if app in words.ambiguous_apps and not _LOOKS_LIKE_ID.search(handle.group(0).rstrip(".")):
            continue  # "Outlook: positive", "Line: red": a word, unless "ID" or an account's marks say so
        found.handles.append(Detection("handle", *reading.raw_span(start, end + handle.end()), app))
        position = end + handle.end()
    # "@shop on Instagram": the handle before the app's name.
    for match in re.finditer(r"(?<![\w.])@[a-z0-9_.]{2,30}", text):
        start, end = match.span()
        after = text[end : end + 16]
        app = words.app.search(after)
        if (
            app
            and _app_ending_fits(app, words)
            and app.group("name") not in words.ambiguous_apps
            and re.fullmatch(r"[\s\w'’]*", after[: app.start()])
        ):
            if any(d.start <= reading.raw_span(start, end)[0] < d.end for d in found.handles):
                continue
            if not _inside(zones, start):
                found.handles.append(
                    Detection("handle", *reading.raw_span(start, end + app.end()), app.group(0))
                )
