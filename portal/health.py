"""Health a monitor or an orchestrator can read: liveness, readiness and metrics.

``/healthz`` answers as long as the process does: a liveness probe that fails only when
the process should be restarted. ``/readyz`` asks the database, the broker and the media
storage, each timed, and answers 503 when one of them does not answer, so a load balancer
sends no traffic to an instance that cannot serve it. Both are public, cheap, plain JSON
and never cached. ``/metrics`` (Prometheus) exists only with ``METRICS_ENABLED``.
"""

import logging
import os
import time
from collections.abc import Callable

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

log = logging.getLogger(__name__)

# A probe that hangs is as bad as one that fails: the broker gets this long to answer.
BROKER_TIMEOUT_SECONDS = 2.0


class Skipped(Exception):
    """A dependency this set-up does not have (no broker in the embedded default)."""


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _broker() -> None:
    from kombu import Connection

    url = settings.CELERY_BROKER_URL
    if not url:
        raise Skipped("no broker configured: tasks run in the web process")
    with Connection(url, connect_timeout=BROKER_TIMEOUT_SECONDS) as broker:
        broker.ensure_connection(max_retries=0, timeout=BROKER_TIMEOUT_SECONDS)


def _media() -> None:
    if isinstance(default_storage, FileSystemStorage):
        # A missing or read-only volume must fail here, not at the first upload.
        location = default_storage.location
        if not os.path.isdir(location):
            raise OSError(f"media directory {location} does not exist")
        if not os.access(location, os.W_OK | os.X_OK):
            raise OSError(f"media directory {location} is not writable")
    else:
        default_storage.exists("readyz-probe")


CHECKS: dict[str, Callable[[], None]] = {"database": _database, "broker": _broker, "media": _media}


def _run(name: str, check: Callable[[], None]) -> dict:
    started = time.perf_counter()
    try:
        check()
    except Skipped as reason:
        return {"status": "skipped", "detail": str(reason)}
    except Exception as exc:  # any failure of a dependency means "not ready", whatever its kind
        elapsed = round((time.perf_counter() - started) * 1000, 1)
        log.warning("readiness check %s failed: %s", name, exc, extra={"check": name})
        return {"status": "error", "latency_ms": elapsed, "error": f"{type(exc).__name__}: {exc}"}
    return {"status": "ok", "latency_ms": round((time.perf_counter() - started) * 1000, 1)}


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers. Asks nothing else, so a slow database restarts no pod."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: the database, the broker and the media storage each answer, with their latency."""
    checks = {name: _run(name, check) for name, check in CHECKS.items()}
    failed = sorted(name for name, result in checks.items() if result["status"] == "error")
    body = {"status": "error" if failed else "ok", "checks": checks}
    if failed:
        body["failed"] = failed
    return JsonResponse(body, status=503 if failed else 200)


@never_cache
@require_safe
def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus metrics of django-prometheus: those of every gunicorn worker when
    PROMETHEUS_MULTIPROC_DIR names a directory they share, else of this process."""
    from django_prometheus.exports import ExportToDjangoView

    return ExportToDjangoView(request)
