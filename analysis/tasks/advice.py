"""Celery tasks of the board's advice: thin, taking ids; each calls one service."""

from celery import shared_task

from analysis.services import advice_notices


@shared_task(name="analysis.notify_advice_given")
def notify_advice_given(advice_id: int) -> int:
    """Tell staff that the board gave advice; the number of notifications."""
    return advice_notices.advice_given_notify(advice_id=advice_id)


@shared_task(name="analysis.notify_advice_message")
def notify_advice_message(message_id: int) -> int:
    """Tell the other side of an advice's conversation about a new message; the number of notifications."""
    return advice_notices.advice_message_notify(message_id=message_id)
