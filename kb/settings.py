"""kb settings: one module, configured from the environment.

Every value that can be set from the environment is read through a small
helper that raises ImproperlyConfigured on a bad value, so a typo in a
deployment fails at start instead of running with a silent default.
"""

import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean (use true/false)")


def envint(name: str, default: str) -> int:
    value = os.environ.get(name, default).strip()
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not an integer") from None
    if number < 0:
        raise ImproperlyConfigured(f"{name}={value!r} must not be negative")
    return number


def envbaseurl(name: str, default: str) -> str:
    value = os.environ.get(name, default).strip().rstrip("/")
    if value and not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", value):
        raise ImproperlyConfigured(f"{name}={value!r} is not an http(s) URL like https://kb.example.com")
    return value


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def envdatabase(name: str, default: str) -> dict:
    url = os.environ.get(name, default)
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except (ValueError, KeyError) as exc:
        raise ImproperlyConfigured(f"{name}={url!r} is not a database URL: {exc}") from None
    engine = config.get("ENGINE", "")
    if not engine.endswith(("sqlite3", "postgresql")):
        raise ImproperlyConfigured(f"{name}: only sqlite:// and postgres:// are supported")
    if engine.endswith("sqlite3"):
        # SQLite keeps no persistent connections worth reusing; health checks
        # only cost a query per request.
        config.update(CONN_MAX_AGE=0, CONN_HEALTH_CHECKS=False)
    config.setdefault("TEST", {})
    return config


DEBUG = envbool("DEBUG", "false")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and not envbool("KB_ALLOW_INSECURE_KEY", "true"):
        raise ImproperlyConfigured("SECRET_KEY must be set when KB_ALLOW_INSECURE_KEY=false")
    # A fixed development key keeps `make run` a one-step start; the deploy
    # check (kb.W001 and security.W009) flags it for production.
    SECRET_KEY = "kb-insecure-development-key-set-SECRET_KEY-in-production"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
# A form refused by the CSRF check gets kb's page (what happened, what to do), or JSON.
CSRF_FAILURE_VIEW = "kb.errors.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "kb.apps.KbConfig",
    "kb.learning",
    "kb.jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kb.middleware.EditorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "kb.middleware.ContentSecurityPolicyMiddleware",
    "kb.middleware.PrivateReadMiddleware",
    "kb.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "kb.urls"
WSGI_APPLICATION = "kb.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {
    "default": envdatabase("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'kb.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # The same database through a second connection whose COMMITs do not wait for the WAL
    # flush, for writes that may lose their last fraction of a second in a PostgreSQL crash
    # and must not cost a disk wait per request: the permalink of every API answer
    # (kb.jobs.results.store; it was 80 % of a one-line POST /api/match, issue 12).
    DATABASES["relaxed"] = {
        **DATABASES["default"],
        "OPTIONS": {**DATABASES["default"].get("OPTIONS", {}), "options": "-c synchronous_commit=off"},
        "TEST": {"MIRROR": "default"},
    }
RELAXED_DATABASE = "relaxed" if "relaxed" in DATABASES else "default"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}


def static_from_finders(debug: bool, static_root: Path) -> bool:
    """Whether whitenoise serves static files from static/ and the apps' static dirs (the finders)
    rather than STATIC_ROOT alone: in development, and when collectstatic was never run, as with
    plain `manage.py runserver` and DEBUG=false, which served every page unstyled."""
    return debug or not (static_root.is_dir() and any(static_root.iterdir()))


WHITENOISE_USE_FINDERS = static_from_finders(DEBUG, STATIC_ROOT)

# Security headers. HTTPS-only settings follow KB_HTTPS so that the plain
# http://127.0.0.1:8000 of `make run` keeps working while a production
# deployment behind TLS gets HSTS and secure cookies by setting one variable.
KB_HTTPS = envbool("KB_HTTPS", "false")
SECURE_SSL_REDIRECT = KB_HTTPS
SESSION_COOKIE_SECURE = KB_HTTPS
CSRF_COOKIE_SECURE = KB_HTTPS
SECURE_HSTS_SECONDS = envint("KB_HSTS_SECONDS", "31536000" if KB_HTTPS else "0")
SECURE_HSTS_INCLUDE_SUBDOMAINS = KB_HTTPS
SECURE_HSTS_PRELOAD = KB_HTTPS
if envbool("KB_BEHIND_PROXY", "false"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Uploads and pastes: the limit is stated in every refusal.
KB_MAX_PASTE_BYTES = envint("KB_MAX_PASTE_BYTES", str(5 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = KB_MAX_PASTE_BYTES + 64 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = KB_MAX_PASTE_BYTES + 64 * 1024
# Larger inputs (web upload, POST /api/jobs) become background jobs up to this size; it also
# bounds what any compressed input or bundle may decompress to (kb/intake).
KB_MAX_UPLOAD_BYTES = envint("KB_MAX_UPLOAD_BYTES", str(2 << 30))
# CPU seconds one paste or POST /api/match may take to match (kb/matching/budget.py): a paste
# that would take longer is refused with this limit stated, and can be sent as a job instead.
KB_MATCH_CPU_SECONDS = envint("KB_MATCH_CPU_SECONDS", "10")
KB_PUBLIC_READ = envbool("KB_PUBLIC_READ", "true")
# kb's public address (https://kb.example.com), for absolute links where no request tells it:
# manage.py match, and text/plain answers behind a proxy that rewrites Host. Empty: from the request.
KB_BASE_URL = envbaseurl("KB_BASE_URL", "")
# Where `manage.py match` keeps the built engine between runs (kb/snapshots.py).
KB_ENGINE_CACHE_DIR = Path(
    os.environ.get("KB_ENGINE_CACHE_DIR", "").strip() or BASE_DIR / "var" / "engine-cache"
)
# How stale a process's in-memory matcher may be after an edit made by
# another process (seconds); see kb/matching/loader.py.
KB_MATCHER_REFRESH_SECONDS = envint("KB_MATCHER_REFRESH_SECONDS", "2")
# How long a process serves an API list it already built (seconds; 0: never). The
# knowledge itself is never older than KB_MATCHER_REFRESH_SECONDS (a write in this
# process clears it at once); hit counts in the list may be this much older.
KB_READ_CACHE_SECONDS = envint("KB_READ_CACHE_SECONDS", "2")

# Learning (kb/learning; README "Learning from what kb does not know").
# Hit counts per issue and signature, kept in hourly buckets for 10 days.
KB_RECORD_HITS = envbool("KB_RECORD_HITS", "true")
# Hits and unknown lines are added up in memory and written at most this often
# (seconds; 0: on every answer). See kb/learning/recording.py.
KB_RECORD_FLUSH_SECONDS = envint("KB_RECORD_FLUSH_SECONDS", "2")
# Unmatched lines, masked and clustered by template; never the raw text.
KB_RECORD_UNKNOWN = envbool("KB_RECORD_UNKNOWN", "true")
# Keep one masked sample line per unknown cluster (off: only the template).
KB_STORE_UNKNOWN_SAMPLES = envbool("KB_STORE_UNKNOWN_SAMPLES", "false")
# The same paste (same text once masked) sent again within this many seconds counts once,
# for hits and for the unknown-errors queue (0: every paste counts). The fingerprints live
# in the default cache: per process unless CACHES is shared.
KB_REPASTE_WINDOW_SECONDS = envint("KB_REPASTE_WINDOW_SECONDS", "600")
# At most this many unmatched lines of one paste are looked at.
KB_UNKNOWN_MAX_LINES = envint("KB_UNKNOWN_MAX_LINES", "200")
# Unknown clusters not seen for this many days are deleted (0: kept forever);
# promoted clusters are kept.
KB_UNKNOWN_RETENTION_DAYS = envint("KB_UNKNOWN_RETENTION_DAYS", "30")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("KB_LOG_LEVEL", "INFO")},
}

# REST API (kb/api) and chatops (kb/chatops); see the README's "REST API".
# Anonymous API clients are throttled per address ("120/min"; "off" disables).
# The counters live in the default cache, i.e. per process unless CACHES is shared.
KB_ANON_THROTTLE = os.environ.get("KB_ANON_THROTTLE", "120/min").strip()
if KB_ANON_THROTTLE.lower() in ("", "off", "none", "0"):
    KB_ANON_THROTTLE = None
elif not re.fullmatch(r"\d+/(s|sec|second|m|min|minute|h|hour|d|day)", KB_ANON_THROTTLE):
    raise ImproperlyConfigured(f"KB_ANON_THROTTLE={KB_ANON_THROTTLE!r} is not a rate like 120/min (or off)")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "kb.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["kb.api.permissions.ReadOrTokenWrite"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "kb.api.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["kb.api.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": ["kb.api.throttles.AnonThrottle"],
    "DEFAULT_PAGINATION_CLASS": "kb.api.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "kb.api.exceptions.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "kb.api.schema.AutoSchema",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "kb.api.negotiation.ContentNegotiation",
    # Only addresses our own proxy added to X-Forwarded-For are trusted for
    # throttling; with None, DRF would take the whole header a client sent.
    "NUM_PROXIES": envint("KB_NUM_PROXIES", "1" if envbool("KB_BEHIND_PROXY", "false") else "0"),
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "kb API",
    "DESCRIPTION": "Known OpenStack/Kubernetes incidents: browse, search, and match log text.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/",
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_PERMISSIONS": ["kb.api.permissions.ReadAccess"],
    # Several models have a "status" or "source"; name their enums after the model.
    "ENUM_NAME_OVERRIDES": {
        "IssueStatusEnum": "kb.models.Issue.Status",
        "UpstreamLinkStatusEnum": "kb.models.UpstreamLink.Status",
        "SignatureSourceEnum": "kb.models.Signature.Source",
        "ImportStatusEnum": ["imported", "partial", "refused"],
        "FeedbackSourceEnum": "kb.learning.models.Feedback.Source",
    },
    # Served from drf-spectacular-sidecar: /api/docs/ works offline and under our CSP.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
# Chatops: each endpoint answers 503 until its secret is set.
SLACK_SIGNING_SECRET = os.environ.get("SLACK_SIGNING_SECRET", "").strip()
# One token per Mattermost slash command; several commands: comma-separated.
MATTERMOST_TOKEN = envlist("MATTERMOST_TOKEN", "")

# Results and jobs (kb/jobs; README "Big logs, bundles and jobs").
# Every answer is kept under /results/<id>/ for this many days (0: kept forever), masked;
# pruned with the learning data.
KB_RESULT_RETENTION_DAYS = envint("KB_RESULT_RETENTION_DAYS", "30")
# Uploaded job input waits here for a worker; workers on other machines need it shared.
KB_JOB_DIR = Path(os.environ.get("KB_JOB_DIR", "").strip() or BASE_DIR / "var" / "jobs")
# A job whose worker stopped reporting progress for this long is failed (a killed worker).
KB_JOB_STALE_SECONDS = envint("KB_JOB_STALE_SECONDS", "120")
# Celery: Redis (or any broker kombu speaks) from CELERY_BROKER_URL; without it, kombu's
# filesystem transport under var/celery, which needs no server (one machine only).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "").strip()
KB_EMBEDDED_BROKER_DIR = Path(os.environ.get("KB_BROKER_DIR", "").strip() or BASE_DIR / "var" / "celery")
# The queue jobs go to: kb processes sharing a broker with other applications keep apart by it.
KB_JOB_QUEUE = os.environ.get("KB_JOB_QUEUE", "kb").strip() or "kb"
