"""Ton settings: one module, every value from the environment with safe local defaults.

Without any variable set, the platform runs on a SQLite file, the in-memory channel layer, the local
memory cache and the console e-mail backend. Production differs only by variables (platform/env.example).
"""

import datetime
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

# "development" (default, also used by tests) or "production".
DJANGO_ENV = env_str("DJANGO_ENV", "development")
if DJANGO_ENV not in {"development", "production"}:
    raise ImproperlyConfigured("DJANGO_ENV must be 'development' or 'production'")
PRODUCTION = DJANGO_ENV == "production"

DEBUG = env_bool("DJANGO_DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DJANGO_DEBUG must be off when DJANGO_ENV=production")

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY is required when DJANGO_ENV=production")
    SECRET_KEY = "dev-only-not-secret-" + "x" * 40

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "localhost,127.0.0.1,[::1],testserver")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is required when DJANGO_ENV=production")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Secret ballot: ballots are sealed under a key derived from BALLOT_KEY until they are mixed. Never stored in
# the database, never equal to SECRET_KEY; rotated with `manage.py rotate_ballot_key` (old keys listed in
# BALLOT_OLD_KEYS still open what they sealed). BALLOT_MIX_SIZE (k): ballots are mixed k at a time at least.
BALLOT_KEY = env_str("BALLOT_KEY")
if not BALLOT_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("BALLOT_KEY is required when DJANGO_ENV=production")
    BALLOT_KEY = "dev-only-ballot-key-" + "y" * 40
if PRODUCTION and (len(BALLOT_KEY) < 32 or BALLOT_KEY == SECRET_KEY):
    raise ImproperlyConfigured("BALLOT_KEY must be 32+ random characters, distinct from SECRET_KEY")
BALLOT_OLD_KEYS = env_list("BALLOT_OLD_KEYS")
BALLOT_MIX_SIZE = env_int("BALLOT_MIX_SIZE", 5)
if BALLOT_MIX_SIZE < 2:
    raise ImproperlyConfigured("BALLOT_MIX_SIZE must be at least 2 (a mix of one ballot hides nothing)")

# Public URL of the site, used in e-mails, printed member sheets and the Wagtail admin.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "daphne",
    "associations",
    "cms",
    "votes",
    "events",
    "moderation",
    "indicators",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "channels",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

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
                "cms.context_processors.site_header",
                "associations.context_processors.suspension",
                "config.navigation.navigation",
            ],
        },
    },
]

# Database: SQLite file by default, PostgreSQL (or any dj-database-url URL) from DATABASE_URL.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 0))}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "var" / "db.sqlite3")),
            "OPTIONS": {"timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis, when given, carries the channel layer and the cache; without it both stay in process.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": env_str("REDIS_PREFIX", "ton")},
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("REDIS_PREFIX", "ton"),
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Resilience (issue 17) -------------------------------------------------------------------------------
# Redis holds nothing that cannot be lost: when it is down the cache falls back to each process (see
# config/cache.py) and sessions never depend on it (they live in the database).
if REDIS_URL:
    CACHES["default"]["BACKEND"] = "config.cache.FailSafeRedisCache"
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# PostgreSQL through a bounded psycopg 3 pool per worker process: DB_POOL_MAX x (uvicorn workers) x (boxes)
# must stay below the server's max_connections minus a few for admin and backups (README.md, "When Redis or
# PostgreSQL is unavailable").
# A request that waits DB_POOL_TIMEOUT seconds for a connection gets 503 with Retry-After (config/unavailable.py).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool("DB_POOL", True):
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps the connections; Django must not
    # Checked on checkout: a connection cut by the server (restart, pg_terminate_backend) is replaced.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env_int("DB_POOL_MIN", 2),
        "max_size": env_int("DB_POOL_MAX", 20),
        "timeout": float(env_str("DB_POOL_TIMEOUT", "10")),
    }
# --- end resilience -----------------------------------------------------------------------------------------

# Pages for visitors (issue 16): a whole page is cached PAGE_CACHE_SECONDS (0: off) per site, language and
# path, and forgotten as soon as content changes (config/pagecache.py); browsers and proxies may keep it
# PAGE_CACHE_MAX_AGE seconds (`Cache-Control: public`; 0 by default: the server forgets a page the moment content
# changes, a browser keeping it a minute would not, and a visitor must read a publication at once). Members'
# pages are never cached whole.
# Whole pages, per-audience lists and unread badges must agree across workers: they are cached only when the
# cache is shared (Redis), or in one process (`make run`, tests). A production without Redis caches none of
# them: each worker's memory would miss the invalidations made by the others.
CACHE_IS_SHARED = bool(REDIS_URL) or not PRODUCTION
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
PAGE_CACHE_MAX_AGE = env_int("PAGE_CACHE_MAX_AGE", 0)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.locale.LocaleMiddleware") + 1, "config.pagecache.VisitorPageCacheMiddleware"
)

# Background tasks (django-tasks): run at once by default; a database or RQ backend in production.
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")}}

AUTH_USER_MODEL = "associations.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Failed logins are throttled per username *and* IP: a youth centre shares one connection, so locking
# by IP alone would lock everyone out.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "config.forms.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_VERBOSE = False
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# French first.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Our date formats per language ("lun. 7 déc."), read by the `day` and `day_time` filters.
FORMAT_MODULE_PATH = ["config.formats"]
LANGUAGE_COOKIE_NAME = "ton_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Africa/Bamako"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Only production collects static files; elsewhere whitenoise reads the source folders.
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static"))) if PRODUCTION else None
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production, whitenoise serves straight from the source folders: no collectstatic needed.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Ton <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Text messages (config/sms): console by default; a provider is plugged in with the HTTP backend's shape.
SMS_BACKEND = env_str("SMS_BACKEND", "config.sms.backends.console.SmsBackend")
SMS_COUNTRY_CODE = env_str("SMS_COUNTRY_CODE", "223")
SMS_SENDER = env_str("SMS_SENDER", "Ton")
SMS_HTTP_URL = env_str("SMS_HTTP_URL")
SMS_HTTP_TOKEN = env_str("SMS_HTTP_TOKEN")
SMS_HTTP_TIMEOUT = env_int("SMS_HTTP_TIMEOUT", 10)
if SMS_BACKEND == "config.sms.backends.http.SmsBackend" and not SMS_HTTP_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured("SMS_BACKEND is the HTTP backend: set SMS_HTTP_URL to the provider's address")

# Security headers. HTTPS settings are on in production and can be relaxed for a plain-HTTP bench.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    LANGUAGE_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)

# Wagtail
WAGTAIL_SITE_NAME = "Ton"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_I18N_ENABLED = False
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "txt"]
# The admin is French by default too; English stays available in each user's preferences.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# REST API
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so an anonymous call gets 401 with a WWW-Authenticate header rather than 403.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
        "rest_framework.throttling.ScopedRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_THROTTLE_ANON", "60/minute"),
        "user": env_str("API_THROTTLE_USER", "600/minute"),
        "auth": env_str("API_THROTTLE_AUTH", "10/minute"),
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "config.api.exceptions.api_exception_handler",
}
if DEBUG:
    REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"].append("rest_framework.renderers.BrowsableAPIRenderer")

SPECTACULAR_SETTINGS = {
    "TITLE": "Ton API",
    "DESCRIPTION": "API of Ton, the participatory platform of youth associations.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "PREPROCESSING_HOOKS": ["config.api.schema.only_public_api"],
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "LanguageEnum": "config.settings.LANGUAGES",
        "RoleEnum": "associations.models.Role",
        "PollKindEnum": "votes.models.Kind",
        "EventKindEnum": "events.models.EventKind",
        "PathwayStatusEnum": "indicators.models.PathwayStatus",
    },
}

# The bare view that benchmarks compare every page with; off unless the bench asks for it.
BENCH_ENDPOINTS = env_bool("BENCH_ENDPOINTS", False)

# --- Platform (issue 15): proxies, request logs, health, task worker. Kept in one block for merges. ---
# How many reverse proxies stand in front of the workers (nginx alone: 1). The client address is the
# TRUSTED_PROXIES-th address from the right of X-Forwarded-For; with 0 the header is ignored, since a
# client can write anything in it. API throttles, the login lockout and the first-login code throttle all
# use this one rule.
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)
REST_FRAMEWORK["NUM_PROXIES"] = TRUSTED_PROXIES
AXES_CLIENT_IP_CALLABLE = "config.clientip.client_ip"
# Health probes answer on any scheme: the load balancer probes the workers over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^readyz/$"]
MIDDLEWARE.insert(0, "config.requestlog.RequestLogMiddleware")
# The database task queue (run by `manage.py db_worker`) when TASKS_BACKEND=django_tasks_db.DatabaseBackend.
INSTALLED_APPS.append("django_tasks_db")
LOG_FORMAT = env_str("LOG_FORMAT", "json" if PRODUCTION else "plain")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "config.requestlog.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "config.requestlog.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "django_tasks": {"level": "WARNING"},
        # One line per request comes from ton.request (INFO); the server's own access line would repeat it.
        "django.server": {"level": "WARNING"},
    },
}
# --- end of the platform block ---

# --- Resilience (issue 17), continued: after MIDDLEWARE and REST_FRAMEWORK are defined -----------------------
# Malformed input (NUL bytes, over-deep JSON) is a 400 everywhere, decided once (config/hostile_input.py).
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.csrf.CsrfViewMiddleware"), "config.hostile_input.RefuseNulBytesMiddleware"
)
REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"][0] = "config.hostile_input.SafeJSONParser"
