"""Background jobs of the kernel. Thin: call a service."""

from celery import shared_task

from core import outbox


@shared_task(name="core.drain_outbox")
def drain_outbox() -> int:
    """Every minute (see CELERY_BEAT_SCHEDULE): send the tasks kept while the broker was away."""
    return outbox.drain()
