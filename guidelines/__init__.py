"""The guideline engine: checks buyer–seller messages against Amazon's Communication Guidelines.

Pure Python; it never imports Django. The site reaches it through ``composer/checking.py``.
"""

from .engine import MAX_TEXT_LENGTH, check, freeze_loaded
from .findings import CATEGORIES, CATEGORY_NAMES, Finding, Report, in_order
from .locales import MARKETPLACES, SUPPORTED_LOCALES, language_of, normalize_locale
from .message import ORDER_ID, Context
from .message_types import MESSAGE_TYPES, MessageType, get_message_type
from .registry import Rule, all_rules, get_rule

__all__ = [
    "CATEGORIES",
    "CATEGORY_NAMES",
    "MARKETPLACES",
    "MAX_TEXT_LENGTH",
    "MESSAGE_TYPES",
    "ORDER_ID",
    "SUPPORTED_LOCALES",
    "Context",
    "Finding",
    "MessageType",
    "Report",
    "Rule",
    "all_rules",
    "check",
    "freeze_loaded",
    "get_message_type",
    "get_rule",
    "in_order",
    "language_of",
    "normalize_locale",
]
