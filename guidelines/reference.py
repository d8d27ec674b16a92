"""The guidelines our rules enforce, read from ``reference.toml``: names a seller recognises.

A rule cites one or more guideline keys (``source="links"``); the registry checks that each key is
defined here, so a finding always names a guideline the seller can look up, never a bare number.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from .i18n import Text

PATH = Path(__file__).with_name("reference.toml")
PUBLISHERS = ("amazon", "w3c", "composer")


@dataclass(frozen=True)
class Topic:
    key: str
    order: int
    title: Text
    summary: Text


@dataclass(frozen=True)
class Law:
    key: str
    title: Text
    summary: Text
    in_force: date
    url: str


@dataclass(frozen=True)
class Guideline:
    key: str
    topic: Topic
    by: str
    title: Text
    section: Text
    wording: Text
    url: str
    laws: tuple[Law, ...] = ()
    # The wording is the publisher's exact words (shown in quotation marks), not a summary.
    quoted: bool = False


@dataclass(frozen=True)
class Reference:
    topics: dict[str, Topic]
    guidelines: dict[str, Guideline]
    laws: dict[str, Law]


def _require(entry: dict, keys: set[str], optional: set[str], where: str) -> None:
    missing, unknown = keys - set(entry), set(entry) - keys - optional
    if missing or unknown:
        raise ValueError(f"{PATH.name} {where}: missing {sorted(missing)}, unknown {sorted(unknown)}")


@cache
def reference() -> Reference:
    """Load and validate the reference file once per process."""
    with PATH.open("rb") as handle:
        data = tomllib.load(handle)
    topics = {}
    for key, entry in data.get("topic", {}).items():
        _require(entry, {"order", "title", "summary"}, set(), f"[topic.{key}]")
        topics[key] = Topic(key, entry["order"], Text(entry["title"]), Text(entry["summary"]))
    laws = {}
    for key, entry in data.get("law", {}).items():
        _require(entry, {"title", "summary", "in_force", "url"}, set(), f"[law.{key}]")
        laws[key] = Law(key, Text(entry["title"]), Text(entry["summary"]), entry["in_force"], entry["url"])
    guidelines = {}
    for key, entry in data.get("guideline", {}).items():
        where = f"[guideline.{key}]"
        _require(entry, {"topic", "by", "title", "section", "wording", "url"}, {"laws", "quoted"}, where)
        if entry["topic"] not in topics:
            raise ValueError(f"{PATH.name} {where}: unknown topic {entry['topic']!r}")
        if entry["by"] not in PUBLISHERS:
            raise ValueError(f"{PATH.name} {where}: 'by' must be one of {PUBLISHERS}")
        unknown_laws = set(entry.get("laws", ())) - set(laws)
        if unknown_laws:
            raise ValueError(f"{PATH.name} {where}: unknown laws {sorted(unknown_laws)}")
        guidelines[key] = Guideline(
            key=key,
            topic=topics[entry["topic"]],
            by=entry["by"],
            title=Text(entry["title"]),
            section=Text(entry["section"]),
            wording=Text(entry["wording"]),
            url=entry["url"],
            laws=tuple(laws[k] for k in entry.get("laws", ())),
            quoted=bool(entry.get("quoted", False)),
        )
    return Reference(topics=topics, guidelines=guidelines, laws=laws)


def guideline_keys(source: str) -> tuple[str, ...]:
    """Split a rule's ``source`` ("links" or "contact-details, links") into guideline keys."""
    return tuple(key.strip() for key in source.split(",") if key.strip())


def guidelines_for(source: str) -> tuple[Guideline, ...]:
    """Return the guidelines a rule cites; raise ``KeyError`` for a key not in the reference."""
    known = reference().guidelines
    return tuple(known[key] for key in guideline_keys(source))
