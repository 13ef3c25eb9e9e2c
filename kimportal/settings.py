"""KIM Portal settings: one module, every value from the environment.

Development defaults are safe (SQLite in the project, local-memory cache);
production refuses to start without a real SECRET_KEY.
"""

import ipaddress
import os
from pathlib import Path
from urllib.parse import urlparse

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}")


def cache_from_url(url):
    """locmem:// (default), redis://host:port/db, memcached://host:port or file:///dir."""
    parsed = urlparse(url)
    if parsed.scheme == "locmem":
        # One process only (runserver, tests): see pagecache/stamps.py.
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}}
    if parsed.scheme == "file":
        # Shared by the processes of one machine, with no server to run.
        return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": parsed.path}
    if parsed.scheme in ("redis", "rediss", "unix"):
        return {"BACKEND": "kimportal.cache.RedisCache", "LOCATION": url}
    if parsed.scheme == "memcached":
        return {
            "BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache",
            "LOCATION": parsed.netloc,
        }
    if parsed.scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(
        f"CACHE_URL {url!r} is not understood: use locmem://, redis://host:6379/0 "
        "or memcached://host:11211"
    )


DEBUG = envbool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment, "
            "or set DEBUG=1 for a development-only default key."
        )
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"

# The district portal lives on the base domain, village sites on
# <slug>.<base domain>. Everything else is refused by villages.middleware.
KIM_BASE_DOMAIN = os.environ.get("KIM_BASE_DOMAIN", "localhost").lower().strip(".")
KIM_DISTRICT_NAME = os.environ.get("KIM_DISTRICT_NAME", "Kabupaten Mamuju")
KIM_DISTRICT_OFFICE = os.environ.get("KIM_DISTRICT_OFFICE", "Diskominfosandi Kabupaten Mamuju")
# The district's emblem in every village site's footer: a static file's
# path (e.g. img/district-emblem.svg under STATIC_ROOT's sources), or empty
# for none. The default is a plain shield standing in for the district's
# own lambang, which replaces it.
KIM_DISTRICT_EMBLEM = os.environ.get("KIM_DISTRICT_EMBLEM", "img/district-emblem.svg")
# Links between hosts (district feed -> village article) need a scheme and,
# in development, a port; a request supplies both, these cover the rest.
KIM_URL_SCHEME = os.environ.get("KIM_URL_SCHEME", "http" if DEBUG else "https")
KIM_URL_PORT = os.environ.get("KIM_URL_PORT", "")

# Which hosts are served is decided once, by villages.middleware.SiteMiddleware
# at the top of the stack: the base domain, its village subdomains and the
# verified own domains of villages (in the database); every other host gets
# 400 there. Django's list cannot name hosts from the database, so it only
# checks that a Host header is well formed; villages/checks.py refuses to
# start when SiteMiddleware is not in front doing the rest.
ALLOWED_HOSTS = ["*"]
# The server's public addresses (comma-separated), which a village's own
# domain must point at (villages/domains.py): shown to staff as the DNS
# records to set. Empty: wherever KIM_BASE_DOMAIN points.
KIM_SERVER_ADDRESSES = [a.strip() for a in os.environ.get("KIM_SERVER_ADDRESSES", "").split(",") if a.strip()]
for _address in KIM_SERVER_ADDRESSES:
    try:
        ipaddress.ip_address(_address)
    except ValueError:
        raise ImproperlyConfigured(f"KIM_SERVER_ADDRESSES must be IP addresses, not {_address!r}")

# Our apps, lowest layer first (the import contract in .importlinter
# checks that imports only point down this list): the page cache, tenancy,
# accounts, news and residents' messages, the public pages, the newsroom, the district desk and
# the demo data, and the project itself (whole-portal commands: backup, restore).
INSTALLED_APPS = [
    "pagecache",
    "villages",
    "accounts",
    "articles",
    "imports",
    "tips",
    "villagepages",
    "readership",
    "exports",
    "pages",
    "newsroom",
    "desk",
    "demo",
    "kimportal",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.syndication",
]

MIDDLEWARE = [
    # Outside everything else, so its duration and status are the whole request's.
    "kimportal.logs.RequestLogMiddleware",
    # Which site the Host header names (400 for any other host), before
    # anything else: the page cache keys on it.
    "villages.middleware.SiteMiddleware",
    # A page already built is sent from here as it was sent the first time
    # (compressed, with every header added below), without the rest of the
    # stack or the database.
    "pagecache.middleware.PageCacheMiddleware",
    # POST /_baca, the beacon that counts a read (readership/): under the
    # page cache, so its hits are untouched; above the rest, which it needs not.
    "readership.middleware.BeaconMiddleware",
    # Pages compress to about a quarter: on a 400 kbit/s village link that is
    # the difference between text in one second or two. CSRF tokens are
    # masked per response, which is what keeps BREACH away from the admin.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "kimportal.csp.StaticPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETags and 304s for what the page cache does not keep (it answers its
    # own); inside GZip, so the ETag is of the plain page.
    "django.middleware.http.ConditionalGetMiddleware",
    "villages.middleware.VillageMiddleware",
    # A village site's old addresses (moved from WordPress or a blog) answer
    # 301 with the article they became, where the site has no page of its own.
    "imports.middleware.OldLinkMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.twofactor.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kimportal.urls"

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
                "pages.context_processors.portal",
            ],
        },
    },
]

WSGI_APPLICATION = "kimportal.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes writing one SQLite file (Gunicorn workers): take the
    # write lock at the start of a transaction and wait for it, instead of
    # failing with "database is locked" halfway; WAL lets readers go on.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        **cache_from_url(os.environ.get("CACHE_URL", "locmem://")),
        # Lets several portals (or test servers) share one Redis.
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", ""),
    }
}
# Whole public pages for anonymous readers (pagecache/): how
# long at most, and how long a CDN or proxy in front may keep one (s-maxage).
KIM_PAGE_CACHE_SECONDS = envint("KIM_PAGE_CACHE_SECONDS", 600)
KIM_SHARED_CACHE_SECONDS = envint("KIM_SHARED_CACHE_SECONDS", 30)
# The query parameters public pages read, and the one form of each that a
# cached page may be stored under (anything else is built, never stored):
# a page number, and search words as the search box sends them (at most
# eight, single spaces, 100 characters).
KIM_PAGE_CACHE_PARAMETERS = {
    "page": r"[1-9][0-9]{0,3}",
    "q": r"(?=.{1,100}$)[^\s]+(?: [^\s]+){0,7}",
}

AUTH_USER_MODEL = "villages.User"
# Login throttling: five wrong passwords for one username from one address
# lock that pair out for an hour (not the account, which an attacker could
# otherwise lock for its owner).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/login_locked.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Behind nginx every request comes from 127.0.0.1; see villages/proxy.py.
KIM_BEHIND_PROXY = envbool("KIM_BEHIND_PROXY", False)
# Where nginx's edge hears that page-cache stamps changed (pagecache/edge.py):
# one address per nginx in front of this portal, comma-separated. Behind a
# proxy it is the loopback listener of deploy/nginx/kimportal.conf unless set;
# set it empty for an nginx without the edge. Unheard, a change waits out
# the edge's lease before its answer returns: slower, never stale.
KIM_EDGE_NOTIFY = [
    url.strip()
    for url in os.environ.get(
        "KIM_EDGE_NOTIFY", "http://127.0.0.1:8089/stamps-changed" if KIM_BEHIND_PROXY else ""
    ).split(",")
    if url.strip()
]
AXES_CLIENT_IP_CALLABLE = "villages.proxy.client_ip"
# Two-factor login (accounts/twofactor.py): anyone may turn it on; with this
# on, district staff and superusers must before the newsroom opens for them.
KIM_REQUIRE_2FA_FOR_STAFF = envbool("KIM_REQUIRE_2FA_FOR_STAFF", False)
OTP_TOTP_ISSUER = "KIM Portal"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # superusers manage devices but never see their secrets

# Argon2 first: new and changed passwords use it; older hashes upgrade on login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Our own sign-in (accounts/signin.py); after it, each role lands on its
# home (accounts/landing.py): this default is only for what asks Django.
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "newsroom:choose"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Makassar"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Photos on their way up (newsroom/uploads.py), kept outside MEDIA_ROOT so
# nothing half-sent, GPS and all, is ever served. Shared by every
# application server, like MEDIA_ROOT: a resumed upload may reach another.
KIM_PARTIAL_UPLOADS_DIR = Path(os.environ.get("KIM_PARTIAL_UPLOADS_DIR", MEDIA_ROOT.parent / "partial-uploads"))
# Single-machine deployments let Django serve uploads; behind nginx, turn it off.
KIM_SERVE_MEDIA = envbool("KIM_SERVE_MEDIA", True)

# Session and CSRF cookies are host-only on the base domain: village
# subdomains never receive or set them, so their pages stay cacheable.
SESSION_COOKIE_DOMAIN = None
CSRF_COOKIE_DOMAIN = None
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG and KIM_URL_SCHEME == "https")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True

# No inline or third-party script runs anywhere: the only scripts are our own
# static files. Inline styles are allowed (our inlined stylesheet; CKEditor
# sets style attributes), and only YouTube's privacy-friendly host may be framed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "frame-src": ["https://www.youtube-nocookie.com"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Behind HTTPS (nginx with a wildcard certificate for *.base-domain):
# redirect plain HTTP and tell browsers to keep to HTTPS for every village.
if KIM_URL_SCHEME == "https":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Only sends the preload token; submitting the domain to browsers stays a choice.
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

# One JSON object a line on stderr for the log collector (kimportal/logs.py);
# LOG_FORMAT=text for people, the default with DEBUG so `make run` reads easily.
LOG_FORMAT = os.environ.get("LOG_FORMAT") or ("text" if DEBUG else "json")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or text, not {LOG_FORMAT!r}")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "kimportal.logs.JsonFormatter"},
        "text": {"()": "kimportal.logs.TextFormatter", "format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT},
        "null": {"class": "logging.NullHandler"},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own handlers would print some records twice and try to
        # mail admins; everything goes one way, through the root handler.
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        # runserver's access line: kimportal.request logs every request, with more.
        "django.server": {"handlers": ["null"], "propagate": False},
        # A refused Host header is routine noise from scanners, not an error.
        "django.security.DisallowedHost": {"level": "WARNING"},
    },
}

ARTICLES_PER_PAGE = envint("KIM_ARTICLES_PER_PAGE", 10)
# Readership (readership/): counting on or off; how long the raw counters
# live in the cache (the daily rows are kept); how often a process with the
# local-memory cache adds its own counters to the rows (with Redis,
# `manage.py flush_reads` does, from deploy/kimportal-reads.timer).
KIM_COUNT_READS = envbool("KIM_COUNT_READS", True)
KIM_READS_COUNTER_DAYS = envint("KIM_READS_COUNTER_DAYS", 7)
KIM_READS_FLUSH_SECONDS = envint("KIM_READS_FLUSH_SECONDS", 60 if DEBUG else 300)
# The district desk flags a KIM as quiet after this many days without news.
KIM_QUIET_DAYS = envint("KIM_QUIET_DAYS", 14)
# ...but never in its first days: a KIM just added is new, not quiet.
KIM_NEW_VILLAGE_GRACE_DAYS = envint("KIM_NEW_VILLAGE_GRACE_DAYS", 30)

# Residents' messages to their KIM (tips/): deleted this many days after
# they arrive (`manage.py delete_old_tips`, daily); sends accepted per
# address in an hour; a form token younger than KIM_TIP_MIN_SECONDS or
# older than KIM_TIP_FORM_HOURS is refused (tips/guard.py).
KIM_TIP_RETENTION_DAYS = envint("KIM_TIP_RETENTION_DAYS", 90)
KIM_TIPS_PER_HOUR = envint("KIM_TIPS_PER_HOUR", 20)
KIM_TIP_MIN_SECONDS = envint("KIM_TIP_MIN_SECONDS", 3)
KIM_TIP_FORM_HOURS = envint("KIM_TIP_FORM_HOURS", 24)

# Background work (newsroom email): a database queue that `manage.py
# db_worker` works through (deploy/kimportal-worker.service; `make run`
# starts one beside runserver). KIM_TASKS=immediate runs tasks inline.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if os.environ.get("KIM_TASKS") == "immediate"
        else "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# Mail for new editors' password links. Without EMAIL_HOST, mail is printed
# to the log; staff also see each link to send over WhatsApp.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = envint("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 20
# Newsroom notifications go out by email too when mail is set up.
KIM_EMAIL_NOTIFICATIONS = envbool("KIM_EMAIL_NOTIFICATIONS", bool(EMAIL_HOST))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", f"KIM Portal <noreply@{KIM_BASE_DOMAIN}>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Password links (new editors, resets) work once and for this many days.
PASSWORD_RESET_TIMEOUT = envint("KIM_PASSWORD_LINK_DAYS", 3) * 24 * 60 * 60
# Bumping it makes every reader's service worker drop its offline copies.
KIM_ASSETS_VERSION = os.environ.get("KIM_ASSETS_VERSION", "1")

KIM_PHOTO_MAX_MB = envint("KIM_PHOTO_MAX_MB", 15)
# Moving an old site in (imports/): the largest export the district desk
# takes (the command has no limit; nginx takes 20 MB bodies), and the
# loopback "address:port" pairs the image fetcher may reach anyway: for the
# tests' own server only, never set from the environment (imports/fetch.py).
KIM_IMPORT_MAX_MB = envint("KIM_IMPORT_MAX_MB", 18)
# Processes making an import's photos (imports/photos_ahead.py): the cores
# this process may use, at most 4 (each may hold a large photo decoded, and
# the server's readers, PostgreSQL and Redis share the memory).
KIM_IMPORT_WORKERS = envint("KIM_IMPORT_WORKERS", min(len(os.sched_getaffinity(0)), 4))
KIM_IMPORT_FETCH_UNGUARDED = ()
# Exports of a village (exports/): with nginx in front, nginx sends the
# finished file (X-Accel-Redirect to its internal /_ekspor/ location) and no
# worker waits on a long download; without it, Django sends it in chunks.
KIM_EXPORT_X_ACCEL = envbool("KIM_EXPORT_X_ACCEL", False)
# Resumable photo uploads (newsroom/uploads.py), per person: how many may be
# started in an hour, and how many megabytes announced in a day. A phone
# stuck in a retry loop, or a stolen login, stops there.
KIM_UPLOADS_PER_HOUR = envint("KIM_UPLOADS_PER_HOUR", 60)
KIM_UPLOAD_MB_PER_DAY = envint("KIM_UPLOAD_MB_PER_DAY", 300)
# Django refuses request bodies past this before any view runs; a little
# over the photo limit leaves room for the rest of the form.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Error reports to Sentry, only when SENTRY_DSN is set: without it sentry_sdk
# is never imported (kimportal/sentry.py says what is and is not sent).
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    from kimportal import sentry

    sentry.init(
        SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT") or "production",
        release=os.environ.get("SENTRY_RELEASE") or f"kimportal@{KIM_ASSETS_VERSION}",
        traces_sample_rate=os.environ.get("SENTRY_TRACES_SAMPLE_RATE", ""),
    )
