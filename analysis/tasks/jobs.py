"""How the PDF tasks run: safe to run twice, retried when the trouble is passing, failed with a reason otherwise.

The PDF tasks acknowledge a job only when it has finished (``acks_late``), and a
worker that dies mid-job (``kill -9``, out of memory) puts it back in the queue
(``reject_on_worker_lost``), so another worker picks it up. Transient trouble (the
database or the disk away for a moment) is retried with a growing pause; anything
else fails the job at once with a message staff can read.
"""

import logging

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils.translation import gettext

from analysis.services import rendering

logger = logging.getLogger(__name__)

TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
MAX_RETRIES = 3

PDF_TASK_OPTIONS = {
    "bind": True,
    "acks_late": True,
    "reject_on_worker_lost": True,
    "max_retries": MAX_RETRIES,
    # The soft limit lets the job record why it stopped before the hard limit kills it.
    "soft_time_limit": max(settings.PDF_TASK_TIME_LIMIT - 30, int(settings.PDF_TASK_TIME_LIMIT * 0.8)),
    "time_limit": settings.PDF_TASK_TIME_LIMIT,
}


def retry_delay(retries: int) -> int:
    """Seconds to wait before retry number ``retries + 1``: 10, 40, 160, at most 600."""
    return min(10 * 4**retries, 600)


def run_pdf_job(task, model, job_id: int, build) -> None:
    """Run ``build`` for a PDF job: retry transient trouble, record any other failure on the job."""
    try:
        build()
    except SoftTimeLimitExceeded:
        rendering.mark_failed(
            model,
            job_id,
            message=gettext(
                "Het maken van de PDF duurde langer dan %(seconds)s seconden en is gestopt. Probeer het opnieuw; "
                "blijft het mislukken, vraag dan de beheerder om de tijdslimiet te verhogen."
            )
            % {"seconds": settings.PDF_TASK_TIME_LIMIT},
        )
    except TRANSIENT_ERRORS as error:
        if task.request.retries < task.max_retries:
            rendering.mark_retrying(model, job_id, error=error)
            raise task.retry(exc=error, countdown=retry_delay(task.request.retries)) from error
        logger.exception("PDF job %s#%s failed after %s retries", model.__name__, job_id, task.max_retries)
        rendering.mark_failed(
            model,
            job_id,
            message=gettext(
                "Het maken van de PDF is %(count)s keer mislukt door een storing (%(error)s). Probeer het later "
                "opnieuw."
            )
            % {"count": task.max_retries + 1, "error": type(error).__name__},
        )
    except Exception as error:
        logger.exception("PDF job %s#%s failed", model.__name__, job_id)
        rendering.mark_failed(
            model,
            job_id,
            message=gettext("Het maken van de PDF is mislukt: %(error)s")
            % {"error": f"{type(error).__name__}: {error}"},
        )
