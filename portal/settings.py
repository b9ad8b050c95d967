"""Settings for the Veerkracht portal, read from environment variables only.

One code path for every environment: the defaults give the embedded setup
(SQLite, no broker, mail to the console); production sets the variables the
README lists.
"""

import datetime
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
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
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
    # Before anything reads the body: a request larger than REQUEST_BODY_MAX_BYTES gets 413 at once.
    "portal.middleware.RequestBodyLimitMiddleware",
    # A NUL character in a path or query is refused before any view looks anything up with it.
    "portal.middleware.NulCharacterMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "portal.middleware.IdleSessionMiddleware",
    "portal.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # After authentication, so it knows whether a response was made for one signed-in user.
    "portal.middleware.PrivateCacheMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a refused sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
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
                "portal.context_processors.unread_notifications",
                "portal.oidc.sign_in_options",
            ],
        },
    },
]
# Inputs, textareas and plain selects written in Python, the same HTML as Django's widget templates.
FORM_RENDERER = "core.form_renderer.FastWidgets"

DATABASES = {"default": database_from_env("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "portal.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("PASSWORD_MIN_LENGTH", 12)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked username and address before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Lockout (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one username from one
# address, that combination is refused for LOGIN_LOCKOUT_MINUTES or until staff unlock it.
# Locking the combination, not the address, keeps colleagues behind one proxy signing in.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
if AXES_FAILURE_LIMIT < 1:
    raise ImproperlyConfigured(f"LOGIN_FAILURE_LIMIT must be at least 1, got {AXES_FAILURE_LIMIT}")
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 30)
if LOGIN_LOCKOUT_MINUTES < 1:
    raise ImproperlyConfigured(f"LOGIN_LOCKOUT_MINUTES must be at least 1, got {LOGIN_LOCKOUT_MINUTES}")
AXES_COOLOFF_TIME = datetime.timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# A lock lasts LOGIN_LOCKOUT_MINUTES from the failure that set it; trying again does not prolong it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "core.audit.client_address"
AXES_LOCKOUT_CALLABLE = "portal.accounts.lockout_response"
# Successful sign-ins go to the security log (core.audit), not to a second table.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# Second factor (django-otp, TOTP with recovery codes): required for staff and superusers,
# optional for everyone else. The issuer is the name an authenticator app shows.
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Veerkracht portal")

# A session ends after SESSION_IDLE_MINUTES without a request, and when the browser closes.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30)
if SESSION_IDLE_MINUTES < 1:
    raise ImproperlyConfigured(f"SESSION_IDLE_MINUTES must be at least 1, got {SESSION_IDLE_MINUTES}")
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

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
# A report attachment may be at most this big (its type is checked by content).
REPORT_ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
# A whole request may be at most this big: one attachment and the form around it. A larger
# one is refused (413) before its body is read; the proxy should refuse it earlier (README).
REQUEST_BODY_MAX_BYTES = env_int("REQUEST_BODY_MAX_BYTES", 22 * 1024 * 1024)
if REQUEST_BODY_MAX_BYTES <= REPORT_ATTACHMENT_MAX_BYTES:
    raise ImproperlyConfigured("REQUEST_BODY_MAX_BYTES must be larger than the 20 MB a report attachment may be")
DATA_UPLOAD_MAX_MEMORY_SIZE = REQUEST_BODY_MAX_BYTES

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
# A PDF job still waiting for a worker after this many seconds is given up with a reason,
# and asking again makes a new job (the broker or every worker was away).
PDF_QUEUE_TIME_LIMIT = env_int("PDF_QUEUE_TIME_LIMIT", 1800)
# Without a broker, PDF jobs run in a background thread of the web process, so the page
# that asked for one still shows its progress (tests turn this off and run jobs inline).
RENDER_IN_BACKGROUND_THREAD = env_bool("RENDER_IN_BACKGROUND_THREAD", default=True)
CELERY_BEAT_SCHEDULE: dict = {
    # Reminders 14 and 3 days before a report deadline and once when overdue; safe to run twice.
    "report-reminders": {
        "task": "interventions.tasks.send_report_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    # Mail and jobs kept in the outbox while the broker was away (core.outbox) are sent once it is back.
    "drain-outbox": {"task": "core.drain_outbox", "schedule": 60.0},
    # The weekly digest of the notifications users chose to receive once a week (core.notifications).
    "notification-digests": {
        "task": "core.send_notification_digests",
        "schedule": crontab(day_of_week="monday", hour=7, minute=30),
    },
    # PDF jobs that waited too long for a worker, or lost it, are failed with the reason.
    "give-up-stalled-pdf-jobs": {"task": "analysis.give_up_stalled_pdf_jobs", "schedule": 300.0},
}

REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate header makes an unauthenticated call a 401, as on the reports API;
    # with the session first it would be a 403, the answer for a signed-in user without the right role.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "core.tokens.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "core.api_schema.PortalAutoSchema",
    # Every API error is JSON, a server error included.
    "EXCEPTION_HANDLER": "portal.errors.api_exception_handler",
}
# API keys (django-rest-knox with the portal's own model): kept as a SHA-512 hash, shown once, valid
# for API_TOKEN_DAYS days. The prefix makes a leaked key easy to recognise in logs and code.
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 365)
if API_TOKEN_DAYS < 1:
    raise ImproperlyConfigured(f"API_TOKEN_DAYS must be at least 1, got {API_TOKEN_DAYS}")
KNOX_TOKEN_MODEL = "core.ApiToken"  # noqa: S105 - a model name, not a secret
# knox's own migrations would make a table for its default model, which core.ApiToken replaces; it would
# stay empty and refer to the users, so no database gets it.
MIGRATION_MODULES = {"knox": None}
REST_KNOX = {
    "TOKEN_MODEL": KNOX_TOKEN_MODEL,
    "TOKEN_TTL": datetime.timedelta(days=API_TOKEN_DAYS),
    "TOKEN_PREFIX": "vk_",
    "AUTH_HEADER_PREFIX": "Token",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Veerkracht portal API",
    "DESCRIPTION": "API of the portal of the Agenda Veerkrachtige & Weerbare Samenleving.",
    "VERSION": "2.0.0",  # 2.0.0: the list of reports carries its items only with include=items
    "SERVE_INCLUDE_SCHEMA": False,
    # Signed-in users only, unless API_DOCS_PUBLIC (read on each request, see portal.api_docs).
    "SERVE_PERMISSIONS": ["portal.api_docs.ApiDocsPermission"],
    "SWAGGER_UI_DIST": "SIDECAR",
    # The online validator would be an outside request (and a Content-Security-Policy violation).
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Several models have a "kind" or "status"; name each choice set after its model.
    "ENUM_NAME_OVERRIDES": {
        "OrganisationKindEnum": "municipalities.models.Organisation.Kind",
        "EvaluationKindEnum": "interventions.models.Evaluation.Kind",
        "EvaluationStatusEnum": "interventions.models.Evaluation.Status",
        "ReportStatusEnum": "interventions.models.Report.Status",
    },
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
# The API schema and its viewers (Swagger UI) are for signed-in users unless this is on.
API_DOCS_PUBLIC = env_bool("API_DOCS_PUBLIC", default=False)

# ---------------------------------------------------------------------------------------------------------
# Single sign-on through OpenID Connect (portal/oidc.py), next to the password form. Off by default: then
# there are no routes, no backend and no button. The README lists the variables.
OIDC_ENABLED = env_bool("OIDC_ENABLED", default=False)
OIDC_PROVIDER_NAME = env_str("OIDC_PROVIDER_NAME", "SSO")
if OIDC_ENABLED:
    # On top of the backends set above (or Django's default), so passwords keep working.
    AUTHENTICATION_BACKENDS = [
        *globals().get("AUTHENTICATION_BACKENDS", ["django.contrib.auth.backends.ModelBackend"]),
        "portal.oidc.PortalOIDCBackend",
    ]
    OIDC_RP_CLIENT_ID = env_str("OIDC_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = env_str("OIDC_CLIENT_SECRET")
    # The provider's discovery document (…/.well-known/openid-configuration), or each endpoint; an endpoint
    # that is set wins over the document.
    OIDC_DISCOVERY_URL = env_str("OIDC_DISCOVERY_URL")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env_str("OIDC_USERINFO_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_JWKS_ENDPOINT")
    OIDC_RP_SIGN_ALGO = env_str("OIDC_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = env_str("OIDC_SCOPES", "openid email profile")
    OIDC_USE_PKCE = True
    OIDC_TIMEOUT = env_int("OIDC_TIMEOUT", 10)
    # The claims: the account's username (unique and stable at the provider), the role, the CBS code of the
    # municipality; and which values of the role claim (a string or a list) give which role.
    OIDC_CLAIM_USERNAME = env_str("OIDC_CLAIM_USERNAME", "sub")
    OIDC_CLAIM_ROLE = env_str("OIDC_CLAIM_ROLE", "veerkracht_role")
    OIDC_CLAIM_MUNICIPALITY = env_str("OIDC_CLAIM_MUNICIPALITY", "cbs_code")
    OIDC_ROLE_STAFF = env_list("OIDC_ROLE_STAFF", default=["programmastaf"])
    OIDC_ROLE_MUNICIPALITY = env_list("OIDC_ROLE_MUNICIPALITY", default=["gemeente"])
    OIDC_ROLE_BOARD = env_list("OIDC_ROLE_BOARD", default=["klankbordgroep"])
    for _name, _value in (("OIDC_CLIENT_ID", OIDC_RP_CLIENT_ID), ("OIDC_CLIENT_SECRET", OIDC_RP_CLIENT_SECRET)):
        if not _value:
            raise ImproperlyConfigured(f"{_name} must be set when OIDC_ENABLED is on")
    if not OIDC_DISCOVERY_URL:
        _endpoints = {
            "OIDC_AUTHORIZATION_ENDPOINT": OIDC_OP_AUTHORIZATION_ENDPOINT,
            "OIDC_TOKEN_ENDPOINT": OIDC_OP_TOKEN_ENDPOINT,
            "OIDC_USERINFO_ENDPOINT": OIDC_OP_USER_ENDPOINT,
        }
        if OIDC_RP_SIGN_ALGO.startswith(("RS", "ES")):
            _endpoints["OIDC_JWKS_ENDPOINT"] = OIDC_OP_JWKS_ENDPOINT
        for _name, _value in _endpoints.items():
            if not _value:
                raise ImproperlyConfigured(f"{_name} must be set when OIDC_ENABLED is on without OIDC_DISCOVERY_URL")
    if OIDC_RP_SIGN_ALGO not in {"RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "HS256"}:
        raise ImproperlyConfigured(f"OIDC_SIGN_ALGO must be a JWS algorithm such as RS256, got {OIDC_RP_SIGN_ALGO!r}")
# ---------------------------------------------------------------------------------------------------------

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
# viewer (Swagger UI): it carries the request's nonce, which is sent only on those pages.
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
        # django-axes reports every sign-in at INFO; the security log (core.audit) says what matters.
        "axes": {"level": "WARNING"},
    },
}
