"""One settings module, driven by environment variables.

Development defaults are safe to run locally (DEBUG on, SQLite). Production is selected with
DEBUG=0 and then requires SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL from the environment.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
# Fixed at start-up: the test runner turns DEBUG off, but that does not make it production.
PRODUCTION = not DEBUG

if DEBUG:
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    # Encrypts Amazon refresh tokens at rest (composer/amazon/secrets.py). Development derives
    # a key from SECRET_KEY, so tokens stored in development die with that key.
    FIELD_ENCRYPTION_KEY = os.environ.get("FIELD_ENCRYPTION_KEY", "")
else:
    # In production every secret comes from the environment; refuse to start without them.
    try:
        SECRET_KEY = os.environ["SECRET_KEY"]
        ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
        os.environ["DATABASE_URL"]
        FIELD_ENCRYPTION_KEY = os.environ["FIELD_ENCRYPTION_KEY"]
    except KeyError as missing:
        raise ImproperlyConfigured(f"{missing.args[0]} must be set when DEBUG=0") from None
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG=0")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "csp",
    "axes",
    "django_ratelimit",
    "composer",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Refuses an oversized request (413) before anything reads its body.
    "composer.middleware.RequestSizeLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Pages for a logged-in user are never stored by browsers or proxies.
    "composer.middleware.NoStoreForSignedInMiddleware",
    # After authentication: applies and remembers each user's interface language.
    "composer.interface_language.InterfaceLanguageMiddleware",
    # Shows dates and messaging windows on the seller's own clock.
    "composer.timezones.UserTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # Turns "the database is unreachable" into a clear 503 instead of a 500 traceback.
    "composer.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes requires: it answers a locked-out login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# SQLite is the embedded default; DATABASE_URL (postgres://…) selects PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database host that does not answer fails the request in seconds (a clear 503), instead
    # of holding the worker until gunicorn kills it.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DB_CONNECT_TIMEOUT", "5"))
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "composer.User"
# django-axes first: it refuses a locked-out login before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend with the logged-in user read from the shared cache (composer/auth.py).
    "composer.auth.CachedModelBackend",
]
# A session ends 12 hours after log-in (a working day), or at log-out; it is not extended by use.
SESSION_COOKIE_AGE = 12 * 60 * 60
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# Our English date formats (config/formats/en); other languages keep Django's own.
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = BASE_DIR / "media"


# Request bodies: a message is at most a few KB; 1 MB leaves room for forms, not for abuse.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
# Uploaded files (order reports) larger than this go to a temporary file instead of memory, so a
# few sellers importing at once cannot exhaust a worker's memory. Each import form enforces its
# own cap on the file; REQUEST_MAX_BODY_SIZE caps the whole request for everything else.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 10
# The largest request body we accept at all (413 above it): a 50 MB report plus its form.
REQUEST_MAX_BODY_SIZE = int(os.environ.get("REQUEST_MAX_BODY_SIZE", str(60 * 1024 * 1024)))
# The longest draft body we store, in characters (Amazon's longest text limit is 2,000).
COMPOSER_MAX_BODY_CHARS = 20_000
# Order reports: the largest file one import takes (a year of All Orders for a busy seller).
ORDER_REPORT_MAX_BYTES = int(os.environ.get("ORDER_REPORT_MAX_BYTES", str(50 * 1024 * 1024)))

# Amazon's Selling Partner API (composer/amazon/). The app's Login with Amazon credentials; the
# endpoints are overridable for sandboxes and the test suite's simulator.
SPAPI_CLIENT_ID = os.environ.get("SPAPI_CLIENT_ID", "")
SPAPI_CLIENT_SECRET = os.environ.get("SPAPI_CLIENT_SECRET", "")
# Empty: the seller's region's endpoint (https://sellingpartnerapi-{na,eu,fe}.amazon.com).
SPAPI_ENDPOINT = os.environ.get("SPAPI_ENDPOINT", "")
LWA_TOKEN_URL = os.environ.get("LWA_TOKEN_URL", "https://api.amazon.com/auth/o2/token")
# Website authorisation (published apps): the app's ID and Seller Central's consent page.
SPAPI_APP_ID = os.environ.get("SPAPI_APP_ID", "")
SPAPI_CONSENT_URL = os.environ.get(
    "SPAPI_CONSENT_URL", "https://sellercentral.amazon.com/apps/authorize/consent"
)
SPAPI_CONNECT_TIMEOUT = float(os.environ.get("SPAPI_CONNECT_TIMEOUT", "5"))
SPAPI_READ_TIMEOUT = float(os.environ.get("SPAPI_READ_TIMEOUT", "20"))
# Seconds a task may hold its worker waiting for a seller account's rate limit (or a 429's
# backoff); a longer wait puts the task back on the queue with a countdown, so one busy account
# cannot keep the workers from every other account's sends and syncs.
SPAPI_MAX_INLINE_WAIT = float(os.environ.get("SPAPI_MAX_INLINE_WAIT", "0.25"))

# Spelling and grammar: a self-hosted LanguageTool server, when there is one.
LANGUAGETOOL_URL = os.environ.get("LANGUAGETOOL_URL", "")
LANGUAGETOOL_TIMEOUT = float(os.environ.get("LANGUAGETOOL_TIMEOUT", "2.0"))

# The cache (live-check results, rate-limit counters) is shared by every app server when
# REDIS_URL is set; without it each process keeps its own small in-memory cache.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": {"BACKEND": "composer.cache.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "composer"}
}
# The task queue (config/celery.py): imports, order syncs and sends run on Celery workers, with
# Redis as the broker. Without REDIS_URL the local Redis is used; the bootstrap installs it.
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
CELERY_BROKER_URL = REDIS_URL or DEFAULT_REDIS_URL
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "composer")
CELERY_TASK_SERIALIZER = CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
# A worker takes one task at a time, so a killed worker loses at most the one it held.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task taken by a worker that died unacknowledged goes back to the queue after this many
# seconds (longer than any send or import batch takes): a send then settles as "not known".
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "600"))
}
# Celery beat: Amazon orders every 15 minutes; sends and imports whose worker died are settled.
CELERY_BEAT_SCHEDULE = {
    "sync-amazon-orders": {"task": "composer.amazon.tasks.sync_all_accounts", "schedule": 15 * 60.0},
    "settle-stalled-sends": {"task": "composer.amazon.tasks.settle_stalled_sends", "schedule": 60.0},
    "resume-stalled-imports": {"task": "composer.tasks.resume_stalled_imports", "schedule": 5 * 60.0},
    # Old autosaves of the drafts' history, thinned to one per minute (composer/models.py).
    "thin-revisions": {"task": "composer.tasks.thin_revisions", "schedule": 24 * 60 * 60.0},
}

# Per-user limits on what the editor sends while the seller types (composer/rate_limits.py),
# counted in the cache above with django-ratelimit. The editor sends a check only after a pause
# of 100 ms and never two at once, so even the fastest typing sends fewer than 10 a second (the
# load test's sellers about 3); 15 a second can only be a script. Saves are not limited: they
# are already debounced, and a refused save would only delay the words.
RATE_LIMITS = {
    "check": os.environ.get("RATE_LIMIT_CHECK", "900/m"),
    "preview": os.environ.get("RATE_LIMIT_PREVIEW", "900/m"),
}
RATELIMIT_USE_CACHE = "default"
# A Redis that is away lets requests through: the limit protects the service, it is no gate.
RATELIMIT_FAIL_OPEN = True
# composer.cache.RedisCache is Django's own RedisCache (atomic increments, shared by every app
# server). Without REDIS_URL the site runs as one process, whose memory cache counts correctly.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"] + ([] if REDIS_URL else ["django_ratelimit.E003"])

# Live-check caches (composer/check_cache.py) need a cache every app server shares.
CHECK_CACHE = env_bool("CHECK_CACHE", bool(REDIS_URL))
# Sessions are read on every request (each live check): from Redis when there is one, with the
# database as the durable copy, so a Redis restart logs nobody out.
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Content Security Policy: scripts and styles only from our own static files. No inline script,
# no eval, no plugins, no framing; htmx's indicator <style> is switched off in base.html.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# Login rate limiting (django-axes): five wrong passwords for one username from one address lock
# that pair out for 15 minutes; other sellers and other addresses keep working.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# No "AXES: BEGIN version …" banner on every manage.py command; lockouts are still logged.
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "composer.views.errors.locked_out"
# Behind N reverse proxies (AXES_PROXY_COUNT=N) the client address comes from X-Forwarded-For;
# without proxies that header is ignored, so nobody can dodge the lock-out by forging it.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_REFERRER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
