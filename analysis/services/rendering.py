"""The life of a PDF job (annual analysis, dashboard PDF): queue, run, progress, store, fail.

Every PDF the portal makes goes through these functions, so both kinds behave
alike: the same stages and progress, the same attempt counting when a worker dies,
and the same rule that a PDF is only stored once it is complete.

Progress is written with plain UPDATEs outside any transaction, so a page polling
the job sees each stage as it happens.
"""

import datetime
import logging
import os
import threading
import uuid
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import close_old_connections, connections, models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from analysis.models import RenderJob
from core import outbox

logger = logging.getLogger(__name__)

# The concrete kind of job a function was given (RenderJob itself is abstract); it gets the same kind back.
Job = TypeVar("Job", bound=RenderJob)

# A job that started this often (retries and workers that died included) is given up.
MAX_ATTEMPTS = 6
# Longer than the task's hard time limit: a job "running" for longer lost its worker.
STALLED_AFTER = datetime.timedelta(seconds=settings.PDF_TASK_TIME_LIMIT + 120)


def queued_too_long() -> datetime.timedelta:
    """How long a job may wait for a worker (PDF_QUEUE_TIME_LIMIT) before it is given up."""
    return datetime.timedelta(seconds=settings.PDF_QUEUE_TIME_LIMIT)


class Stage:
    QUEUED = "queued"
    GATHER = "gather"
    FREEZE = "freeze"
    COMPOSE = "compose"
    RENDER = "render"
    STORE = "store"
    RETRY = "retry"
    DONE = "done"
    FAILED = "failed"

    LABELS = {
        QUEUED: _("In de wachtrij: wacht op een vrije verwerker"),
        GATHER: _("Gegevens verzamelen"),
        FREEZE: _("Gegevens vastleggen met controlegetal"),
        COMPOSE: _("Grafieken en tabellen maken"),
        RENDER: _("PDF opmaken (dit duurt het langst)"),
        STORE: _("PDF opslaan"),
        RETRY: _("Tijdelijke storing: wordt straks opnieuw geprobeerd"),
        DONE: _("Klaar"),
        FAILED: _("Mislukt"),
    }
    # The share of the work done when a stage begins; None where it cannot be known.
    PROGRESS = {QUEUED: 0, GATHER: 5, FREEZE: 30, COMPOSE: 40, RENDER: 55, STORE: 95, RETRY: None, DONE: 100}


def stage_label(job: RenderJob) -> str:
    if job.status == RenderJob.Status.DONE:
        return str(Stage.LABELS[Stage.DONE])
    if job.status == RenderJob.Status.FAILED:
        return str(Stage.LABELS[Stage.FAILED])
    return str(Stage.LABELS.get(job.stage or Stage.QUEUED, job.stage))


def is_stalled(job: RenderJob, *, now: datetime.datetime | None = None) -> bool:
    """Whether a job will not finish by itself.

    A running job that outlived the time limit lost its worker; a queued job that waited
    longer than PDF_QUEUE_TIME_LIMIT never reached one (the broker or every worker away).
    """
    now = now or timezone.now()
    if job.status == RenderJob.Status.QUEUED:
        return now - job.queued_at > queued_too_long()
    if job.status != RenderJob.Status.RUNNING or job.started_at is None:
        return False
    return now - job.started_at > STALLED_AFTER


def give_up_if_stalled(job: Job) -> Job:
    """Mark a stalled job failed, with the reason, so asking again makes a new one; other jobs are left alone."""
    if not is_stalled(job):
        return job
    if job.status == RenderJob.Status.QUEUED:
        message = gettext(
            "De PDF stond langer dan %(minutes)s minuten in de wachtrij zonder dat een verwerker hem oppakte; de "
            "berichtenserver of de verwerkers waren niet bereikbaar. Vraag de PDF opnieuw aan."
        ) % {"minutes": settings.PDF_QUEUE_TIME_LIMIT // 60}
    else:
        message = gettext(
            "De verwerker stopte zonder de PDF af te maken (langer bezig dan %(seconds)s seconden). Vraag de PDF "
            "opnieuw aan."
        ) % {"seconds": settings.PDF_TASK_TIME_LIMIT}
    logger.warning("PDF job %s#%s given up: %s", type(job).__name__, job.pk, job.status)
    # Only if it is still as it was seen: a worker that picked it up just now keeps it.
    type(job)._default_manager.filter(pk=job.pk, status=job.status).update(
        status=RenderJob.Status.FAILED, stage=Stage.FAILED, progress=None, error=message, finished_at=timezone.now()
    )
    job.refresh_from_db()
    return job


def give_up_stalled(model: type[RenderJob], *, now: datetime.datetime | None = None) -> int:
    """Mark every stalled job of a kind failed, with the reason; the number given up."""
    now = now or timezone.now()
    stalled = model._default_manager.filter(
        models.Q(status=RenderJob.Status.QUEUED, queued_at__lt=now - queued_too_long())
        | models.Q(status=RenderJob.Status.RUNNING, started_at__lt=now - STALLED_AFTER)
    )
    return sum(give_up_if_stalled(job).status == RenderJob.Status.FAILED for job in stalled)


def can_retry(job: RenderJob) -> bool:
    return job.status == RenderJob.Status.FAILED or is_stalled(job)


def enqueue(task, job_id: int) -> None:
    """Send a job to the workers once the current transaction commits.

    Without a broker (the embedded default) the job runs in a background thread of
    this process instead, so the page that asked for it can show its progress.
    """

    if settings.CELERY_TASK_ALWAYS_EAGER and settings.RENDER_IN_BACKGROUND_THREAD:
        transaction.on_commit(
            lambda: threading.Thread(
                target=_run_in_thread, args=(task, job_id), name=f"pdf-{job_id}", daemon=True
            ).start()
        )
    else:
        # With the broker away the job waits in the outbox; past PDF_QUEUE_TIME_LIMIT it is given up.
        outbox.send_on_commit(task, job_id)


def _run_in_thread(task, job_id: int) -> None:
    close_old_connections()
    try:
        task.apply(args=(job_id,))
    finally:
        connections.close_all()


def start(model: type[Job], job_id: int, *, task_id: str = "") -> Job | None:
    """Mark a job running and count the attempt; None when there is nothing (more) to do.

    A job already done is never redone. A job that started too often (its worker kept
    dying) is marked failed instead of being tried forever.
    """
    with transaction.atomic():
        job = model._default_manager.select_for_update().filter(pk=job_id).first()
        # A failed job (given up while it waited, say) is only run again after reset_for_retry.
        if job is None or job.status in (RenderJob.Status.DONE, RenderJob.Status.FAILED):
            return None
        if job.attempts >= MAX_ATTEMPTS:
            job.status = RenderJob.Status.FAILED
            job.error = str(
                _(
                    "De verwerking is %(count)s keer afgebroken voordat ze klaar was. Probeer het later opnieuw of "
                    "vraag de beheerder naar de verwerkers."
                )
                % {"count": job.attempts}
            )
            job.finished_at = timezone.now()
            job.save(update_fields=["status", "error", "finished_at"])
            return None
        job.status = RenderJob.Status.RUNNING
        job.attempts += 1
        job.started_at = timezone.now()
        job.finished_at = None
        job.error = ""
        job.task_id = task_id[:64]
        job.save(update_fields=["status", "attempts", "started_at", "finished_at", "error", "task_id"])
    set_stage(job, Stage.GATHER)
    return job


def set_stage(job: RenderJob, stage: str, progress: int | None = -1) -> None:
    """Record the stage a job is in (and its progress, by default the stage's usual share)."""
    job.stage = stage
    job.progress = Stage.PROGRESS.get(stage) if progress == -1 else progress
    type(job)._default_manager.filter(pk=job.pk).update(stage=job.stage, progress=job.progress)


def store_pdf(job: Job, *, content: bytes, name: str, page_count: int, gaps: list, **fields) -> Job:
    """Store a complete PDF and mark the job done, or leave everything as it was.

    The file is written under a temporary name and renamed into place only when it is
    complete, so nobody ever sees half a PDF. If another attempt finished first, this
    attempt's file is thrown away.
    """
    set_stage(job, Stage.STORE)
    stored = default_storage.get_available_name(name)
    final = Path(default_storage.path(stored))
    final.parent.mkdir(parents=True, exist_ok=True)
    partial = final.with_name(f".{final.name}.{uuid.uuid4().hex}.part")
    try:
        with open(partial, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, final)
    finally:
        partial.unlink(missing_ok=True)
    try:
        with transaction.atomic():
            locked = type(job)._default_manager.select_for_update().get(pk=job.pk)
            if locked.status == RenderJob.Status.DONE:
                final.unlink(missing_ok=True)
                return locked
            now = timezone.now()
            locked.pdf.name = stored
            locked.page_count = page_count
            locked.gaps = gaps
            locked.status = RenderJob.Status.DONE
            locked.stage = Stage.DONE
            locked.progress = 100
            locked.finished_at = now
            locked.duration_seconds = round((now - (job.started_at or now)).total_seconds(), 3)
            locked.error = ""
            for field, value in fields.items():
                setattr(locked, field, value)
            locked.save()
    except BaseException:
        final.unlink(missing_ok=True)
        raise
    return locked


def mark_retrying(model: type[RenderJob], job_id: int, *, error: BaseException) -> None:
    logger.warning("PDF job %s#%s hit a transient error, retrying: %r", model.__name__, job_id, error)
    model._default_manager.filter(pk=job_id).exclude(status=RenderJob.Status.DONE).update(
        status=RenderJob.Status.QUEUED, stage=Stage.RETRY, progress=None, queued_at=timezone.now()
    )


def mark_failed(model: type[RenderJob], job_id: int, *, message: str) -> None:
    """Record that a job failed, with a message staff can read; a finished job is left alone."""
    model._default_manager.filter(pk=job_id).exclude(status=RenderJob.Status.DONE).update(
        status=RenderJob.Status.FAILED, stage=Stage.FAILED, progress=None, error=message, finished_at=timezone.now()
    )


def reset_for_retry(job: Job) -> Job:
    """Put a failed (or stalled) job back in the queue with a fresh count of attempts."""
    with transaction.atomic():
        locked = type(job)._default_manager.select_for_update().get(pk=job.pk)
        if not can_retry(locked):
            return locked
        locked.status = RenderJob.Status.QUEUED
        locked.stage = Stage.QUEUED
        locked.progress = 0
        locked.attempts = 0
        locked.error = ""
        locked.started_at = None
        locked.finished_at = None
        locked.queued_at = timezone.now()
        locked.save(
            update_fields=["status", "stage", "progress", "attempts", "error", "started_at", "finished_at", "queued_at"]
        )
    return locked
