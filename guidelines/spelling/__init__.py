"""Spelling and grammar checking behind one interface: Hunspell, LanguageTool, offline patterns.

Pure Python like the rest of the engine. Callers set it up with :func:`configure`
(``LANGUAGETOOL_URL`` comes from the site's settings or the environment, never read here).
"""

from .config import SpellingSettings, configure, configure_from_environment, settings
from .issues import BackendUnavailable, Issue, Notice, WritingResult
from .service import writing_result

__all__ = [
    "BackendUnavailable",
    "Issue",
    "Notice",
    "SpellingSettings",
    "WritingResult",
    "configure",
    "configure_from_environment",
    "settings",
    "writing_result",
]
