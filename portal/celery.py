import os

from celery import Celery
from celery.signals import before_task_publish, task_postrun, task_prerun

from portal import logs

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The message header that carries the id of the request that queued a task.
REQUEST_ID_HEADER = "x_request_id"


@before_task_publish.connect
def _send_request_id(headers=None, **_kwargs) -> None:
    current = logs.request_id.get()
    if headers is not None and current and REQUEST_ID_HEADER not in headers:
        headers[REQUEST_ID_HEADER] = current


def _received_request_id(task) -> str | None:
    # A header of the message is an attribute of the request on a worker; a task run with
    # apply(headers=...) keeps it under request.headers.
    request = task.request
    return getattr(request, REQUEST_ID_HEADER, None) or (getattr(request, "headers", None) or {}).get(REQUEST_ID_HEADER)


_tokens: dict[str, object] = {}


@task_prerun.connect
def _adopt_request_id(task_id=None, task=None, **_kwargs) -> None:
    received = logs.acceptable_request_id(_received_request_id(task)) if task is not None else None
    if received and task_id:
        _tokens[task_id] = logs.request_id.set(received)


@task_postrun.connect
def _forget_request_id(task_id=None, **_kwargs) -> None:
    token = _tokens.pop(task_id, None)
    if token is not None:
        logs.request_id.reset(token)
