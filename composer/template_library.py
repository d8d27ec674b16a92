"""The template library: languages, placeholders, sample previews, and the library file format.

Admins keep one template per message type and buyer language. Before a template is published it
is rendered with sample data for its language and checked like a real message, so the library
never hands a seller a template Amazon would block.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

import guidelines
import guidelines.placeholders

from . import bounds, checking, guideline_text
from .models import MESSAGE_TYPE_CHOICES, MessageTemplate

LIBRARY_FORMAT = "seller-message-composer/templates"
LIBRARY_VERSION = 1

# The languages the library is kept in: a language subtag, or a full tag where the region changes
# the wording (Brazilian Portuguese, Simplified Chinese).
LIBRARY_LANGUAGES: dict[str, str] = {
    "en": "English",
    "de": "Deutsch",
    "fr": "Français",
    "es": "Español",
    "it": "Italiano",
    "ja": "日本語",
    "pt-BR": "Português (Brasil)",
    "zh-CN": "中文（简体）",
}

# Sample values for the live preview, in each language so the language check reads a real message.
_SAMPLE_COMMON = {
    "order_id": "123-1234567-1234567",
    "delivery_date": "2026-11-20",
    "access_key": "7KQ2-MX9P-4TRD",
}
# A sample answer for the reply template, so the preview reads like a real reply.
SAMPLE_ANSWERS: dict[str, str] = {
    "en": "Yes, the lid is oven-safe, and the pot works on every type of hob, including induction.",
    "de": "Ja, der Deckel ist backofenfest, und der Topf eignet sich für alle Herdarten, auch für Induktion.",
    "fr": "Oui, le couvercle passe au four, et la cocotte convient à tous les feux, y compris l'induction.",
    "es": "Sí, la tapa puede ir al horno y la olla sirve para todo tipo de cocinas, también de inducción.",
    "it": "Sì, il coperchio va in forno e la pentola è adatta a ogni piano cottura, anche a induzione.",
    "ja": "はい、ふたはオーブンでもご使用いただけます。また、鍋はIHを含むすべてのコンロに対応しております。",
    "pt": "Sim, a tampa pode ir ao forno, e a panela funciona em qualquer fogão, inclusive de indução.",
    "zh": "可以。锅盖可放入烤箱使用，锅体适用于包括电磁炉在内的各类灶具。",
}
SAMPLES: dict[str, dict[str, str]] = {
    "en": {"buyer_name": "Laura", "product_name": "Cast Iron Dutch Oven", "store_name": "Acme Home"},
    "de": {"buyer_name": "Jonas", "product_name": "Kaffeemühle aus Edelstahl", "store_name": "Acme Home"},
    "fr": {"buyer_name": "Camille", "product_name": "Coussin personnalisé", "store_name": "Acme Home"},
    "es": {"buyer_name": "Nuria", "product_name": "Juego de cuchillos de cocina", "store_name": "Acme Home"},
    "it": {"buyer_name": "Marco", "product_name": "Zaino da escursionismo", "store_name": "Acme Home"},
    "ja": {"buyer_name": "中村", "product_name": "名入れ万年筆", "store_name": "Acme Home"},
    "pt": {"buyer_name": "Ana", "product_name": "Panela de ferro fundido", "store_name": "Acme Home"},
    "zh": {"buyer_name": "王芳", "product_name": "不锈钢咖啡研磨机", "store_name": "Acme Home"},
}


# The order situation each message type is written for, so the preview is checked in a fitting
# context: an order question is asked before shipping, a review request after delivery.
BEFORE_SHIPPING = frozenset(
    {"order_question", "custom_design", "delivery", "unexpected_problem", "service_appointment"}
)


def language_choices() -> list[tuple[str, str]]:
    """Return the library languages and every buyer locale Amazon may report, for a select."""
    extra = [
        (tag, name) for tag, name in guidelines.SUPPORTED_LOCALES.items() if tag not in LIBRARY_LANGUAGES
    ]
    return [*LIBRARY_LANGUAGES.items(), *extra]


def is_library_language(value: str) -> bool:
    """Accept a library language, a supported buyer locale, or the language subtag of one ("nl")."""
    subtags = {tag.split("-")[0] for tag in guidelines.SUPPORTED_LOCALES}
    return value in dict(language_choices()) or value in subtags


def locale_for_language(language: str) -> str:
    """Return the buyer locale a template in ``language`` is checked as ("de" → "de-DE")."""
    if language in guidelines.SUPPORTED_LOCALES:
        return language
    return next(tag for tag in guidelines.SUPPORTED_LOCALES if tag.split("-")[0] == language)


def sample_values(language: str) -> dict[str, str]:
    base = language.split("-")[0] if language.split("-")[0] in SAMPLES else "en"
    return {**_SAMPLE_COMMON, **SAMPLES[base], "answer": SAMPLE_ANSWERS[base]}


def unknown_placeholders(text: str) -> list[str]:
    """Return the placeholders in ``text`` that are not on the documented list, in order."""
    return [name for name in guidelines.placeholders.names_in(text) if name not in checking.PLACEHOLDERS]


def render(text: str, values: dict[str, str]) -> str:
    """Fill the documented placeholders; unknown ones stay visible so the check reports them."""
    return guidelines.placeholders.fill(text, {k: v for k, v in values.items() if k in checking.PLACEHOLDERS})


@dataclass(frozen=True)
class TemplateResult(checking.CheckResult):
    """The check of a template filled with sample data, its findings placed in the template.

    The admin edits the template, so marks and fixes point into it: words of the template keep
    their place, a finding in a filled-in value marks its whole placeholder, and a fix that
    would change a value is not offered (the template has no such words to change).
    """

    template: str = ""
    filled: guidelines.placeholders.Filled | None = None
    template_subject: str = ""
    filled_subject: guidelines.placeholders.Filled | None = None

    @cached_property
    def findings(self) -> list[dict]:
        return [self._placed(data) for data in checking.CheckResult.findings.func(self)]

    def _placed(self, data: dict) -> dict:
        body = data["field"] == "body"
        filled = self.filled if body else self.filled_subject
        template = self.template if body else self.template_subject
        if filled is None:
            return data
        data = dict(data)
        found = data["start"], data["end"]
        data["start"], data["end"], _exact = filled.template_span(*found)
        data["excerpt"] = template[data["start"] : data["end"]] if body else ""
        if data["fix"] is not None:
            fix_start = found[0] if data["fix_start"] is None else data["fix_start"]
            fix_end = found[1] if data["fix_end"] is None else data["fix_end"]
            start, end, exact = filled.template_span(fix_start, fix_end)
            if not exact or (data["fix"] and filled.covers_value(fix_start, fix_end)):
                data.update(fix=None, fix_start=None, fix_end=None, fix_label=None, fix_label_text=None)
            elif (start, end) != (data["start"], data["end"]):
                data.update(fix_start=start, fix_end=end)
            else:
                data.update(fix_start=None, fix_end=None)
        if filled.covers_value(*found):
            data["replacements"] = []
        data["fix_excerpt"] = (
            checking.fix_excerpt(template, data["fix"], data["fix_start"], data["fix_end"]) if body else ""
        )
        return data


@dataclass(frozen=True)
class Preview:
    subject: str
    body: str
    result: checking.CheckResult

    @property
    def errors(self) -> bool:
        return not self.result.ok

    @property
    def warnings(self) -> bool:
        return bool(self.result.report.warnings)


def preview(*, message_type: str, language: str, subject: str, body: str) -> Preview:
    """Render a template with sample data for its language and check it as a real message."""
    sample = sample_values(language)
    values = {k: v for k, v in sample.items() if k in checking.PLACEHOLDERS}
    rendered_subject = guidelines.placeholders.fill_mapped(subject, values)
    rendered_body = guidelines.placeholders.fill_mapped(body, values)
    checked = checking.check_sample(
        str(rendered_body),
        subject=str(rendered_subject),
        message_type=message_type,
        buyer_locale=locale_for_language(language),
        sample=sample,
        shipped=message_type not in BEFORE_SHIPPING,
    )
    result = TemplateResult(
        report=checked.report,
        text=str(rendered_body),
        template=body,
        filled=rendered_body,
        template_subject=subject,
        filled_subject=rendered_subject,
    )
    return Preview(subject=str(rendered_subject), body=str(rendered_body), result=result)


def export_library() -> dict:
    """Return the whole library in the file format ``import_library`` reads."""
    return {
        "format": LIBRARY_FORMAT,
        "version": LIBRARY_VERSION,
        "templates": [
            {
                "message_type": t.message_type,
                "language": t.language,
                "subject": t.subject,
                "body": t.body,
                "published": t.is_published,
            }
            for t in MessageTemplate.objects.order_by("message_type", "language")
        ],
    }


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    # Entries kept but left unpublished: their warnings need an admin's acknowledgement.
    unpublished: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)


class LibraryFileError(ValueError):
    """The file is not a template library at all (as opposed to a bad entry inside one)."""


def parse_library(raw: bytes) -> list:
    """Return the entries of a library file, or raise LibraryFileError with a reason for the admin."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise LibraryFileError(
            _("The file is not a template library: its JSON is nested too deeply.")
        ) from None
    except ValueError as error:  # invalid UTF-8 or JSON, or a number too long to read
        reason = str(error)[:200]
        raise LibraryFileError(_("The file is not valid JSON (%(error)s).") % {"error": reason}) from None
    if not isinstance(data, dict) or not isinstance(data.get("templates"), list):
        raise LibraryFileError(_('The file has no "templates" list; export a library to see the format.'))
    if data.get("format", LIBRARY_FORMAT) != LIBRARY_FORMAT:
        raise LibraryFileError(_("The file is not a template library from this site."))
    return data["templates"]


@transaction.atomic
def import_library(entries: list, *, by) -> ImportReport:
    """Check every entry like an edit in the site; keep the good ones and report the others.

    One transaction: an import that fails part-way stores none of its entries.
    """
    report = ImportReport()
    message_types = dict(MESSAGE_TYPE_CHOICES)
    for number, entry in enumerate(entries, start=1):
        label = _("Entry %(number)d") % {"number": number}
        problem = _entry_problem(entry, message_types)
        if problem:
            report.rejected.append((label, problem))
            continue
        message_type, language = entry["message_type"], entry["language"]
        subject, body = entry.get("subject") or "", entry["body"].replace("\r\n", "\n")
        label = f"{message_types[message_type]} ({language})"
        checked = preview(message_type=message_type, language=language, subject=subject, body=body)
        if checked.errors:
            first = checked.result.report.errors[0]
            report.rejected.append(
                (
                    label,
                    _("fails the guideline check: %(message)s")
                    % {"message": guideline_text.render(first.message)},
                )
            )
            continue
        template = MessageTemplate.objects.filter(message_type=message_type, language=language).first()
        if template is not None and (template.subject, template.body) == (subject, body):
            report.unchanged.append(label)
            continue
        if checked.warnings and template is not None and template.is_published:
            # Sellers keep the published template until an admin has read the warnings.
            reason = _("has warnings: paste it into the template's editor and confirm them to publish it")
            report.rejected.append((label, reason))
            continue
        if template is None:
            template = MessageTemplate(message_type=message_type, language=language)
            report.added.append(label)
        else:
            report.updated.append(label)
        template.publish(subject=subject, body=body, by=by, note="Imported")
        if checked.warnings:
            template.is_published = False
            template.save(update_fields=["is_published", "updated"])
            report.unpublished.append(label)
    return report


def _shown(value: object) -> str:
    """Return a short form of a value from the file, for the list of refused entries."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _entry_problem(entry: object, message_types: dict) -> str:
    if not isinstance(entry, dict):
        return _("is not an object with message_type, language and body")
    message_type, language = entry.get("message_type"), entry.get("language")
    if not isinstance(message_type, str) or message_type not in message_types:
        return _("has an unknown message type %(value)s") % {"value": _shown(message_type)}
    if not isinstance(language, str) or not is_library_language(language):
        return _("has a language we do not support: %(value)s") % {"value": _shown(language)}
    body, subject = entry.get("body"), entry.get("subject", "")
    if not isinstance(body, str) or not body.strip():
        return _("has no body")
    if len(body) > settings.COMPOSER_MAX_BODY_CHARS:
        return _("has a body longer than %(limit)d characters") % {"limit": settings.COMPOSER_MAX_BODY_CHARS}
    if not isinstance(subject, str) or len(subject) > 200:
        return _("has a subject that is not text of at most 200 characters")
    if not (bounds.is_storable_text(body) and bounds.is_storable_text(subject)):
        return _("contains control characters or broken characters that a message cannot hold")
    unknown = unknown_placeholders(subject + "\n" + body)
    if unknown:
        return _("uses unknown placeholders: %(names)s") % {
            "names": ", ".join("{{" + n + "}}" for n in unknown)
        }
    return ""
