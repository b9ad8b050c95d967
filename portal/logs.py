"""Structured logs: one JSON object per line, each carrying the id of the request it serves.

The request id comes from an incoming ``X-Request-ID`` header or is made up (see
``portal.middleware.RequestIdMiddleware``), lives in a context variable for the length
of the request, and travels with every Celery task queued during it (see
``portal.celery``), so a worker's log lines name the request that asked for the work.
"""

import datetime
import json
import logging
import re
import uuid
from contextvars import ContextVar

request_id: ContextVar[str | None] = ContextVar("request_id", default=None)

# What an incoming id may look like: a load balancer's or another service's id, never a
# log injection or a megabyte of text.
_ACCEPTABLE_ID = re.compile(r"[A-Za-z0-9._:@/+=-]{1,128}")

# Attributes every LogRecord has; anything else was passed with `extra=` and is logged. Django
# passes the request object itself, whose text adds nothing to the message.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id", "request"}


def new_request_id() -> str:
    return uuid.uuid4().hex


def acceptable_request_id(value: str | None) -> str | None:
    """The incoming id when it is safe to log and to send back, else None."""
    if value and _ACCEPTABLE_ID.fullmatch(value):
        return value
    return None


class RequestIdFilter(logging.Filter):
    """Put the current request id on every record, for the JSON and the text format alike."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            # Django logs a 4xx/5xx answer after the middleware has finished; its record
            # carries the request, and with it the id.
            record.request_id = getattr(getattr(record, "request", None), "request_id", None) or request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id and any `extra` fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or request_id.get(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str, ensure_ascii=False)
