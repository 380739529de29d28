"""Settings for the archive, read from the environment (see README: Configuration).

Safe by default: DEBUG is off unless DJANGO_DEBUG asks for it, and without DEBUG there is
no secret key but the one the environment gives.
"""

import re
from pathlib import Path

import django_stubs_ext
import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

# Django's generic classes (ModelAdmin, Feed, Sitemap...) take the type arguments the type
# checker reads, e.g. admin.ModelAdmin[Letter], at run time too.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)

# No fallback: without DJANGO_SECRET_KEY (and without DEBUG) the key stays empty and Django
# refuses anything that needs it (sessions, CSRF, signing) with a clear error.
# `manage.py serve_archive` gives the local server a random key kept outside the repo.
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY and DEBUG:
    from django.core.management.utils import get_random_secret_key

    SECRET_KEY = get_random_secret_key()

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# Where visitors reach the site: every absolute URL (sitemap, feed, exports, canonical links)
# is built on it, never on the request's Host or X-Forwarded-* headers (archive/site.py).
ARCHIVE_SITE_URL: str = env.str("ARCHIVE_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
if not re.fullmatch(r"https?://[^/?#@\s]+", ARCHIVE_SITE_URL):
    raise ImproperlyConfigured(
        f"ARCHIVE_SITE_URL must be a scheme and a host, e.g. https://example.org, "
        f"not {ARCHIVE_SITE_URL!r}."
    )

INSTALLED_APPS = [
    "archive.admin_site.ArchiveAdminConfig",  # django.contrib.admin, its site as below
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django.contrib.sitemaps",
    "django_filters",
    "reversion",
    "csp",
    "axes",
    "people",
    "letters",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "archive.middleware.allowed_methods",
    # Stored public pages are answered here, before what only dynamic pages need.
    "archive.page_serving.PageServingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "archive.middleware.cross_origin_resource_policy",
    # Last, as django-axes asks: it turns a locked-out login into a 429 page.
    "axes.middleware.AxesMiddleware",
    "archive.middleware.DatabaseUnavailableMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Refuses logins from a client address after too many failures (django-axes).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "archive.urls"
WSGI_APPLICATION = "archive.wsgi.application"

# Widgets render with the project's templates too (a filter's <select>: includes/_select.html).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

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
                "archive.context_processors.site",
            ],
            "libraries": {"page_meta": "archive.page_meta"},
        },
    },
]

# SQLite file by default (zero setup); PostgreSQL in production through DATABASE_URL,
# e.g. postgres://user:password@127.0.0.1:5432/archive
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DJANGO_CONN_MAX_AGE", default=0))
DATABASES["default"].setdefault("TEST", {})
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that does not answer fails the request in 2 s (a styled 503), not a hang.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DJANGO_DB_CONNECT_TIMEOUT", default=2)
    )
    # Page queries are short: JIT compiling them (40+ ms) costs more than it saves.
    DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")

# Rendered public pages (archive/page_cache.py); retired on any change to the archive.
# The pages take at most SLOTS x PAGE_BYTES + LARGE_SLOTS x MAX_BYTES of the cache (sizes
# of the stored, gzipped pages).
ARCHIVE_PAGE_CACHE = env.bool("ARCHIVE_PAGE_CACHE", default=True)
ARCHIVE_PAGE_CACHE_ALIAS = "default"
ARCHIVE_PAGE_CACHE_SECONDS = env.int("ARCHIVE_PAGE_CACHE_SECONDS", default=24 * 3600)
ARCHIVE_PAGE_CACHE_SLOTS = env.int("ARCHIVE_PAGE_CACHE_SLOTS", default=2048)
ARCHIVE_PAGE_CACHE_PAGE_BYTES = env.int("ARCHIVE_PAGE_CACHE_PAGE_BYTES", default=256 * 1024)
# Responses larger than a page (exports, the sitemap); a larger one still is sent but not
# kept (the full letters CSV of a large archive is several megabytes).
ARCHIVE_PAGE_CACHE_LARGE_SLOTS = env.int("ARCHIVE_PAGE_CACHE_LARGE_SLOTS", default=8)
ARCHIVE_PAGE_CACHE_MAX_BYTES = env.int("ARCHIVE_PAGE_CACHE_MAX_BYTES", default=16 * 1024 * 1024)
# After a cache failure, a process renders pages without the cache for this long.
ARCHIVE_PAGE_CACHE_RETRY_SECONDS = env.float("ARCHIVE_PAGE_CACHE_RETRY_SECONDS", default=10.0)
# The pages each process keeps in its own memory (of the current version only).
ARCHIVE_PAGE_CACHE_MEMORY_BYTES = env.int("ARCHIVE_PAGE_CACHE_MEMORY_BYTES", default=16 * 1024**2)
# X-Archive-Cache: hit/miss on stored pages. Off in production: it would tell anyone whether
# someone else asked for the same page (a search, a district) since the last edit.
ARCHIVE_PAGE_CACHE_STATE_HEADER = env.bool("ARCHIVE_PAGE_CACHE_STATE_HEADER", default=False)
# How long a shared cache (nginx, a CDN) may keep a stored page (s-maxage; 0: not at all),
# serve it while it asks again (stale-while-revalidate) and while the site fails
# (stale-if-error). An edit shows through a shared cache within the first two.
ARCHIVE_SHARED_CACHE_SECONDS = env.int("ARCHIVE_SHARED_CACHE_SECONDS", default=60)
ARCHIVE_SHARED_CACHE_STALE_SECONDS = env.int("ARCHIVE_SHARED_CACHE_STALE_SECONDS", default=30)
ARCHIVE_SHARED_CACHE_ERROR_SECONDS = env.int("ARCHIVE_SHARED_CACHE_ERROR_SECONDS", default=86400)

# The shared cache: Redis when REDIS_URL is set (e.g. redis://127.0.0.1:6379/0), otherwise a
# table in the database, which every worker and app server shares too. A cache that does
# not answer costs a request one short timeout (redis-py does not retry on a pooled
# connection unless asked), then the page cache leaves it alone for a while.
REDIS_URL = env.str("REDIS_URL", default="")
CACHE_TIMEOUT_SECONDS = env.float("ARCHIVE_CACHE_TIMEOUT_SECONDS", default=0.1)
REDIS_CACHE_OPTIONS = {
    "socket_connect_timeout": CACHE_TIMEOUT_SECONDS,
    "socket_timeout": CACHE_TIMEOUT_SECONDS,
}
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "archive",
        "OPTIONS": REDIS_CACHE_OPTIONS,
    }
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "archive_cache",
        # Room for every page slot and some more: Django culls a third of the table, in
        # key order, past this (harmless: the cache holds pages, never the version token).
        "OPTIONS": {"MAX_ENTRIES": ARCHIVE_PAGE_CACHE_SLOTS + ARCHIVE_PAGE_CACHE_LARGE_SLOTS + 500},
    }
}

# A letter's admin page posts about ten fields per signer, and the draft review three: the
# largest possible letter (both chambers, 535 signers) must save whole. The limits stay
# finite, so a flood of fields is still refused; a pasted text over its own limit is refused
# with a message by the form (letters/drafting) before this one is reached.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Where the fixtures derived from ../shared/seeds live, and the reference data: the shared
# congress-legislators file where it is beside the project, else the copy the project carries.
ARCHIVE_FIXTURES_DIR = BASE_DIR / "fixtures"
_SHARED_LEGISLATORS = (
    BASE_DIR.parent / "shared" / "data" / "congress-legislators" / "legislators-current.yaml"
)
_CARRIED_LEGISLATORS = (
    BASE_DIR / "people" / "data" / "congress-legislators" / "legislators-current.yaml"
)
CONGRESS_LEGISLATORS_FILE = env.path(
    "ARCHIVE_CONGRESS_LEGISLATORS_FILE",
    default=_SHARED_LEGISLATORS if _SHARED_LEGISLATORS.is_file() else _CARRIED_LEGISLATORS,
)

SITE_NAME = "Congressional Letters on Armenian Detainees"

# The data package (/data/): the licence of the archive's own data, an SPDX id among those
# letters/datapackage/descriptor.py knows (the legislators and their terms come from
# congress-legislators and stay CC0-1.0), and where the built files are kept, a folder per
# version of the archive.
ARCHIVE_DATA_LICENSE = env.str("ARCHIVE_DATA_LICENSE", default="CC-BY-4.0")
ARCHIVE_DATA_PACKAGE_DIR = env.path("ARCHIVE_DATA_PACKAGE_DIR", default=BASE_DIR / "var" / "data")
# A request after a change is sent the previous package while a thread builds the new one;
# False: that request builds it and waits.
ARCHIVE_DATA_PACKAGE_IN_BACKGROUND = env.bool("ARCHIVE_DATA_PACKAGE_IN_BACKGROUND", default=True)

# Security headers on every response (see README: Security).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # Style sheets from the site only, admin included: no inline style anywhere.
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=True)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Admin login throttling (archive/lockout.py): within an hour, 5 failures for one account
# from one client address refuse that account from that address, and 20 from one address,
# whatever the accounts, refuse that address. Failures from elsewhere never lock an account.
# A try while refused is not counted, so a refusal ends when the locked-out page says.
AXES_FAILURE_LIMIT = env.int("DJANGO_LOGIN_FAILURE_LIMIT", default=5)
ARCHIVE_LOGIN_ADDRESS_FAILURE_LIMIT = env.int("DJANGO_LOGIN_ADDRESS_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "archive.lockout.AccountLockoutHandler"
AXES_LOCKOUT_CALLABLE = "archive.lockout.locked_out_response"
AXES_CLIENT_IP_CALLABLE = "archive.middleware.client_ip_address"
ARCHIVE_PROXY_COUNT: int = 0

# Behind a TLS-terminating proxy that sets X-Forwarded-Proto: redirect plain HTTP.
BEHIND_TLS_PROXY = env.bool("DJANGO_BEHIND_TLS_PROXY", default=False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # How many trusted proxies append to X-Forwarded-For (see archive.middleware).
    ARCHIVE_PROXY_COUNT = env.int("DJANGO_PROXY_COUNT", default=1)
    SECURE_SSL_REDIRECT = True
# Cookies over TLS only wherever visitors reach the site over TLS, proxy or not.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = BEHIND_TLS_PROXY or ARCHIVE_SITE_URL.startswith(
    "https://"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="WARNING")},
}
