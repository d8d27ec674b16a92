"""The range of values the site accepts where data enters: forms, order reports, the library.

One place for each limit, so a form, an import and a page all agree. Amazon's marketplaces
opened in 1995, and no order is placed or delivered more than a year ahead; a date outside
that range is a typing or export mistake, and storing it would break the windows computed
from it (a year-9999 date cannot even be shifted to the seller's time zone).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

EARLIEST_DATE = datetime(1995, 1, 1, tzinfo=UTC)
LATEST_AHEAD = timedelta(days=365)
# The largest value of a PositiveIntegerField on every database Django supports.
MAX_QUANTITY = 2_147_483_647

# Control characters other than tab and line breaks: never part of a name or a message.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def latest_date() -> datetime:
    return timezone.now() + LATEST_AHEAD


def date_out_of_range(value: datetime) -> str:
    """Return why ``value`` is outside the accepted dates, or "" when it is inside."""
    latest = latest_date()
    if EARLIEST_DATE <= value <= latest:
        return ""
    return _("%(value)s is not between %(earliest)s and %(latest)s.") % {
        "value": value.date().isoformat(),
        "earliest": formats.date_format(EARLIEST_DATE.date(), "DATE_FORMAT"),
        "latest": formats.date_format(latest.date(), "DATE_FORMAT"),
    }


def validate_order_date(value: datetime | None) -> None:
    """Refuse an order date before 1995 or more than a year from now (a form or model field)."""
    if value is None:
        return
    if reason := date_out_of_range(value):
        raise ValidationError(reason, code="date_out_of_range")


def strip_control_characters(value: str) -> str:
    return CONTROL_CHARACTERS.sub("", value)


# Half of a UTF-16 surrogate pair: JSON can carry one ("\ud800"), but no database stores it.
LONE_SURROGATES = re.compile("[\ud800-\udfff]")


def is_storable_text(value: object) -> bool:
    """Tell whether ``value`` is a string a message or template may hold (no control characters
    other than tab and line breaks, no lone surrogate)."""
    return (
        isinstance(value, str) and not CONTROL_CHARACTERS.search(value) and not LONE_SURROGATES.search(value)
    )
