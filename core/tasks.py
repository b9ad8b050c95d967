"""Background jobs of the kernel. Thin: call a service."""

from celery import shared_task

from core import notifications, outbox


@shared_task(name="core.drain_outbox")
def drain_outbox() -> int:
    """Every minute (see CELERY_BEAT_SCHEDULE): send the tasks kept while the broker was away."""
    return outbox.drain()


@shared_task(name="core.send_notification_digests")
def send_notification_digests() -> int:
    """Weekly (see CELERY_BEAT_SCHEDULE): each user's digest of the notifications they want once a week."""
    return notifications.send_digests()
