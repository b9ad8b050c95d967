"""Reminders before and after a deadline: each one once, even when the task runs twice at the same time."""

import datetime
from unittest import mock

import pytest
from django.conf import settings
from django.core import mail

from interventions import tasks
from interventions.models import ReminderLog
from interventions.services import report_mail
from municipalities.models import Municipality
from tests.factories import make_user
from tests.interventions.reporting import (
    fill_report,
    start_report,
    submitted_report,
)

pytestmark = pytest.mark.django_db


def _on(world, days_before_deadline: int) -> datetime.date:
    return world.period.deadline - datetime.timedelta(days=days_before_deadline)


def _recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


@pytest.mark.parametrize(
    ("days_before", "kind", "subject"),
    [
        (14, ReminderLog.Kind.DAYS_14, "over twee weken"),
        (10, ReminderLog.Kind.DAYS_14, "over twee weken"),
        (3, ReminderLog.Kind.DAYS_3, "over drie dagen"),
        (0, ReminderLog.Kind.DAYS_3, "over drie dagen"),
        (-1, ReminderLog.Kind.OVERDUE, "te laat"),
    ],
)
def test_municipalities_that_owe_a_report_get_the_reminder_that_is_due(world, users, days_before, kind, subject):
    sent = report_mail.send_reminders(on=_on(world, days_before))
    assert sorted((log.municipality.cbs_code, log.kind) for log in sent) == [("GM0344", kind), ("GM0599", kind)]
    assert _recipients() == ["bob@example.nl", "carol@example.nl"]
    assert all(subject in message.subject for message in mail.outbox)
    assert all("/mijn-gemeente/" in message.body for message in mail.outbox)


def test_nothing_is_sent_more_than_two_weeks_before_the_deadline(world, users):
    assert report_mail.send_reminders(on=_on(world, 15)) == []
    assert mail.outbox == []


def test_each_reminder_goes_out_once_even_when_the_task_runs_twice(world, users):
    on = _on(world, 3)
    assert len(report_mail.send_reminders(on=on)) == 2
    assert report_mail.send_reminders(on=on) == []
    assert report_mail.send_reminders(on=on + datetime.timedelta(days=1)) == []
    assert len(mail.outbox) == 2
    assert ReminderLog.objects.filter(kind=ReminderLog.Kind.DAYS_3).count() == 2


def test_a_second_run_while_the_first_is_still_sending_sends_nothing(world, users):
    """The first run claims each reminder (unique constraint) before it sends, so a run that
    starts in the middle of the first one finds every reminder already taken."""
    on = _on(world, 14)
    second_run = []
    started = []
    real_send = report_mail._send

    def send_and_start_another_run(*args, **kwargs):
        if not started:
            started.append(True)
            second_run.append(report_mail.send_reminders(on=on))
        return real_send(*args, **kwargs)

    with mock.patch.object(report_mail, "_send", side_effect=send_and_start_another_run):
        first_run = report_mail.send_reminders(on=on)
    # The second run took what the first had not claimed yet; together, each reminder once.
    claimed = [log.municipality.cbs_code for log in [*first_run, *second_run[0]]]
    assert sorted(claimed) == ["GM0344", "GM0599"]
    assert _recipients() == ["bob@example.nl", "carol@example.nl"]
    assert ReminderLog.objects.count() == 2


def test_a_report_that_is_handed_in_gets_no_reminder_but_a_draft_or_returned_one_does(world, users):
    submitted_report(world, users["bob"])
    fill_report(start_report(world, users["carol"], world.utrecht), users["carol"])
    report_mail.send_reminders(on=_on(world, 3))
    assert _recipients() == ["carol@example.nl"]


def test_municipalities_without_a_grant_are_not_reminded(world, users):
    make_user("gijs", role="municipality", cbs_code="GM0014")  # Groningen: no grant in this test
    report_mail.send_reminders(on=_on(world, 3))
    assert "gijs@example.nl" not in _recipients()


def test_every_colleague_of_the_municipality_gets_their_own_message(world, users):
    make_user("bea", role="municipality", cbs_code="GM0599")
    report_mail.send_reminders(on=_on(world, 14))
    rotterdam = [m.to for m in mail.outbox if "Rotterdam" in m.body]
    assert rotterdam == [["bea@example.nl"], ["bob@example.nl"]]


def test_overdue_reminders_are_not_sent_for_deadlines_long_past(world, users):
    assert report_mail.send_reminders(on=world.period.deadline + datetime.timedelta(days=45)) == []


def test_a_reminder_that_could_not_be_sent_is_tried_again_next_time(world, users):
    on = _on(world, 3)
    with mock.patch.object(report_mail, "_send", side_effect=ConnectionRefusedError):
        assert report_mail.send_reminders(on=on) == []
    assert not ReminderLog.objects.exists()
    assert len(report_mail.send_reminders(on=on)) == 2


def test_a_municipality_without_users_is_logged_with_no_recipients(world, users):
    Municipality.objects.get(cbs_code="GM0344").memberships.all().delete()
    sent = report_mail.send_reminders(on=_on(world, 3))
    assert {(log.municipality.cbs_code, log.recipients) for log in sent} == {("GM0344", 0), ("GM0599", 1)}


def test_the_periodic_task_is_scheduled_daily_and_runs(world, users, monkeypatch):
    entry = settings.CELERY_BEAT_SCHEDULE["report-reminders"]
    assert entry["task"] == "interventions.tasks.send_report_reminders"
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: _on(world, 3))
    assert tasks.send_report_reminders.apply().get() == 2


def test_staff_and_the_municipality_are_told_about_review_steps(world, users):
    report = submitted_report(world, users["bob"])
    assert tasks.notify_staff_of_submission.apply(args=[report.pk]).get() == 1
    assert mail.outbox[-1].to == ["alice@example.nl"]
    from interventions.services import reports as services

    report = services.report_return(report=report, by=users["alice"], comment="Graag aanvullen")
    assert tasks.notify_municipality_of_review.apply(args=[report.pk]).get() == 1
    assert mail.outbox[-1].to == ["bob@example.nl"]
    assert "Graag aanvullen" in mail.outbox[-1].body
    assert tasks.notify_staff_of_submission.apply(args=[999999]).get() == 0
