"""/healthz, /readyz and /metrics: what a monitor or an orchestrator reads."""

import importlib
import os
from unittest import mock

import pytest
from django.db import connection
from django.db.utils import OperationalError
from django.urls import clear_url_caches

pytestmark = pytest.mark.django_db

# Nothing listens on port 1: a broker there is a broker that is down.
BROKEN_BROKER = "redis://127.0.0.1:1/0"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def assert_never_cached(response):
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Type"] == "application/json"


def test_healthz_answers_anyone_without_signing_in(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert_never_cached(response)


def test_healthz_does_not_ask_the_database(client, django_assert_num_queries, settings):
    settings.CELERY_BROKER_URL = BROKEN_BROKER
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.status_code == 200


def test_readyz_reports_each_dependency_with_its_latency(client, settings):
    settings.CELERY_BROKER_URL = ""

    response = client.get("/readyz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["media"]["status"] == "ok"
    assert body["checks"]["database"]["latency_ms"] >= 0
    assert body["checks"]["media"]["latency_ms"] >= 0
    # The embedded default has no broker; that is not a reason to refuse traffic.
    assert body["checks"]["broker"]["status"] == "skipped"
    assert_never_cached(response)


def test_readyz_reports_a_broken_broker_as_503_with_its_name(client, settings):
    settings.CELERY_BROKER_URL = BROKEN_BROKER

    response = client.get("/readyz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["failed"] == ["broker"]
    assert body["checks"]["broker"]["status"] == "error"
    assert "127.0.0.1:1" in body["checks"]["broker"]["error"]
    assert body["checks"]["database"]["status"] == "ok"
    assert_never_cached(response)


def test_readyz_answers_ok_with_a_running_broker(client, settings):
    import redis

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.RedisError as error:
        if os.environ.get("REQUIRE_SERVICES"):
            pytest.fail(f"Redis at {url} is not reachable: {error}")
        pytest.skip(f"Redis at {url} is not reachable; .ci/run starts one")
    settings.CELERY_BROKER_URL = url

    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json()["checks"]["broker"]["status"] == "ok"


def test_readyz_reports_missing_media_storage(client, settings, tmp_path):
    settings.CELERY_BROKER_URL = ""
    settings.MEDIA_ROOT = tmp_path / "not-mounted"

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["failed"] == ["media"]
    assert "not-mounted" in response.json()["checks"]["media"]["error"]


def test_readyz_reports_a_database_that_does_not_answer(client, settings):
    settings.CELERY_BROKER_URL = ""
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["failed"] == ["database"]
    assert "connection refused" in response.json()["checks"]["database"]["error"]


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_health_routes_are_read_only(client, path):
    assert client.post(path).status_code == 405


def _reload_urls():
    import portal.urls

    clear_url_caches()
    importlib.reload(portal.urls)
    clear_url_caches()


@pytest.fixture
def metrics_enabled(settings):
    settings.METRICS_ENABLED = True
    _reload_urls()
    yield
    settings.METRICS_ENABLED = False
    _reload_urls()


def test_metrics_do_not_exist_by_default(client, settings):
    assert settings.METRICS_ENABLED is False

    assert client.get("/metrics").status_code == 404


def test_metrics_answer_in_prometheus_format_when_enabled(client, metrics_enabled):
    response = client.get("/metrics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert b"# TYPE python_info gauge" in response.content
    assert "no-store" in response["Cache-Control"]
