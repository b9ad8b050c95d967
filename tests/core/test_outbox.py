"""The outbox keeps what the broker could not take, and gives it to the broker later, nothing lost or doubled."""

import pytest
from kombu.exceptions import OperationalError

from core import outbox
from core.models import OutboxMessage
from interventions.tasks import notify_staff_of_submission

pytestmark = pytest.mark.django_db


def _broker_refuses(*_args, **_kwargs):
    raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


def test_a_task_the_broker_refuses_is_kept_with_the_reason(monkeypatch):
    monkeypatch.setattr(notify_staff_of_submission, "apply_async", _broker_refuses)
    assert outbox.send(notify_staff_of_submission.name, [7]) is False
    kept = OutboxMessage.objects.get()
    assert (kept.task, kept.args, kept.attempts) == ("interventions.tasks.notify_staff_of_submission", [7], 1)
    assert "Connection refused" in kept.last_error


def test_draining_while_the_broker_is_still_away_keeps_every_message_in_its_order(monkeypatch):
    first = OutboxMessage.objects.create(task=notify_staff_of_submission.name, args=[1])
    OutboxMessage.objects.create(task=notify_staff_of_submission.name, args=[2])
    monkeypatch.setattr(notify_staff_of_submission, "apply_async", _broker_refuses)
    assert outbox.drain() == 0
    assert list(OutboxMessage.objects.values_list("args", "attempts")) == [([1], 2), ([2], 1)]
    assert OutboxMessage.objects.first().created_at == first.created_at


def test_a_message_for_an_unknown_task_stays_and_the_rest_is_sent(monkeypatch):
    sent = []
    monkeypatch.setattr(notify_staff_of_submission, "apply_async", lambda args: sent.append(args))
    OutboxMessage.objects.create(task="gone.task", args=[1])
    OutboxMessage.objects.create(task=notify_staff_of_submission.name, args=[2])
    assert outbox.drain() == 1
    assert sent == [[2]]
    assert list(OutboxMessage.objects.values_list("task", "attempts")) == [("gone.task", 2)]
    assert outbox.waiting() == 1
