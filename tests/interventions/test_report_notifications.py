"""Reports notify through core.notifications: staff when one is handed in, the municipality when it is reviewed,
and reminders before and after the deadline, each once, in the portal and as each user chose."""

import datetime

import pytest
from django.core import mail

from core.models import Notification, NotificationPreference
from interventions.services import report_mail
from interventions.services import reports as services
from tests.factories import make_user
from tests.interventions.reporting import submitted_report

pytestmark = pytest.mark.django_db

Kind = Notification.Kind


def _of(user, kind) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, kind=kind))


def test_staff_are_told_in_the_portal_that_a_report_waits_and_by_email_as_they_chose(
    world, users, django_capture_on_commit_callbacks
):
    anna = make_user("anna", role="staff")
    NotificationPreference.objects.create(user=anna, kind=Kind.REPORT_SUBMITTED, delivery="portal")
    with django_capture_on_commit_callbacks(execute=True):
        report = submitted_report(world, users["bob"])
    (for_alice,) = _of(users["alice"], Kind.REPORT_SUBMITTED)
    (for_anna,) = _of(anna, Kind.REPORT_SUBMITTED)
    assert for_alice.url == f"/verslagen/{report.pk}/beoordelen/"
    assert "Rotterdam" in for_alice.message and "wacht op uw beoordeling" in for_alice.message
    assert for_alice.mailed_at is not None and for_anna.mailed_at is None
    assert [m.to for m in mail.outbox] == [["alice@example.nl"]]
    # Municipality users and the board hear nothing of it.
    assert Notification.objects.filter(kind=Kind.REPORT_SUBMITTED).count() == 2


@pytest.mark.parametrize(
    ("review", "status", "says"), [("return", "returned", "teruggestuurd"), ("accept", "accepted", "goedgekeurd")]
)
def test_the_municipality_of_the_report_hears_it_was_reviewed_and_no_other(
    world, users, django_capture_on_commit_callbacks, review, status, says
):
    make_user("bram", role="municipality", cbs_code="GM0599")
    report = submitted_report(world, users["bob"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        if review == "return":
            services.report_return(report=report, by=users["alice"], comment="Vul de uitgaven aan.")
        else:
            services.report_accept(report=report, by=users["alice"])
    told = Notification.objects.filter(kind=Kind.REPORT_REVIEWED)
    assert sorted(n.recipient.username for n in told) == ["bob", "bram"]
    assert all(n.params["status"] == status and says in n.message for n in told)
    assert sorted(m.to[0] for m in mail.outbox) == ["bob@example.nl", "bram@example.nl"]
    assert not _of(users["carol"], Kind.REPORT_REVIEWED)


def test_a_reopened_report_says_so(world, users, django_capture_on_commit_callbacks):
    report = submitted_report(world, users["bob"])
    report = services.report_accept(report=report, by=users["alice"])
    with django_capture_on_commit_callbacks(execute=True):
        services.report_reopen(report=report, by=users["alice"], reason="Een bedrag klopt niet.")
    latest = Notification.objects.filter(recipient=users["bob"], kind=Kind.REPORT_REVIEWED).latest("pk")
    assert latest.params["status"] == "reopened"
    assert "heropend" in latest.message


def test_reminders_are_notifications_too_and_go_out_once_each(world, users):
    fourteen = world.period.deadline - datetime.timedelta(days=14)
    report_mail.send_reminders(on=fourteen)
    report_mail.send_reminders(on=fourteen + datetime.timedelta(days=1))
    late = world.period.deadline + datetime.timedelta(days=1)
    report_mail.send_reminders(on=late)
    report_mail.send_reminders(on=late + datetime.timedelta(days=2))
    reminders = Notification.objects.filter(recipient=users["bob"], kind=Kind.REPORT_REMINDER).order_by("pk")
    assert [n.params["reminder"] for n in reminders] == ["days_14", "overdue"]
    assert "te laat" in reminders[1].message
    assert sorted(m.to[0] for m in mail.outbox if "te laat" in m.subject) == ["bob@example.nl", "carol@example.nl"]
    assert len([m for m in mail.outbox if m.to == ["bob@example.nl"]]) == 2


def test_a_municipality_user_who_chose_the_digest_gets_no_reminder_email_now(world, users):
    NotificationPreference.objects.create(user=users["bob"], kind=Kind.REPORT_REMINDER, delivery="digest")
    report_mail.send_reminders(on=world.period.deadline - datetime.timedelta(days=3))
    assert [m.to for m in mail.outbox] == [["carol@example.nl"]]
    (waiting,) = _of(users["bob"], Kind.REPORT_REMINDER)
    assert waiting.delivery == "digest" and waiting.mailed_at is None


def test_a_staff_comment_on_a_row_is_told_to_the_municipality_and_its_reply_to_that_staff_member(
    world, users, django_capture_on_commit_callbacks
):
    from interventions.services.report_comments import report_comment_add

    anna = make_user("anna", role="staff")
    report = submitted_report(world, users["bob"])
    with django_capture_on_commit_callbacks(execute=True):
        report_comment_add(
            report=report,
            by=users["alice"],
            text="Was dit het hele halfjaar?",
            intervention_id=world.rotterdam_intervention.pk,
        )
    (told,) = Notification.objects.filter(kind=Kind.REPORT_COMMENT)
    assert told.recipient == users["bob"]
    assert told.url == f"/verslagen/{report.pk}/#item-{world.rotterdam_intervention.pk}-comments"
    assert "opmerking geplaatst bij uw verslag" in told.message

    with django_capture_on_commit_callbacks(execute=True):
        report_comment_add(report=report, by=users["bob"], text="Ja, van januari tot juni.")
    replies = Notification.objects.filter(kind=Kind.REPORT_COMMENT).exclude(pk=told.pk)
    # Only the staff member who commented hears of the reply, not every colleague.
    assert [n.recipient for n in replies] == [users["alice"]]
    assert not _of(anna, Kind.REPORT_COMMENT)
    assert "Rotterdam heeft gereageerd" in replies[0].message
    assert replies[0].url == f"/verslagen/{report.pk}/beoordelen/"


def test_a_reply_nobody_on_the_staff_asked_for_goes_to_all_staff(world, users, django_capture_on_commit_callbacks):
    from interventions.services.report_comments import report_comment_add

    anna = make_user("anna", role="staff")
    report = submitted_report(world, users["bob"])
    with django_capture_on_commit_callbacks(execute=True):
        report_comment_add(report=report, by=users["bob"], text="Een vraag over de uitgaven.")
    told = sorted(n.recipient.username for n in Notification.objects.filter(kind=Kind.REPORT_COMMENT))
    assert told == sorted(["alice", anna.username])
