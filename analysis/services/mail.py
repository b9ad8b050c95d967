"""E-mail to the advisory board."""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from analysis.display.format import dashboard_title
from analysis.models import Dashboard
from analysis.selectors.dashboards import board_recipients


def dashboard_published_mail_send(*, dashboard_id: int) -> int:
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
            "url": settings.SITE_URL + dashboard.get_absolute_url(),
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
