"""Notifications: the one way the portal tells a user something happened.

Every notification goes through ``notify``: it writes one row per recipient (shown in
their notification list, with an unread count in the header) and, per the recipient's
preference for that kind, e-mails it at once, keeps it for the weekly digest, or leaves
it in the portal only. A key makes a notification once-only per recipient, so a task
that runs twice (or a reminder rule that fires every day) never tells anyone twice.

``notify`` is called from Celery tasks (queued through ``core.outbox``, so a broker that is
away delays the message but never loses it or breaks the change that caused it) and
from services inside a transaction; the e-mail it sends is part of that work, and a
failing mail server rolls the rows back so the next run tries again.
"""

import datetime
import logging
from collections.abc import Callable, Iterable, Sequence

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.auth.models import User as Account
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from core import roles
from core.halves import half_year_name
from core.models import Notification, NotificationPreference

logger = logging.getLogger(__name__)

Kind = Notification.Kind
Delivery = Notification.Delivery
Mailer = Callable[[list[Account]], int]

# Which kinds each role can receive, in the order the preferences page lists them.
KINDS_BY_ROLE: dict[str, tuple[str, ...]] = {
    roles.STAFF: (
        Kind.REPORT_SUBMITTED,
        Kind.REPORT_COMMENT,
        Kind.ADVICE_GIVEN,
        Kind.ADVICE_REPLY,
        Kind.DASHBOARD_PUBLISHED,
    ),
    roles.MUNICIPALITY: (Kind.REPORT_REVIEWED, Kind.REPORT_COMMENT, Kind.REPORT_REMINDER),
    roles.BOARD: (Kind.DASHBOARD_PUBLISHED, Kind.ADVICE_ANSWERED),
}

# Without a chosen preference: e-mail at once, as the portal did before notifications existed;
# staff publish the dashboards themselves, so for them the portal is enough.
_DEFAULT_DELIVERY = Delivery.EMAIL
_DEFAULT_BY_ROLE: dict[tuple[str, str], str] = {(roles.STAFF, Kind.DASHBOARD_PUBLISHED): Delivery.PORTAL}


def default_delivery(*, role: str | None, kind: str) -> str:
    return _DEFAULT_BY_ROLE.get((role or "", kind), _DEFAULT_DELIVERY)


def message_of(kind: str, params: dict) -> str:
    """The sentence of a notification, in the current language, from the plain data kept with it."""
    values = dict(params)
    if "year" in values and "half" in values:
        values["period"] = half_year_name(values["year"], values["half"])
    if "deadline" in values:
        values["deadline"] = date_format(datetime.date.fromisoformat(values["deadline"]), "j F Y")
    texts: dict[str, str] = {
        Kind.REPORT_SUBMITTED: gettext("Het verslag van %(municipality)s over het %(period)s wacht op uw beoordeling."),
        Kind.DASHBOARD_PUBLISHED: gettext("Het dashboard over het %(period)s is gepubliceerd."),
        Kind.ADVICE_GIVEN: gettext("Nieuw advies van de klankbordgroep: „%(subject)s”."),
        Kind.ADVICE_ANSWERED: gettext("Het programma heeft gereageerd op het advies „%(subject)s”."),
        Kind.ADVICE_REPLY: gettext("De klankbordgroep heeft gereageerd op uw antwoord bij het advies „%(subject)s”."),
    }
    if kind == Kind.REPORT_REVIEWED:
        texts[kind] = {
            "accepted": gettext("Uw verslag over het %(period)s is goedgekeurd."),
            "reopened": gettext("Uw verslag over het %(period)s is heropend: u kunt het weer aanpassen."),
        }.get(values.get("status", ""), gettext("Uw verslag over het %(period)s is teruggestuurd: pas het aan."))
    elif kind == Kind.REPORT_COMMENT:
        if values.get("side") == "municipality":
            texts[kind] = gettext("%(municipality)s heeft gereageerd bij het verslag over het %(period)s.")
        else:
            texts[kind] = gettext("De programmastaf heeft een opmerking geplaatst bij uw verslag over het %(period)s.")
    elif kind == Kind.REPORT_REMINDER:
        if values.get("reminder") == "overdue":
            texts[kind] = gettext(
                "Het verslag van %(municipality)s over het %(period)s is te laat: de deadline was %(deadline)s."
            )
        else:
            texts[kind] = gettext(
                "Het verslag van %(municipality)s over het %(period)s moet uiterlijk %(deadline)s zijn ingediend."
            )
    try:
        return texts[kind] % values
    except (KeyError, TypeError, ValueError):
        # A notification kept from an older version of the texts still says what kind it is.
        return str(Kind(kind).label) if kind in Kind.values else kind


# ---------------------------------------------------------------------------
# Writes


def notify(
    *,
    kind: str,
    recipients: Iterable[Account],
    params: dict,
    url: str = "",
    key: str = "",
    actor: AbstractBaseUser | None = None,
    mail: Mailer | None = None,
) -> list[Notification]:
    """Tell each recipient (not the actor) once; e-mail those who want it at once. The new notifications.

    ``params`` are the plain values the sentence needs (kept, so it reads in each user's
    language); ``key`` makes it once-only per recipient. ``mail(users)`` sends the kind's own
    e-mail to the users who chose e-mail; without it a plain notification e-mail is sent.
    """
    if kind not in Kind.values:
        raise ValueError(f"Unknown notification kind {kind!r}")
    wanted = {user.pk: user for user in recipients if user.is_active and user.pk != getattr(actor, "pk", None)}
    if not wanted:
        return []
    with transaction.atomic():
        if key:
            already = set(
                Notification.objects.filter(key=key, recipient_id__in=wanted).values_list("recipient_id", flat=True)
            )
            wanted = {pk: user for pk, user in wanted.items() if pk not in already}
        deliveries = _deliveries(users=list(wanted.values()), kind=kind)
        now = timezone.now()
        created = Notification.objects.bulk_create(
            [
                Notification(
                    recipient=user,
                    kind=kind,
                    params=params,
                    url=url,
                    key=key,
                    created_at=now,
                    delivery=deliveries[user.pk],
                )
                for user in wanted.values()
            ]
        )
        by_mail = [n for n in created if n.delivery == Delivery.EMAIL and n.recipient.email]
        if by_mail:
            if mail is not None:
                mail([n.recipient for n in by_mail])
            else:
                _mail_each(by_mail)
            Notification.objects.filter(pk__in=[n.pk for n in by_mail]).update(mailed_at=timezone.now())
    return created


def _deliveries(*, users: Sequence[Account], kind: str) -> dict[int, str]:
    chosen = dict(NotificationPreference.objects.filter(user__in=users, kind=kind).values_list("user_id", "delivery"))
    return {user.pk: chosen.get(user.pk) or default_delivery(role=roles.role_of(user), kind=kind) for user in users}


def mark_read(*, user: AbstractBaseUser | AnonymousUser, notification: Notification) -> Notification:
    """Mark one of the user's own notifications as read."""
    if notification.recipient_id != user.pk:
        raise PermissionError("Not the recipient")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)
    return notification


def mark_all_read(*, user: AbstractBaseUser | AnonymousUser) -> int:
    """Mark all the user's unread notifications as read; how many there were."""
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).update(read_at=timezone.now())


def preferences_save(*, user: Account, choices: dict[str, str]) -> None:
    """Keep how the user wants to hear of each kind; a kind not for their role is ignored."""
    allowed = set(kinds_for(user))
    for kind, delivery in choices.items():
        if kind not in allowed or delivery not in Delivery.values:
            raise ValueError(f"Bad preference {kind!r}: {delivery!r}")
        NotificationPreference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})


def send_digests(*, now: datetime.datetime | None = None) -> int:
    """Send every user their weekly digest of the notifications kept for it; the number of e-mails sent.

    Each notification is claimed before its e-mail goes, so a second run sends nothing twice.
    """
    now = now or timezone.now()
    waiting = Notification.objects.filter(delivery=Delivery.DIGEST, mailed_at__isnull=True)
    sent = 0
    for user_id in waiting.order_by().values_list("recipient_id", flat=True).distinct():
        user = get_user_model().objects.filter(pk=user_id, is_active=True).exclude(email="").first()
        with transaction.atomic():
            items = list(waiting.select_for_update().filter(recipient_id=user_id).order_by("created_at", "pk"))
            Notification.objects.filter(pk__in=[n.pk for n in items]).update(mailed_at=now)
            if user is None or not items:
                continue
            _send(
                "emails/notifications/digest",
                {"user": user, "notifications": items},
                [user.email],
            )
            sent += 1
    return sent


# ---------------------------------------------------------------------------
# Reads


def kinds_for(user: AbstractBaseUser | AnonymousUser) -> tuple[str, ...]:
    """The kinds of notification the user's role can receive."""
    return KINDS_BY_ROLE.get(roles.role_of(user) or "", ())


def preferences_for(user: Account) -> dict[str, str]:
    """How the user hears of each kind their role can receive: their choice, else the default."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    role = roles.role_of(user)
    return {kind: chosen.get(kind) or default_delivery(role=role, kind=kind) for kind in kinds_for(user)}


def notifications_for(*, user: AbstractBaseUser | AnonymousUser) -> QuerySet[Notification]:
    """The user's own notifications, newest first; none for anyone not signed in."""
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient_id=user.pk).order_by("-created_at", "-pk")


def unread_count(request) -> int:
    """How many unread notifications the signed-in user has: one query, kept for the rest of the request."""
    if not hasattr(request, "_unread_notifications"):
        user = request.user
        count = (
            Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()
            if user.is_authenticated
            else 0
        )
        request._unread_notifications = count
    return request._unread_notifications


def users_with_role(role: str) -> list[Account]:
    """Active users of a role group, for the recipients of a notification."""
    return list(get_user_model().objects.filter(groups__name=role, is_active=True).distinct().order_by("pk"))


# ---------------------------------------------------------------------------
# E-mail


def absolute(url: str) -> str:
    return settings.SITE_URL + url if url.startswith("/") else url


def _mail_each(notifications: list[Notification]) -> int:
    sent = 0
    for notification in notifications:
        sent += _send(
            "emails/notifications/notification",
            {"notification": notification, "url": absolute(notification.url) if notification.url else ""},
            [notification.recipient.email],
        )
    return sent


def _send(template: str, context: dict, to: list[str]) -> int:
    """Mail is Dutch, the portal's default language (no language is kept per user)."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            **context,
            "list_url": absolute(reverse("notification_list")),
            "preferences_url": absolute(reverse("notification_preferences")),
        }
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    messages = [EmailMessage(subject=subject, body=body, to=[address]) for address in to]
    return get_connection().send_messages(messages) or 0
