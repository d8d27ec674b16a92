"""Turn a checked draft into the exact thing the seller sends: text, HTML or an API request."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

import nh3
from django.utils.translation import gettext as _

from guidelines import html_doc

from . import sp_api
from .models import Draft

TEXT, HTML, API = "text", "html", "api"

# What an e-mail to the buyer's anonymised address may contain: text structure, links, https
# images and a few harmless styles. Everything else (scripts, forms, iframes, event handlers,
# remote stylesheets) is removed, never escaped into view.
ALLOWED_TAGS = {
    "a", "b", "blockquote", "br", "caption", "div", "em", "h1", "h2", "h3", "h4", "hr", "i", "img",
    "li", "ol", "p", "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"style", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
}
# Inline styles that only change how text looks; positioning and backgrounds (which can load
# remote images) are dropped.
ALLOWED_STYLES = {
    "color", "font-size", "font-style", "font-weight", "line-height", "margin", "margin-bottom",
    "margin-top", "padding", "text-align", "text-decoration", "border", "border-collapse", "width",
}  # fmt: skip
# Only https: a buyer's mail client must not load anything over plain http.
URL_SCHEMES = {"https"}

# The preview frame loads nothing but https images, whatever slipped through.
PREVIEW_POLICY = "default-src 'none'; img-src https:; style-src 'unsafe-inline'"


def sanitize_html(html: str) -> str:
    """Return the HTML with only the allowed tags, attributes, styles and https URLs left."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        url_relative="deny",
        filter_style_properties=ALLOWED_STYLES,
        link_rel="noopener noreferrer",
    )


def preview_document(html: str) -> str:
    """Return a whole document for the sandboxed preview frame (srcdoc) of sanitised HTML."""
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{PREVIEW_POLICY}">'
        "<style>body{font-family:system-ui,sans-serif;margin:.75rem;}img{max-width:100%}</style>"
        f"</head><body>{sanitize_html(html)}</body></html>"
    )


def html_to_text(html: str) -> str:
    """Return the plain text a buyer reads in the HTML, for Seller Central and the API.

    The engine reads the same HTML the same way (``guidelines.html_doc``), so what was checked
    is what is sent.
    """
    return html_doc.plain_text(sanitize_html(html))


class ExportRefused(ValueError):
    """Raised when the chosen export cannot be made from this draft; the message says why."""


@dataclass(frozen=True)
class Export:
    """One export: what is downloaded, what is copied and what is recorded."""

    format: str
    content: str
    content_type: str
    filename: str

    def response_headers(self) -> dict[str, str]:
        return {"Content-Disposition": f'attachment; filename="{self.filename}"'}


def plain_text(body: str, message_format: str) -> str:
    """Return the text the seller pastes into Seller Central, whatever the draft's format."""
    return html_to_text(body) if message_format == Draft.Format.HTML else body


def build_export(
    draft: Draft,
    export_format: str,
    *,
    body: str,
    message_format: str,
    attachments: Sequence[sp_api.Attachment] = (),
) -> Export:
    """Return the export of a checked text in the chosen format, or raise ExportRefused."""
    order_id = draft.order.amazon_order_id
    if export_format == TEXT:
        return Export(
            TEXT, plain_text(body, message_format), "text/plain; charset=utf-8", f"message-{order_id}.txt"
        )
    if export_format == HTML:
        if message_format != Draft.Format.HTML:
            raise ExportRefused(_("HTML export needs the HTML format. Switch Format to HTML first."))
        return Export(HTML, sanitize_html(body), "text/html; charset=utf-8", f"message-{order_id}.html")
    if export_format == API:
        try:
            request = sp_api.build_request(
                message_type=draft.message_type,
                amazon_order_id=order_id,
                marketplace_id=draft.order.marketplace_id,
                text=plain_text(body, message_format),
                attachments=attachments,
            )
        except sp_api.NoApiOperation:
            raise ExportRefused(
                _("Amazon's Messaging API has no operation for this message type. Send it in Seller Central.")
            ) from None
        except sp_api.RequestInvalid as invalid:
            raise ExportRefused(" ".join(invalid.reasons)) from None
        content = json.dumps(request, ensure_ascii=False, indent=2)
        return Export(API, content, "application/json; charset=utf-8", f"request-{order_id}.json")
    raise ExportRefused(_("Unknown export format."))
