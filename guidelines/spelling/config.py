"""Settings of the spelling and grammar check, set once by the caller (the site or the CLI).

The engine reads no Django settings and no environment on its own; ``composer/checking.py``
passes ``LANGUAGETOOL_URL`` here, and the CLI passes the environment variable.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class SpellingSettings:
    # Base URL of a self-hosted LanguageTool server, e.g. "http://127.0.0.1:8081".
    languagetool_url: str | None = None
    # Use a LanguageTool installed next to Java on this machine (language_tool_python's LTP_PATH).
    languagetool_local: bool = False
    # Seconds to wait for LanguageTool before falling back to the offline check.
    languagetool_timeout: float = 3.0
    # After a failure, seconds to skip LanguageTool so that every check is not slowed down.
    languagetool_retry_after: float = 30.0
    # Milliseconds one check may spend computing Hunspell suggestions; the rest get none.
    suggestion_budget_ms: float = 150.0


_settings = SpellingSettings()


def configure(**changes: object) -> SpellingSettings:
    """Change the spelling settings for this process and return them.

    ``configure(languagetool_url="http://127.0.0.1:8081", languagetool_timeout=2)``;
    ``configure(languagetool_url=None)`` goes back to the offline check.
    """
    global _settings
    unknown = set(changes) - set(SpellingSettings.__dataclass_fields__)
    if unknown:
        raise TypeError(f"unknown spelling setting(s): {', '.join(sorted(unknown))}")
    url = changes.get("languagetool_url")
    if isinstance(url, str):
        changes["languagetool_url"] = url.strip() or None
    _settings = replace(_settings, **changes)  # type: ignore[arg-type]
    from . import languagetool

    languagetool.reset()
    return _settings


def configure_from_environment() -> SpellingSettings:
    """Read ``LANGUAGETOOL_URL`` (and ``LANGUAGETOOL_TIMEOUT``) for command-line use."""
    changes: dict[str, object] = {"languagetool_url": os.environ.get("LANGUAGETOOL_URL") or None}
    if os.environ.get("LANGUAGETOOL_TIMEOUT"):
        changes["languagetool_timeout"] = float(os.environ["LANGUAGETOOL_TIMEOUT"])
    return configure(**changes)


def settings() -> SpellingSettings:
    """Return the settings in force."""
    return _settings
