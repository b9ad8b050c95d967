"""Hand tasks to the broker once the transaction commits; keep them in the outbox while the broker is away.

A saved change is never turned into an error by a broker that is down: the task is
written to ``OutboxMessage`` instead, the user sees success, staff see how many
messages wait, and ``drain`` (a periodic task, see CELERY_BEAT_SCHEDULE) sends them
once the broker answers again.
"""

import logging
from functools import partial

from celery import current_app
from django.db import transaction
from kombu.exceptions import OperationalError as BrokerOperationalError

from core.models import OutboxMessage

logger = logging.getLogger(__name__)

# What publishing raises when the broker cannot be reached: kombu wraps the transport's
# errors in its OperationalError; a refused or reset socket may come through as an OSError.
BROKER_ERRORS = (BrokerOperationalError, ConnectionError, OSError, TimeoutError)


def send_on_commit(task, *args) -> None:
    """Queue ``task(*args)`` once the current transaction commits; if the broker is away, keep it in the outbox."""
    transaction.on_commit(partial(send, task.name, list(args)))


def send(task_name: str, args: list) -> bool:
    """Hand one task to the broker now; True if it went, False if it was kept in the outbox."""
    try:
        _task(task_name).apply_async(args=args)
    except BROKER_ERRORS as error:
        logger.warning("Broker away, %s%s kept in the outbox: %r", task_name, tuple(args), error)
        OutboxMessage.objects.create(task=task_name, args=args, last_error=_describe(error))
        return False
    return True


def drain(*, limit: int = 500) -> int:
    """Send what waits in the outbox, oldest first; the number sent. Stops at the first broker error."""
    sent = 0
    for message in OutboxMessage.objects.order_by("created_at", "pk")[:limit]:
        # Claim the row first, so two drains running at once never send a message twice.
        if not OutboxMessage.objects.filter(pk=message.pk).delete()[0]:
            continue
        try:
            _task(message.task).apply_async(args=message.args)
        except BROKER_ERRORS as error:
            _put_back(message, error)
            logger.warning("Broker still away, %s messages wait in the outbox", waiting())
            break
        except Exception as error:
            # A task that is not known (any more) or cannot be sent stays visible to staff, not lost.
            _put_back(message, error)
            logger.exception("Outbox message %s%s could not be sent", message.task, tuple(message.args))
            continue
        sent += 1
    return sent


def _put_back(message: OutboxMessage, error: BaseException) -> None:
    OutboxMessage.objects.create(
        task=message.task,
        args=message.args,
        attempts=message.attempts + 1,
        last_error=_describe(error),
        created_at=message.created_at,
    )


def waiting() -> int:
    """How many messages wait for the broker."""
    return OutboxMessage.objects.count()


def _task(name: str):
    app = current_app._get_current_object()
    if name not in app.tasks:
        app.loader.import_default_modules()
    return app.tasks[name]


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:1000]
