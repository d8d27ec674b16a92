"""Buyer locales and Amazon marketplaces (reference §3)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .languages import all_packs

# Buyer locales the composer offers, as BCP-47 tags with a hyphen, from the language packs.
SUPPORTED_LOCALES: dict[str, str] = {tag: name for pack in all_packs() for tag, name in pack.locales.items()}

_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}|\d{3}))?$")


def normalize_locale(tag: str) -> str:
    """Return ``tag`` as a hyphenated BCP-47 tag (``en_us`` → ``en-US``) or raise ``ValueError``.

    Amazon's GetAttributes answers ``en-US`` while reports and site codes use ``en_US``;
    both mean the same buyer language.
    """
    match = _TAG.match(tag.strip()) if isinstance(tag, str) else None
    if not match:
        raise ValueError(f"{tag!r} is not a language tag such as en-US or de-DE")
    language, region = match.group(1).lower(), match.group(2)
    return f"{language}-{region.upper()}" if region else language


def language_of(tag: str) -> str:
    """Return the language subtag of a locale: ``de`` for ``de-DE`` or ``de_DE``."""
    return normalize_locale(tag).split("-")[0]


def is_supported(tag: str) -> bool:
    try:
        return normalize_locale(tag) in SUPPORTED_LOCALES
    except ValueError:
        return False


@dataclass(frozen=True)
class Marketplace:
    code: str  # our short key, the country code
    domain: str
    marketplace_id: str
    region: str
    default_locale: str


MARKETPLACES: dict[str, Marketplace] = {
    m.code: m
    for m in (
        Marketplace("US", "amazon.com", "ATVPDKIKX0DER", "NA", "en-US"),
        Marketplace("CA", "amazon.ca", "A2EUQ1WTGCTBG2", "NA", "en-CA"),
        Marketplace("MX", "amazon.com.mx", "A1AM78C64UM0Y8", "NA", "es-MX"),
        Marketplace("BR", "amazon.com.br", "A2Q3Y263D00KWC", "NA", "pt-BR"),
        Marketplace("UK", "amazon.co.uk", "A1F83G8C2ARO7P", "EU", "en-GB"),
        Marketplace("DE", "amazon.de", "A1PA6795UKMFR9", "EU", "de-DE"),
        Marketplace("FR", "amazon.fr", "A13V1IB3VIYZZH", "EU", "fr-FR"),
        Marketplace("IT", "amazon.it", "APJ6JRA9NG5V4", "EU", "it-IT"),
        Marketplace("ES", "amazon.es", "A1RKKUPIHCS9HS", "EU", "es-ES"),
        Marketplace("NL", "amazon.nl", "A1805IZSGTT6HS", "EU", "nl-NL"),
        Marketplace("BE", "amazon.com.be", "AMEN7PMS3EDWL", "EU", "fr-BE"),
        Marketplace("SE", "amazon.se", "A2NODRKZP88ZB9", "EU", "sv-SE"),
        Marketplace("PL", "amazon.pl", "A1C3SOZRARQ6R3", "EU", "pl-PL"),
        Marketplace("TR", "amazon.com.tr", "A33AVAJ2PDY3EV", "EU", "tr-TR"),
        Marketplace("AE", "amazon.ae", "A2VIGQ35RCS4UG", "EU", "en-AE"),
        Marketplace("IN", "amazon.in", "A21TJRUUN4KGV", "EU", "en-IN"),
        Marketplace("AU", "amazon.com.au", "A39IBJ37TRP1C6", "FE", "en-AU"),
        Marketplace("JP", "amazon.co.jp", "A1VC38T7YXB528", "FE", "ja-JP"),
    )
}


def marketplace_for_domain(domain: str) -> Marketplace | None:
    """Return the marketplace for a sales channel such as ``Amazon.de`` or ``amazon.co.uk``."""
    wanted = domain.strip().lower().removeprefix("www.")
    for marketplace in MARKETPLACES.values():
        if marketplace.domain == wanted:
            return marketplace
    return None
