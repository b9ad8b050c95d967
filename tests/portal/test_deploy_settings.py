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
