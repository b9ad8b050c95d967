"""Pages of a user's own notifications: the list, opening or marking one read, and how to receive each kind."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from core import notifications
from core.access import READ_WRITE, gate, submitted, visible_or_404
from core.models import Notification
from interventions.selectors.reports import reports_awaiting_review
from portal.forms import NotificationPreferencesForm

PAGE_SIZE = 25


def _own_notification(request: HttpRequest, pk: int) -> Notification:
    """One of the user's own notifications; anyone else's is a 404, as for one that does not exist."""
    return visible_or_404(notifications.notifications_for(user=request.user), pk=pk)


@gate()
def notification_list(request: HttpRequest) -> HttpResponse:
    """The user's notifications, newest first; unread ones marked, and what waits for staff."""
    page = Paginator(notifications.notifications_for(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/notifications/list.html",
        {
            "page_obj": page,
            "unread": notifications.unread_count(request),
            "awaiting_review": reports_awaiting_review(user=request.user),
            "breadcrumbs": [(_("Meldingen"), None)],
        },
    )


@gate(load=_own_notification)
def notification_open(request: HttpRequest, notification: Notification) -> HttpResponse:
    """Go to what a notification is about; it counts as read from then on."""
    notifications.mark_read(user=request.user, notification=notification)
    target = notification.url
    if not target or not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("notification_list")
    return redirect(target)


@gate(methods=("POST",), load=_own_notification)
def notification_read(request: HttpRequest, notification: Notification) -> HttpResponse:
    notifications.mark_read(user=request.user, notification=notification)
    messages.success(request, _("De melding is als gelezen gemarkeerd."))
    return redirect("notification_list")


@gate(methods=("POST",))
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = notifications.mark_all_read(user=request.user)
    if count:
        messages.success(request, _("Alle meldingen zijn als gelezen gemarkeerd."))
    return redirect("notification_list")


@gate(methods=READ_WRITE)
def notification_preferences(request: HttpRequest) -> HttpResponse:
    """Per kind: in the portal only, also by e-mail at once, or also in a weekly digest."""
    kinds = notifications.kinds_for(request.user)
    form = NotificationPreferencesForm(
        submitted(request),
        kinds=kinds,
        initial=notifications.preferences_for(request.user),  # type: ignore[arg-type]
    )
    if request.method == "POST" and form.is_valid():
        notifications.preferences_save(user=request.user, choices=form.cleaned_data)  # type: ignore[arg-type]
        messages.success(request, _("Uw keuzes voor meldingen zijn opgeslagen."))
        return redirect("notification_preferences")
    return render(
        request,
        "portal/notifications/preferences.html",
        {
            "form": form,
            "has_email": bool(request.user.email),  # type: ignore[union-attr]
            "breadcrumbs": [(_("Meldingen"), reverse("notification_list")), (_("Instellingen"), None)],
        },
        status=400 if request.method == "POST" and not form.is_valid() else 200,
    )
