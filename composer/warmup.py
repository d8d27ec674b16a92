"""Load the rule engine's word lists and models once, before gunicorn forks its workers.

With ``preload_app`` the master process runs this, and every worker starts with the lexicons,
dictionaries and language models already in (shared) memory: a worker restarted after a crash
answers its first live check at full speed instead of keeping a seller waiting seconds.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime, timedelta

import guidelines

logger = logging.getLogger(__name__)

# One short message per buyer language the team writes in most; each loads that language's data.
SAMPLE = "Hello, your order 114-4909505-8661897 has shipped and should arrive soon. Kind regards"


def warm_engine(locales: list[str] | None = None) -> float:
    """Run one check per buyer locale without touching the database; return the seconds taken."""
    started = time.monotonic()
    now = datetime.now(UTC)
    context = {
        "now": now,
        "purchase_date": (now - timedelta(days=3)).date(),
        "delivery_date": None,
        "order_status": "Shipped",
        "review_requests_sent": 0,
    }
    for locale in locales or list(guidelines.SUPPORTED_LOCALES):
        try:
            guidelines.check(
                SAMPLE,
                message_type="delivery",
                buyer_locale=locale,
                order_id="114-4909505-8661897",
                context=context,
            )
        except Exception:  # a missing dictionary must not stop the site from starting
            logger.warning("warming the engine for %s failed", locale, exc_info=True)
    try:
        from guidelines import removal
        from guidelines.languages import supported_languages
        from guidelines.tokens import preload

        preload(supported_languages())  # lemmatisers and concepts of every pack, shared after fork
        removal.preload(supported_languages())  # the words a clean fix removes with an address
    except Exception:  # a missing lemmatiser must not stop the site from starting
        logger.warning("loading the lemmatisers failed", exc_info=True)
    try:
        from guidelines.languages import supported_languages
        from guidelines.spelling import checkers

        # Harper and Grammalecte too, when the sample checks above went to LanguageTool: the
        # first check after LanguageTool fails must not also wait for them to start.
        checkers.preload(supported_languages())
    except Exception:  # a broken grammar checker must not stop the site from starting
        logger.warning("starting the offline grammar checkers failed", exc_info=True)
    _forget_connections()
    guidelines.freeze_loaded()
    return time.monotonic() - started


def _forget_connections() -> None:
    """Drop every network client made while warming, so no worker shares a socket with another."""
    from django.core.cache import caches
    from django.db import connections

    from guidelines.spelling import languagetool

    languagetool.reset()
    connections.close_all()
    for cache in caches.all(initialized_only=True):
        cache.close()
