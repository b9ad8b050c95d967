"""Read settings from environment variables, failing loudly on bad values.

Every helper raises ``ImproperlyConfigured`` with a one-line message that names
the variable, so a typo stops start-up instead of surfacing later.
"""

import os
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false, 1/0), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    items = [item.strip() for item in raw.split(",") if item.strip()]
    if not items:
        raise ImproperlyConfigured(f"{name} must be a comma-separated list with at least one value")
    return items


def database_from_env(name: str, default: str) -> dict[str, Any]:
    import dj_database_url

    raw = os.environ.get(name) or default
    scheme = urlparse(raw).scheme
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(
            f"{name} must start with sqlite:// or postgresql://, got scheme {scheme or 'none'!r}"
        )
    try:
        config: dict[str, Any] = dj_database_url.parse(  # type: ignore[assignment]
            raw, conn_max_age=60 if scheme != "sqlite" else 0
        )
    except Exception as exc:  # dj-database-url raises several kinds of errors
        raise ImproperlyConfigured(f"{name} is not a valid database URL: {exc}") from None
    if scheme != "sqlite" and not config.get("NAME"):
        raise ImproperlyConfigured(f"{name} must name a database, e.g. postgresql://host:5432/veerkracht")
    if scheme == "sqlite":
        config["OPTIONS"] = {**config.get("OPTIONS", {}), **sqlite_options()}
    return config


def sqlite_options() -> dict[str, Any]:
    """Let the embedded SQLite take concurrent writers: they queue for the lock instead of failing.

    WAL lets readers go on while one writer writes. IMMEDIATE takes the write lock when a
    transaction begins, so two transactions that read first never deadlock on upgrading to
    a write (SQLite answers that with "database is locked" at once, whatever the timeout).
    The busy timeout (SQLITE_BUSY_TIMEOUT, seconds) is how long a writer waits its turn.
    """
    return {
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("SQLITE_BUSY_TIMEOUT", 20),
        "init_command": "PRAGMA journal_mode=WAL",
    }


def email_from_env(name: str) -> dict[str, Any]:
    """Translate EMAIL_URL (smtp://user:pass@host:587?tls=1, console://, locmem://) to settings."""
    raw = os.environ.get(name, "")
    if not raw:
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    url = urlparse(raw)
    backends = {
        "console": "django.core.mail.backends.console.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
        "smtps": "django.core.mail.backends.smtp.EmailBackend",
    }
    if url.scheme not in backends:
        raise ImproperlyConfigured(
            f"{name} must start with smtp://, smtps://, console:// or locmem://, got {url.scheme or 'none'!r}"
        )
    config: dict[str, Any] = {"EMAIL_BACKEND": backends[url.scheme]}
    if url.scheme in {"smtp", "smtps"}:
        if not url.hostname:
            raise ImproperlyConfigured(f"{name} must name a mail host, e.g. smtp://mail.example.nl:587")
        try:
            port = url.port
        except ValueError:
            raise ImproperlyConfigured(f"{name} has an invalid port") from None
        options = parse_qs(url.query)
        config.update(
            EMAIL_HOST=url.hostname,
            EMAIL_PORT=port or (465 if url.scheme == "smtps" else 25),
            EMAIL_HOST_USER=unquote(url.username or ""),
            EMAIL_HOST_PASSWORD=unquote(url.password or ""),
            EMAIL_USE_SSL=url.scheme == "smtps",
            EMAIL_USE_TLS=options.get("tls", ["0"])[0].lower() in _TRUE,
        )
    return config


def broker_from_env(name: str) -> str:
    raw = os.environ.get(name, "")
    if raw and urlparse(raw).scheme not in {"redis", "rediss", "amqp", "amqps", "memory"}:
        raise ImproperlyConfigured(f"{name} must start with redis://, amqp:// or memory://, got {raw!r}")
    return raw
