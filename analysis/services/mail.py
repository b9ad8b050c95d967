"""Notifications of the advisory board's dashboards: the board reads them, staff see they went out."""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from analysis.display.format import dashboard_title
from analysis.models import Dashboard
from core import roles
from core.models import Notification
from core.notifications import notify, users_with_role


def dashboard_published_mail_send(*, dashboard_id: int) -> int:
    """Tell the board and staff that a dashboard was published, each as they chose; the board's e-mail is one
    message each, so no one sees other addresses.

    Returns the number of notifications; a dashboard that is gone or not published tells no one.
    """
    dashboard = Dashboard.objects.filter(pk=dashboard_id, status=Dashboard.Status.PUBLISHED).first()
    if dashboard is None:
        return 0
    recipients = users_with_role(roles.BOARD) + users_with_role(roles.STAFF)
    created = notify(
        kind=Notification.Kind.DASHBOARD_PUBLISHED,
        recipients=recipients,
        params={"year": dashboard.year, "half": dashboard.half, "version": dashboard.version},
        url=dashboard.get_absolute_url(),
        key=f"dashboard-published:{dashboard.pk}",
        actor=dashboard.published_by,
        mail=lambda users: _mail(dashboard, users),
    )
    return len(created)


def _mail(dashboard: Dashboard, users: list) -> int:
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
                body=render_to_string(
                    "emails/dashboards/published_body.txt",
                    {**context, "recipient": user, "is_board": roles.is_board_member(user)},
                ),
                to=[user.email],
            )
            for user in users
            if user.email
        ]
    with get_connection() as connection:
        return connection.send_messages(messages) or 0
