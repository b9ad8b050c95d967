"""Background jobs for reporting. Thin: load by id, call a service."""

from celery import shared_task
from django.utils import timezone

from interventions.models import Report, ReportComment
from interventions.services import report_mail


@shared_task
def send_report_reminders() -> int:
    """Daily (see CELERY_BEAT_SCHEDULE): reminders 14 and 3 days before a deadline, and once when overdue."""
    return len(report_mail.send_reminders(on=timezone.localdate()))


@shared_task
def notify_staff_of_submission(report_id: int) -> int:
    report = Report.objects.select_related("municipality", "period", "submitted_by").filter(pk=report_id).first()
    return report_mail.notify_staff_of_submission(report=report) if report else 0


@shared_task
def notify_municipality_of_review(report_id: int) -> int:
    report = Report.objects.select_related("municipality", "period", "reviewed_by").filter(pk=report_id).first()
    return report_mail.notify_municipality_of_review(report=report) if report else 0


@shared_task
def notify_of_comment(comment_id: int) -> int:
    comment = ReportComment.objects.select_related("report__municipality", "report__period").filter(pk=comment_id)
    found = comment.first()
    return report_mail.notify_of_comment(comment=found) if found else 0
