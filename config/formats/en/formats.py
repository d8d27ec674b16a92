"""English date formats for sellers worldwide: "28 Nov 2026, 20:45", never the US-only "11/28/2026".

Templates name a format (``|date:"DATETIME_FORMAT"``) instead of spelling one out, so every
interface language shows dates its own way; Chinese uses Django's own (2026年11月28日 20:45).
"""

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
MONTH_DAY_FORMAT = "j M"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
