"""The LanguageTool backend: a self-hosted server (or a local Java install) through language-tool-python.

LanguageTool's match JSON becomes our ``Issue``: offset and length, message, up to five
replacements, and the LanguageTool rule id. A server that is down or slow must not block the
seller: the caller falls back to the offline check, and after a failure we leave the server
alone for ``languagetool_retry_after`` seconds so that each keystroke is not another timeout.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from ..i18n import _
from .config import settings
from .issues import BackendUnavailable, Issue

NAME = "languagetool"

# LanguageTool issue types that are taste, not mistakes: a message is not blocked for them.
_IGNORED_ISSUE_TYPES = frozenset({"style", "register", "whitespace", "locale-violation"})

_lock = threading.Lock()
_tools: dict[tuple[str, str], Any] = {}
_down_until = 0.0


def reset() -> None:
    """Forget the cached clients and any remembered failure (after ``configure``)."""
    global _down_until
    with _lock:
        _tools.clear()
        _down_until = 0.0


def enabled() -> bool:
    """Tell whether LanguageTool is configured at all."""
    config = settings()
    return bool(config.languagetool_url or config.languagetool_local)


def _client_class() -> type:
    try:
        from language_tool_python import LanguageTool
    except ImportError as exc:
        raise BackendUnavailable(_("language-tool-python is not installed.")) from exc

    class BoundedLanguageTool(LanguageTool):  # type: ignore[misc, valid-type]
        """Asks the server once, within our timeout (the library waits 300 s and retries)."""

        def __init__(self, *args: Any, timeout: float, **kwargs: Any) -> None:
            self._TIMEOUT = timeout  # type: ignore[misc]
            super().__init__(*args, **kwargs)

        def _query_server(self, url: str, params: Any = None, num_tries: int = 2, method: str = "get") -> Any:
            return super()._query_server(url, params, num_tries=1, method=method)  # type: ignore[arg-type]

    return BoundedLanguageTool


def _tool_for(locale: str) -> Any:
    config = settings()
    key = (config.languagetool_url or "local", locale)
    with _lock:
        tool = _tools.get(key)
    if tool is not None:
        return tool
    cls = _client_class()
    options: dict[str, Any] = {"timeout": config.languagetool_timeout}
    if config.languagetool_url:
        options["remote_server"] = config.languagetool_url
    tool = cls(locale, **options)
    with _lock:
        _tools[key] = tool
    return tool


def check(text: str, locale: str) -> list[Issue]:
    """Return LanguageTool's spelling and grammar issues in ``text`` for a buyer locale.

    Raises ``BackendUnavailable`` when the server cannot be reached, answers too slowly or
    does not know the language.
    """
    global _down_until
    if time.monotonic() < _down_until:
        raise BackendUnavailable(_("LanguageTool did not answer a moment ago; the offline check was used."))
    try:
        tool = _tool_for(locale)
        matches = tool.check(text)
    except BackendUnavailable:
        raise
    except Exception as exc:  # connection refused, timeout, bad JSON, unknown language
        with _lock:
            _down_until = time.monotonic() + settings().languagetool_retry_after
        raise BackendUnavailable(
            _(
                "LanguageTool is not reachable ({error}); the offline check was used.",
                error=type(exc).__name__,
            )
        ) from exc
    return [issue for issue in (_issue(m) for m in matches) if issue is not None]


def _issue(match: Any) -> Issue | None:
    issue_type = getattr(match, "rule_issue_type", "") or ""
    if issue_type in _IGNORED_ISSUE_TYPES:
        return None
    category = getattr(match, "category", "") or ""
    kind = "spelling" if issue_type == "misspelling" or category == "TYPOS" else "grammar"
    start = int(match.offset)
    return Issue(
        start,
        start + int(match.error_length),
        kind,
        match.message,
        tuple(str(r) for r in match.replacements[:5]),
        rule_id=match.rule_id,
    )
