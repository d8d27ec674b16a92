"""The time windows Amazon allows for messages about one order, on the seller's clock.

Windows are whole UTC calendar days counted from the order's dates, the same days the guideline
engine receives in ``Order.check_context()``: a review request is allowed from day 5 to day 30
after delivery, other proactive messages until day 30 after delivery (after purchase while the
delivery date is unknown); the day counts are the engine's (``guidelines/windows.py``). The seller
sees when each window opens and closes in their own time zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from guidelines.windows import (
    PROACTIVE_CLOSES_AFTER_DAYS,
    REVIEW_CLOSES_AFTER_DAYS,
    REVIEW_OPENS_AFTER_DAYS,
    proactive_last_day,
)
from guidelines.windows import (
    review_window_for as review_days_for,
)

__all__ = ["PROACTIVE_CLOSES_AFTER_DAYS", "REVIEW_CLOSES_AFTER_DAYS", "REVIEW_OPENS_AFTER_DAYS"]


# Windows are counted from days no later than this, so a date stored before input was bounded
# (the year 9999) still gives a window that can be shown instead of an OverflowError.
LAST_COUNTED_DAY = date(9000, 1, 1)


def utc_day(value: datetime | None) -> date | None:
    """Return the UTC calendar day of an aware datetime (None stays None)."""
    if not value:
        return None
    try:
        return min(value.astimezone(UTC).date(), LAST_COUNTED_DAY)
    except OverflowError:  # within hours of datetime.max, past it in UTC
        return LAST_COUNTED_DAY


def start_of_utc_day(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


@dataclass(frozen=True)
class Window:
    """The UTC days, first and last included, on which a kind of message may be sent."""

    first_day: date
    last_day: date
    # "delivery" or "purchase": which order date the days are counted from.
    counted_from: str

    @property
    def opens_at(self) -> datetime:
        return start_of_utc_day(self.first_day)

    @property
    def closes_at(self) -> datetime:
        """Return the first instant after the window (midnight UTC after the last day)."""
        return start_of_utc_day(self.last_day + timedelta(days=1))

    def state(self, now: datetime) -> str:
        """Return "not_yet", "open" or "closed" for the moment ``now``."""
        if now < self.opens_at:
            return "not_yet"
        if now >= self.closes_at:
            return "closed"
        return "open"

    def contains(self, now: datetime) -> bool:
        return self.state(now) == "open"

    def local_span(self, tz: tzinfo) -> tuple[datetime, datetime]:
        """Return the first and last minute of the window on the seller's clock."""
        return self.opens_at.astimezone(tz), (self.closes_at - timedelta(minutes=1)).astimezone(tz)


def review_window_for(delivery_date: datetime | None) -> Window | None:
    """Return Amazon's Request a Review window, or None while the delivery date is unknown."""
    delivered = utc_day(delivery_date)
    if delivered is None:
        return None
    first_day, last_day = review_days_for(delivered)
    return Window(first_day=first_day, last_day=last_day, counted_from="delivery")


def proactive_window_for(purchase_date: datetime, delivery_date: datetime | None) -> Window:
    """Return the 30-day window for proactive messages, from delivery or else from purchase."""
    if delivery_date is not None:
        start, counted_from = utc_day(delivery_date), "delivery"
    else:
        start, counted_from = utc_day(purchase_date), "purchase"
    return Window(
        first_day=utc_day(purchase_date) if counted_from == "delivery" else start,
        last_day=proactive_last_day(start),
        counted_from=counted_from,
    )


def days_since(day: date | None, now: datetime) -> int | None:
    """Return how many UTC days lie between ``day`` and ``now`` (0 on the day itself)."""
    if day is None:
        return None
    return (now.astimezone(UTC).date() - day).days
