"""The days Amazon allows for messages about one order, counted in whole days from its dates.

Defined once: the timing rules (T101, T102) read them, and so do the site's order windows,
filters and order page (``composer/windows.py``).
"""

from __future__ import annotations

from datetime import date, timedelta

# Request a Review and the Solicitations API: from day 5 to day 30 after delivery.
REVIEW_OPENS_AFTER_DAYS = 5
REVIEW_CLOSES_AFTER_DAYS = 30
# Other proactive messages: until day 30 after delivery (after purchase while it is unknown).
PROACTIVE_CLOSES_AFTER_DAYS = 30


def review_window_for(delivery: date) -> tuple[date, date]:
    """Return the first and last day Amazon accepts a review request for a delivery day."""
    return delivery + timedelta(days=REVIEW_OPENS_AFTER_DAYS), delivery + timedelta(
        days=REVIEW_CLOSES_AFTER_DAYS
    )


def proactive_last_day(counted_from: date) -> date:
    """Return the last day a proactive message may be sent, counted from delivery or purchase."""
    return counted_from + timedelta(days=PROACTIVE_CLOSES_AFTER_DAYS)
