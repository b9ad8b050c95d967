"""Settings for the Veerkracht portal, read from environment variables only.

One code path for every environment: the defaults give the embedded setup
(SQLite, no broker, mail to the console); production sets the variables the
README lists.
"""

from pathlib import Path

from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

from core.env import broker_from_env, database_from_env, email_from_env, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (or set DEBUG=true for local use)")
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"  # noqa: S105 - DEBUG only

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the portal's host names when DEBUG is off")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "csp",
    "core",
    "agenda",
    "municipalities",
    "interventions",
    "analysis",
    # Last, so its post_migrate hook runs when every app's permissions exist.
    "portal",
]

MIDDLEWARE = [
    # First, so every log line of a request (and every task it queues) carries its id.
    "portal.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # After authentication, so it knows whether a response was made for one signed-in user.
    "portal.middleware.PrivateCacheMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

# Prometheus metrics at /metrics (django-prometheus); off by default, and then the route does not exist.
# Expose /metrics to the monitoring system only, never through the public proxy.
METRICS_ENABLED = env_bool("METRICS_ENABLED", default=False)
if METRICS_ENABLED:
    INSTALLED_APPS.append("django_prometheus")
    MIDDLEWARE.insert(0, "django_prometheus.middleware.PrometheusBeforeMiddleware")
    MIDDLEWARE.append("django_prometheus.middleware.PrometheusAfterMiddleware")
    # Processes that share metrics (the gunicorn workers) write them to this directory; it
    # lives on a scratch file system (/tmp), so it may not exist yet when a process starts.
    if env_str("PROMETHEUS_MULTIPROC_DIR"):
        Path(env_str("PROMETHEUS_MULTIPROC_DIR")).mkdir(parents=True, exist_ok=True)

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": database_from_env("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Media (attachments, generated PDFs): a directory (a volume, a PersistentVolumeClaim) by default,
# or an S3-compatible object store with MEDIA_STORAGE=s3.
MEDIA_STORAGE = env_str("MEDIA_STORAGE", "filesystem")
if MEDIA_STORAGE not in {"filesystem", "s3"}:
    raise ImproperlyConfigured(f"MEDIA_STORAGE must be filesystem or s3, got {MEDIA_STORAGE!r}")
MEDIA_BACKEND: dict = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if MEDIA_STORAGE == "s3":
    MEDIA_BACKEND = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("S3_BUCKET"),
            "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
            "region_name": env_str("S3_REGION") or None,
            "access_key": env_str("S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("S3_SECRET_ACCESS_KEY") or None,
            # Files are private: served only through views that check permissions.
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    if not MEDIA_BACKEND["OPTIONS"]["bucket_name"]:
        raise ImproperlyConfigured("S3_BUCKET must name the bucket when MEDIA_STORAGE is s3")
STORAGES = {
    "default": MEDIA_BACKEND,
    "staticfiles": {
        "BACKEND": "portal.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Source maps are large (half the bytes of all static files) and only a developer's browser
# asks for them: compressing them would double the time collectstatic takes, for nothing.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")
STATIC_BROTLI_QUALITY = env_int("STATIC_BROTLI_QUALITY", 9)
if not 0 <= STATIC_BROTLI_QUALITY <= 11:
    raise ImproperlyConfigured(f"STATIC_BROTLI_QUALITY must be between 0 and 11, got {STATIC_BROTLI_QUALITY}")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
# Uploaded files are only ever served through views that check permissions.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
# A report attachment may be at most this big (its type is checked by content).
REPORT_ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024

# Mail: EMAIL_URL, e.g. smtp://user:password@mail.example.nl:587?tls=1; console by default.
vars().update(email_from_env("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Veerkracht portal <noreply@veerkracht.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: with no broker configured, tasks run eagerly in the calling process.
CELERY_BROKER_URL = broker_from_env("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_MAX_TASKS_PER_CHILD = env_int("CELERY_WORKER_MAX_TASKS_PER_CHILD", 20)
# A job not acknowledged within this many seconds is handed to another worker.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600)}
CELERY_TIMEZONE = TIME_ZONE
# Workers log through LOGGING below (JSON lines with the request id), not Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Hard time limit of a PDF job (annual analysis, dashboard PDF), in seconds; it must stay
# well below the visibility timeout, or a slow job would be handed to a second worker.
PDF_TASK_TIME_LIMIT = env_int("PDF_TASK_TIME_LIMIT", 900)
if CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] <= PDF_TASK_TIME_LIMIT:
    raise ImproperlyConfigured("PDF_TASK_TIME_LIMIT must be lower than CELERY_VISIBILITY_TIMEOUT")
# Without a broker, PDF jobs run in a background thread of the web process, so the page
# that asked for one still shows its progress (tests turn this off and run jobs inline).
RENDER_IN_BACKGROUND_THREAD = env_bool("RENDER_IN_BACKGROUND_THREAD", default=True)
CELERY_BEAT_SCHEDULE: dict = {
    # Reminders 14 and 3 days before a report deadline and once when overdue; safe to run twice.
    "report-reminders": {
        "task": "interventions.tasks.send_report_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
}

REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate header makes an unauthenticated call a 401, as on the reports API;
    # with the session first it would be a 403, the answer for a signed-in user without the right role.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Veerkracht portal API",
    "DESCRIPTION": "API of the portal of the Agenda Veerkrachtige & Weerbare Samenleving.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Signed-in users only, unless API_DOCS_PUBLIC (read on each request, see portal.api_docs).
    "SERVE_PERMISSIONS": ["portal.api_docs.ApiDocsPermission"],
    "SWAGGER_UI_DIST": "SIDECAR",
    # The online validator would be an outside request (and a Content-Security-Policy violation).
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several models have a "kind" or "status"; name each choice set after its model.
    "ENUM_NAME_OVERRIDES": {
        "OrganisationKindEnum": "municipalities.models.Organisation.Kind",
        "EvaluationKindEnum": "interventions.models.Evaluation.Kind",
        "EvaluationStatusEnum": "interventions.models.Evaluation.Status",
    },
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
# The API schema and its viewers (Swagger UI, Redoc) are for signed-in users unless this is on.
API_DOCS_PUBLIC = env_bool("API_DOCS_PUBLIC", default=False)

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HTTPS only in production: plain http is redirected, and browsers are told (HSTS) to use https for a
# year. Django sends HSTS only on https responses, so it never reaches `make run` on http://127.0.0.1;
# `make run` and `make serve` turn the redirect off (SECURE_SSL_REDIRECT=false), as anyone serving
# without a TLS proxy in front must. Health probes and metrics are asked over plain http inside the
# cluster and are never redirected.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 60 * 60)
if SECURE_HSTS_SECONDS < 0:
    raise ImproperlyConfigured(f"SECURE_HSTS_SECONDS must be 0 or more, got {SECURE_HSTS_SECONDS}")
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): scripts, styles, fonts and images come from the portal itself,
# with no inline script, no inline style and no style attribute. The only inline code is on the API
# viewers (Swagger UI, Redoc): it carries the request's nonce, which is sent only on those pages.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        # Images drawn by stylesheets (icons in the component CSS, Swagger UI) are data: URLs.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Logs go to standard output: one JSON object per line (LOG_FORMAT=json, the default), or plain
# text for reading in a terminal (LOG_FORMAT=text). Either way each line names its request id.
LOG_FORMAT = env_str("LOG_FORMAT", "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or text, got {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "portal.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "portal.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
    },
}
