"""The settings the production shape adds: media storage, log format, metrics, static compression."""

import json
import os
import subprocess
import sys

import pytest

from tests.portal.test_configuration import ROOT, _check

SHOW_MEDIA_STORAGE = (
    "import json, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'portal.settings'; "
    "from django.conf import settings; print(json.dumps(settings.STORAGES['default']))"
)

BASE = {"DEBUG": "false", "SECRET_KEY": "x", "ALLOWED_HOSTS": "example.nl"}


@pytest.mark.parametrize(
    ("variable", "value"),
    [("MEDIA_STORAGE", "ftp"), ("LOG_FORMAT", "xml"), ("STATIC_BROTLI_QUALITY", "12"), ("METRICS_ENABLED", "maybe")],
)
def test_it_names_the_variable_with_a_bad_value(variable, value):
    result = _check(**BASE, **{variable: value})

    assert result.returncode != 0
    assert variable in result.stderr.strip().splitlines()[-1]


def test_s3_media_storage_needs_a_bucket():
    result = _check(**BASE, MEDIA_STORAGE="s3")

    assert result.returncode != 0
    assert "S3_BUCKET" in result.stderr.strip().splitlines()[-1]


def test_s3_media_storage_is_private_django_storages():
    env = {**BASE, "MEDIA_STORAGE": "s3", "S3_BUCKET": "veerkracht-media", "S3_ENDPOINT_URL": "https://s3.example.nl"}
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"}}
    shown = subprocess.run(
        [sys.executable, "-c", SHOW_MEDIA_STORAGE],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )

    storage = json.loads(shown.stdout)
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "veerkracht-media"
    assert storage["OPTIONS"]["endpoint_url"] == "https://s3.example.nl"
    assert storage["OPTIONS"]["default_acl"] == "private"
    assert storage["OPTIONS"]["querystring_auth"] is True


def test_the_s3_settings_start_the_portal():
    result = _check(**BASE, MEDIA_STORAGE="s3", S3_BUCKET="veerkracht-media", S3_ENDPOINT_URL="https://s3.example.nl")

    assert result.returncode == 0, result.stderr


# What a production deployment sets: a real secret, its host, DEBUG off; nothing else.
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-production-secret-key-of-fifty-characters-or-more-with-variety-0123456789",
    "ALLOWED_HOSTS": "veerkracht.example.nl",
}
# Variables the test run sets for itself (the test server speaks plain http), left out here.
TEST_ONLY = {
    "DEBUG",
    "SECRET_KEY",
    "DATABASE_URL",
    "ALLOWED_HOSTS",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def _production(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in TEST_ONLY}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**clean, **PRODUCTION, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_deploy_check_finds_nothing_in_production_settings():
    result = _production("manage.py", "check", "--deploy", "--fail-level", "DEBUG")

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


SHOW_HTTPS = (
    "import json, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'portal.settings'; from django.conf import settings; "
    "print(json.dumps([settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS, settings.SECURE_REDIRECT_EXEMPT]))"
)


def test_production_redirects_to_https_and_sends_hsts_for_a_year():
    redirect, hsts, exempt = json.loads(_production("-c", SHOW_HTTPS).stdout)

    assert redirect is True
    assert hsts == 365 * 24 * 60 * 60
    assert {"^healthz$", "^readyz$"} <= set(exempt)


def test_make_run_on_plain_http_does_not_redirect():
    redirect, _hsts, _exempt = json.loads(_production("-c", SHOW_HTTPS, SECURE_SSL_REDIRECT="false").stdout)

    assert redirect is False


def test_debug_sends_no_hsts():
    redirect, hsts, _exempt = json.loads(_production("-c", SHOW_HTTPS, DEBUG="true").stdout)

    assert (redirect, hsts) == (False, 0)


def test_a_bad_hsts_value_names_its_variable():
    result = _check(**BASE, SECURE_HSTS_SECONDS="a year")

    assert result.returncode != 0
    assert "SECURE_HSTS_SECONDS" in result.stderr.strip().splitlines()[-1]
