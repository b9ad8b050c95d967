"""Celery tasks of the advisory board's dashboards: thin, taking ids."""

from celery import shared_task
from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from analysis.dashboards import dashboard_title
from analysis.models import Dashboard
from core import roles


def board_recipients() -> list[User]:
    """Active members of the advisory board with an e-mail address."""
    return list(
        User.objects.filter(is_active=True, groups__name=roles.BOARD).exclude(email="").distinct().order_by("username")
    )


@shared_task(name="analysis.mail_dashboard_published")
def mail_dashboard_published(dashboard_id: int) -> int:
    """Tell every board member that a dashboard was published; one message each, so no one sees other addresses.

    Returns the number of messages sent; a dashboard that is gone or not published sends nothing.
    """
    dashboard = Dashboard.objects.filter(pk=dashboard_id, status=Dashboard.Status.PUBLISHED).first()
    if dashboard is None:
        return 0
    recipients = board_recipients()
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "dashboard": dashboard,
            "title": dashboard_title(dashboard),
            "url": settings.SITE_URL + reverse("analysis:dashboard_detail", args=[dashboard.pk]),
            "advice_url": settings.SITE_URL + reverse("analysis:advice_create") + f"?dashboard={dashboard.pk}",
        }
        subject = render_to_string("emails/dashboards/published_subject.txt", context).strip()
        messages = [
            EmailMessage(
                subject=subject,
                body=render_to_string("emails/dashboards/published_body.txt", {**context, "recipient": user}),
                to=[user.email],
            )
            for user in recipients
        ]
    with get_connection() as connection:
        return connection.send_messages(messages) or 0
