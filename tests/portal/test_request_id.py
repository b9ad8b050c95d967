"""Every request has an id; it is in the response, on every log line, and in the tasks it queues."""

import io
import json
import logging

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from kombu import Connection

from portal import logs
from portal.celery import REQUEST_ID_HEADER, app
from portal.middleware import RequestIdMiddleware

log = logging.getLogger("tests.portal.request_id")


@app.task(name="tests.portal.log_a_line")
def log_a_line(text: str) -> None:
    log.info("task says %s", text)


@pytest.fixture
def json_lines():
    """The log lines, as the portal's JSON formatter writes them, parsed."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.JsonFormatter())
    handler.addFilter(logs.RequestIdFilter())
    root = logging.getLogger()
    previous_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    root.setLevel(previous_level)


@pytest.fixture
def publishing():
    """Send tasks as a message instead of running them in-process (the tests have no broker)."""
    # The app reads Django's CELERY_* settings under those names.
    eager = app.conf.get("CELERY_TASK_ALWAYS_EAGER")
    app.conf.update({"CELERY_TASK_ALWAYS_EAGER": False})
    assert not app.conf.task_always_eager
    yield
    app.conf.update({"CELERY_TASK_ALWAYS_EAGER": eager})


def _respond_and_log(request):
    log.info("inside the view", extra={"step": "view"})
    return HttpResponse("ok")


def test_an_incoming_request_id_is_kept_and_returned(json_lines):
    request = RequestFactory().get("/somewhere", HTTP_X_REQUEST_ID="lb-4f2a-99")

    response = RequestIdMiddleware(_respond_and_log)(request)

    assert response["X-Request-ID"] == "lb-4f2a-99"
    view_line = next(line for line in json_lines() if line["message"] == "inside the view")
    assert view_line["request_id"] == "lb-4f2a-99"
    assert view_line["step"] == "view"
    assert view_line["level"] == "INFO"
    assert view_line["logger"] == "tests.portal.request_id"


def test_each_request_is_logged_once_with_status_and_duration(json_lines):
    request = RequestFactory().get("/somewhere", HTTP_X_REQUEST_ID="lb-1")

    RequestIdMiddleware(_respond_and_log)(request)

    access = [line for line in json_lines() if line["logger"] == "portal.request"]
    assert len(access) == 1
    assert access[0]["status"] == 200
    assert access[0]["path"] == "/somewhere"
    assert access[0]["request_id"] == "lb-1"
    assert access[0]["duration_ms"] >= 0


def test_a_missing_or_unsafe_request_id_is_replaced_by_a_new_one(json_lines):
    plain = RequestIdMiddleware(_respond_and_log)(RequestFactory().get("/"))
    unsafe = RequestIdMiddleware(_respond_and_log)(RequestFactory().get("/", HTTP_X_REQUEST_ID='x" injected\nline'))

    assert len(plain["X-Request-ID"]) == 32
    assert len(unsafe["X-Request-ID"]) == 32
    assert plain["X-Request-ID"] != unsafe["X-Request-ID"]
    assert "injected" not in json.dumps(json_lines())


def test_the_id_does_not_outlive_its_request(json_lines):
    RequestIdMiddleware(_respond_and_log)(RequestFactory().get("/", HTTP_X_REQUEST_ID="gone-after"))

    log.info("between requests")

    assert json_lines()[-1]["request_id"] is None


@pytest.mark.django_db
def test_the_request_id_is_on_the_log_lines_of_a_page(client, json_lines):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="page-77")

    assert response["X-Request-ID"] == "page-77"
    assert any(line["request_id"] == "page-77" and line["logger"] == "portal.request" for line in json_lines())


def test_a_task_queued_during_a_request_carries_its_id_and_logs_with_it(json_lines, publishing):
    def queue_the_task(request):
        with Connection("memory://localhost/") as broker:
            log_a_line.apply_async(("hello",), connection=broker, queue="request-id-test")
            message = broker.SimpleQueue("request-id-test").get(timeout=5)
            message.ack()
        request.queued_headers = message.headers
        return HttpResponse("queued")

    request = RequestFactory().get("/", HTTP_X_REQUEST_ID="queued-by-42")
    RequestIdMiddleware(queue_the_task)(request)

    headers = request.queued_headers
    assert headers[REQUEST_ID_HEADER] == "queued-by-42"

    # What a worker does with the message: run the task with the headers it received,
    # outside any request.
    assert logs.request_id.get() is None
    log_a_line.apply(("hello",), task_id=headers["id"], headers={REQUEST_ID_HEADER: headers[REQUEST_ID_HEADER]})

    task_line = next(line for line in json_lines() if line["message"] == "task says hello")
    assert task_line["request_id"] == "queued-by-42"
    assert logs.request_id.get() is None


def test_a_task_queued_outside_a_request_has_no_id(publishing):
    with Connection("memory://localhost/") as broker:
        log_a_line.apply_async(("alone",), connection=broker, queue="request-id-alone")
        message = broker.SimpleQueue("request-id-alone").get(timeout=5)
        message.ack()

    assert REQUEST_ID_HEADER not in message.headers
