"""Notifications about reports: reminders before and after a deadline, and notices when a report changes hands.

Each goes through core.notifications.notify, which records it in the portal and sends the
e-mail below to those who chose e-mail for its kind.

Mail is always Dutch (the portal's default language); users have no language
preference stored. Without EMAIL_URL it goes to the console.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core import roles
from core.models import Notification
from core.notifications import notify, users_with_role
from interventions.models import ReminderLog, Report, ReportComment, ReportingPeriod
from interventions.selectors.reports import OUTSTANDING_STATUSES, expected_municipalities, period_is_open
from municipalities.models import Membership, Municipality

logger = logging.getLogger(__name__)

# An overdue reminder goes out once, and only for deadlines this recent: switching the
# task on must not mail municipalities about half-years long past.
OVERDUE_WINDOW_DAYS = 30


def reminder_kind(period: ReportingPeriod, *, on: datetime.date) -> str | None:
    """Which reminder is due for this period today, if any.

    Windows rather than exact days, so a day on which the task did not run is
    caught up the next day; ReminderLog makes sure each kind goes out once.
    """
    days_left = (period.deadline - on).days
    if days_left < 0:
        if -days_left > OVERDUE_WINDOW_DAYS or (period.closes_on and on > period.closes_on):
            return None
        return ReminderLog.Kind.OVERDUE
    if not period_is_open(period, on=on):
        return None
    if days_left <= 3:
        return ReminderLog.Kind.DAYS_3
    if days_left <= 14:
        return ReminderLog.Kind.DAYS_14
    return None


def send_reminders(*, on: datetime.date) -> list[ReminderLog]:
    """Remind every municipality that still owes a report; each reminder at most once, even with two runs."""
    sent = []
    periods = ReportingPeriod.objects.filter(
        deadline__gte=on - datetime.timedelta(days=OVERDUE_WINDOW_DAYS), deadline__lte=on + datetime.timedelta(days=14)
    )
    for period in periods:
        kind = reminder_kind(period, on=on)
        if kind is None:
            continue
        handed_in = Report.objects.filter(period=period).exclude(status__in=OUTSTANDING_STATUSES)
        owing = list(
            expected_municipalities(year=period.year)
            .exclude(pk__in=handed_in.values("municipality_id"))
            .order_by("name")
        )
        recipients = _municipality_users([m.pk for m in owing])
        reports = {r.municipality_id: r for r in Report.objects.filter(period=period, municipality__in=owing)}
        for municipality in owing:
            log = _send_reminder_once(
                municipality=municipality,
                period=period,
                kind=kind,
                report=reports.get(municipality.pk),
                to=recipients.get(municipality.pk, []),
                on=on,
            )
            if log:
                sent.append(log)
    return sent


def _send_reminder_once(
    *,
    municipality: Municipality,
    period: ReportingPeriod,
    kind: str,
    report: Report | None,
    to: list,
    on: datetime.date,
) -> ReminderLog | None:
    # Claim the reminder first, in its own transaction: a second run (even one running at
    # the same moment) hits the unique constraint and skips, so nobody gets it twice.
    try:
        with transaction.atomic():
            log = ReminderLog.objects.create(
                municipality=municipality, period=period, kind=kind, recipients=len(_addresses(to))
            )
    except IntegrityError:
        return None
    context = {
        "municipality": municipality,
        "period": period,
        "kind": kind,
        "report": report,
        "days_left": (period.deadline - on).days,
        "days_late": (on - period.deadline).days,
        "url": settings.SITE_URL + reverse("interventions:workspace"),
    }
    try:
        notify(
            kind=Notification.Kind.REPORT_REMINDER,
            recipients=to,
            params={**_period_params(period), "municipality": municipality.name, "reminder": kind},
            url=reverse("interventions:workspace"),
            key=f"report-reminder:{period.pk}:{municipality.pk}:{kind}",
            mail=lambda users: _send(f"emails/reports/reminder_{kind}", context, _addresses(users)),
        )
    except Exception:
        # Give the reminder back so the next run tries again (notify rolled its own rows back).
        log.delete()
        logger.exception("Reminder %s for %s %s could not be sent", kind, municipality.cbs_code, period)
        return None
    return log


def notify_staff_of_submission(*, report: Report) -> int:
    """Tell programme staff a report is waiting for review (each as they chose). The number of notifications."""
    context = {
        "report": report,
        "url": settings.SITE_URL + reverse("interventions:report_review", args=[report.pk]),
    }
    stamp = report.submitted_at.isoformat() if report.submitted_at else ""
    created = notify(
        kind=Notification.Kind.REPORT_SUBMITTED,
        recipients=users_with_role(roles.STAFF),
        params={**_period_params(report.period), "municipality": report.municipality.name},
        url=reverse("interventions:report_review", args=[report.pk]),
        key=f"report-submitted:{report.pk}:{stamp}",
        mail=lambda users: _send("emails/reports/submitted", context, _addresses(users)),
    )
    return len(created)


def notify_municipality_of_review(*, report: Report) -> int:
    """Tell the municipality its report was accepted, returned or reopened. The number of notifications."""
    context = {
        "report": report,
        "url": settings.SITE_URL + report.get_absolute_url(),
    }
    # The review step is the reason of the report's latest history entry (see services.reports).
    latest = report.history.order_by("-history_date", "-history_id").first()
    status = latest.history_change_reason if latest is not None else ""
    if status not in ("accepted", "returned", "reopened"):
        status = "accepted" if report.status == Report.Status.ACCEPTED else "returned"
    stamp = report.reviewed_at.isoformat() if report.reviewed_at else ""
    created = notify(
        kind=Notification.Kind.REPORT_REVIEWED,
        recipients=_municipality_users([report.municipality_id]).get(report.municipality_id, []),
        params={**_period_params(report.period), "municipality": report.municipality.name, "status": status},
        url=report.get_absolute_url(),
        key=f"report-reviewed:{report.pk}:{status}:{stamp}",
        mail=lambda users: _send("emails/reports/reviewed", context, _addresses(users)),
    )
    return len(created)


def notify_of_comment(*, comment: ReportComment) -> int:
    """Tell the other side of a report's thread that a comment was placed. The number of notifications.

    A staff remark goes to the municipality's users; a municipality's reply to the staff who
    commented on the report before, or to all staff when none did.
    """
    report = comment.report
    anchor = f"#item-{comment.intervention_id}-comments" if comment.intervention_id else ""
    if comment.kind == ReportComment.Kind.REPLY:
        commenters = set(
            report.comments.exclude(kind=ReportComment.Kind.REPLY)
            .exclude(author=None)
            .values_list("author_id", flat=True)
        )
        staff = list(users_with_role(roles.STAFF))
        recipients = [user for user in staff if user.pk in commenters] or staff
        side, url = "municipality", reverse("interventions:report_review", args=[report.pk])
    else:
        recipients = _municipality_users([report.municipality_id]).get(report.municipality_id, [])
        side, url = "programme", report.get_absolute_url()
    created = notify(
        kind=Notification.Kind.REPORT_COMMENT,
        recipients=recipients,
        params={**_period_params(report.period), "municipality": report.municipality.name, "side": side},
        url=url + anchor,
        key=f"report-comment:{comment.pk}",
        actor=comment.author,
    )
    return len(created)


def _period_params(period: ReportingPeriod) -> dict:
    return {"year": period.year, "half": period.half, "deadline": period.deadline.isoformat()}


def _addresses(users: list) -> list[str]:
    return [user.email for user in users if user.email]


def _municipality_users(municipality_ids: list[int]) -> dict[int, list]:
    recipients: dict[int, list] = {}
    memberships = (
        Membership.objects.filter(municipality_id__in=municipality_ids, user__is_active=True)
        .select_related("user")
        .order_by("user__email", "user_id")
    )
    for membership in memberships:
        assert membership.municipality_id is not None  # the filter above selects only municipalities' members
        users = recipients.setdefault(membership.municipality_id, [])
        if membership.user not in users:
            users.append(membership.user)
    return recipients


def _send(template: str, context: dict, to: list[str]) -> int:
    """One message per recipient, so colleagues' addresses are not shared."""
    if not to:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    messages = [EmailMessage(subject=subject, body=body, to=[address]) for address in to]
    return get_connection().send_messages(messages) or 0
