"""Start-up configuration comes from environment variables and fails with one clear line."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from core.env import broker_from_env, database_from_env, email_from_env, env_bool, env_int

ROOT = Path(__file__).resolve().parents[2]


def _check(**env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"}}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_it_refuses_to_start_without_secret_key_when_debug_is_off():
    result = _check(DEBUG="false", ALLOWED_HOSTS="example.nl")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "SECRET_KEY" in lines[0]


def test_it_names_the_variable_with_a_bad_boolean():
    result = _check(DEBUG="perhaps")
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "Configuration error: DEBUG must be a boolean (true/false, 1/0), got 'perhaps'"
    ]


def test_it_names_the_variable_with_a_bad_database_url():
    result = _check(DEBUG="true", DATABASE_URL="mysql://localhost/x")
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1
    assert "DATABASE_URL" in result.stderr


@pytest.mark.parametrize("value", ["0", "a year"])
def test_it_names_the_variable_with_a_bad_api_token_lifetime(value):
    result = _check(DEBUG="true", API_TOKEN_DAYS=value)
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1
    assert "API_TOKEN_DAYS" in result.stderr


def test_it_starts_with_the_embedded_defaults():
    result = _check(DEBUG="true")
    assert result.returncode == 0, result.stderr


def test_sqlite_is_the_default_database(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = database_from_env("DATABASE_URL", default="sqlite:////tmp/x.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"


def test_postgres_url_is_parsed(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:p@db.example.nl:5433/veerkracht")
    config = database_from_env("DATABASE_URL", default="sqlite://")
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.example.nl", 5433, "veerkracht")


def test_email_url_configures_smtp(monkeypatch):
    monkeypatch.setenv("EMAIL_URL", "smtp://user:geheim@mail.example.nl:587?tls=1")
    config = email_from_env("EMAIL_URL")
    assert config["EMAIL_HOST"] == "mail.example.nl"
    assert config["EMAIL_PORT"] == 587
    assert config["EMAIL_USE_TLS"] is True
    assert config["EMAIL_HOST_PASSWORD"] == "geheim"


def test_mail_goes_to_the_console_without_a_mail_server(monkeypatch):
    monkeypatch.delenv("EMAIL_URL", raising=False)
    assert email_from_env("EMAIL_URL")["EMAIL_BACKEND"].endswith("console.EmailBackend")


@pytest.mark.parametrize(
    ("name", "value", "reader"),
    [
        ("EMAIL_URL", "pigeon://coop", lambda: email_from_env("EMAIL_URL")),
        ("CELERY_BROKER_URL", "http://broker", lambda: broker_from_env("CELERY_BROKER_URL")),
        ("SOME_FLAG", "maybe", lambda: env_bool("SOME_FLAG")),
        ("SOME_NUMBER", "twelve", lambda: env_int("SOME_NUMBER", 1)),
    ],
)
def test_bad_values_name_their_variable(monkeypatch, name, value, reader):
    monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=name):
        reader()


def test_tasks_run_eagerly_without_a_broker(settings):
    from portal.celery import app

    assert settings.CELERY_BROKER_URL == ""
    assert app.conf.task_always_eager is True
