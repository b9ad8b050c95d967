from typing import Any

import simple_history
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken
from knox.settings import CONSTANTS
from simple_history.models import HistoricalRecords


def english_or(english: str, dutch: str) -> str:
    """The English text when the page is in English and there is one, else the Dutch."""
    if english and (get_language() or "nl").startswith("en"):
        return english
    return dutch


class BilingualName(models.Model):
    """A name kept in Dutch (the working language) and English, shown per UI language."""

    name = models.CharField(_("naam"), max_length=255)
    name_en = models.CharField(_("naam (Engels)"), max_length=255, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.name_en and (get_language() or "nl").startswith("en"):
            return self.name_en
        return self.name


class ApiToken(AbstractAuthToken):
    """A key to the API, of one user, kept only as a hash (django-rest-knox): the secret is shown once.

    A key is never deleted: revoking or expiring it keeps the record, so the history of every
    change made with it can still name it.
    """

    # knox keys the table on the digest; a plain id keeps the hash out of URLs and references.
    id: models.BigAutoField = models.BigAutoField(primary_key=True)
    digest: models.CharField = models.CharField(max_length=CONSTANTS.DIGEST_LENGTH, unique=True)
    name: models.CharField = models.CharField(
        _("naam"), max_length=100, help_text=_("Bijvoorbeeld het systeem of de computer die hem gebruikt.")
    )
    created_by: "models.ForeignKey[Any, Any]" = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemaakt door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_from: models.GenericIPAddressField = models.GenericIPAddressField(
        _("gemaakt vanaf adres"), null=True, blank=True
    )
    last_used: models.DateTimeField = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)
    revoked_at: models.DateTimeField = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    revoked_by: "models.ForeignKey[Any, Any]" = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingetrokken door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    replaced: models.BooleanField = models.BooleanField(
        _("oude sleutel"),
        default=False,
        help_text=_("Een sleutel van het oude soort, ingetrokken toen sleutels alleen nog versleuteld werden bewaard."),
    )

    class Meta:
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.name

    @property
    def expired(self) -> bool:
        return self.expiry is not None and self.expiry <= timezone.now()

    @property
    def active(self) -> bool:
        return self.revoked_at is None and not self.expired


class ChangeChannel(models.TextChoices):
    WEB = "web", _("via de website")
    API = "api", _("via de API")
    SYSTEM = "system", _("door het systeem")


class HistoryChannel(models.Model):
    """What every history row records besides simple-history's own fields: the way the change came
    in, and the API key it came with. Filled by ``core.history.record_channel``."""

    history_via: models.CharField = models.CharField(
        _("via"), max_length=10, choices=ChangeChannel.choices, blank=True, default=""
    )
    # History is a record: it keeps the key's id whatever happens to the key.
    history_token: "models.ForeignKey[ApiToken | None, ApiToken | None]" = models.ForeignKey(
        ApiToken,
        verbose_name=_("API-sleutel"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )

    class Meta:
        abstract = True


class OutboxMessage(models.Model):
    """A task that could not be handed to the broker; the outbox task sends it once the broker is back."""

    task = models.CharField(_("taak"), max_length=200)
    args = models.JSONField(_("argumenten"), default=list, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("pogingen"), default=1)
    last_error = models.TextField(_("laatste fout"), blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("bericht in de wachtrij")
        verbose_name_plural = _("berichten in de wachtrij")

    def __str__(self) -> str:
        return f"{self.task}{tuple(self.args)}"


class SecurityEvent(models.Model):
    """One event of the security log, as also written to the ``veerkracht.security`` logger (core.audit)."""

    time = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    event = models.CharField(_("gebeurtenis"), max_length=64, db_index=True)
    # The account may be deleted later; the name it had stays with the event.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField(_("gebruikersnaam"), max_length=150, blank=True)
    address = models.GenericIPAddressField(_("adres"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("beveiligingsgebeurtenis")
        verbose_name_plural = _("beveiligingslog")
        ordering = ["-time", "-pk"]

    def __str__(self) -> str:
        return f"{self.time:%Y-%m-%d %H:%M:%S} {self.event} {self.username}".rstrip()


class _AuthHistory(HistoricalRecords):
    """History of an auth model whose many-to-many field is also changed from the other side.

    ``group.user_set.add(user)`` changes the users' groups: the users get a history entry, where
    simple-history would try to write the group into the users' history table.
    """

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if not reverse:
            return super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
        if action == "pre_clear":
            instance._history_cleared = list(
                self.cls._default_manager.filter(**{attr: instance}).values_list("pk", flat=True)
            )
            return None
        if action == "post_clear":
            pk_set = getattr(instance, "_history_cleared", [])
        elif action not in ("post_add", "post_remove"):
            return None
        for owner in self.cls._default_manager.filter(pk__in=pk_set or []):
            super().m2m_changed(owner, action, attr, None, False)
        return None


# History of the accounts and role groups, which belong to django.contrib.auth: their historical
# models live in this app (and its migrations). A user's groups are their role, so the history keeps
# them; the password hash and the time of the last sign-in stay out (sign-ins are in the security log).
simple_history.register(
    User,
    app="core",
    records_class=_AuthHistory,
    m2m_fields=["groups"],
    excluded_fields=["password", "last_login"],
    bases=[HistoryChannel],
)
simple_history.register(Group, app="core", bases=[HistoryChannel])


class Notification(models.Model):
    """Something a user should know about, shown in their notification list (core.notifications.notify)."""

    class Kind(models.TextChoices):
        REPORT_SUBMITTED = "report_submitted", _("Een verslag wacht op beoordeling")
        REPORT_REVIEWED = "report_reviewed", _("Uw verslag is beoordeeld of teruggestuurd")
        REPORT_REMINDER = "report_reminder", _("Herinnering aan de deadline van een verslag")
        DASHBOARD_PUBLISHED = "dashboard_published", _("Een dashboard is gepubliceerd")
        ADVICE_GIVEN = "advice_given", _("Nieuw advies van de klankbordgroep")
        ADVICE_ANSWERED = "advice_answered", _("Het programma heeft op advies gereageerd")
        ADVICE_REPLY = "advice_reply", _("De klankbordgroep heeft op een antwoord gereageerd")
        REPORT_COMMENT = "report_comment", _("Een opmerking bij een verslag")

    class Delivery(models.TextChoices):
        PORTAL = "portal", _("Alleen in de portal")
        EMAIL = "email", _("In de portal en direct per e-mail")
        DIGEST = "digest", _("In de portal en in een wekelijkse samenvatting per e-mail")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("ontvanger"),
    )
    kind = models.CharField(_("soort"), max_length=40, choices=Kind.choices)
    params = models.JSONField(
        _("gegevens"), default=dict, blank=True, help_text=_("Wat in de tekst van de melding wordt ingevuld.")
    )
    url = models.CharField(_("link"), max_length=500, blank=True)
    key = models.CharField(
        _("sleutel"),
        max_length=200,
        blank=True,
        help_text=_("Een melding met dezelfde sleutel gaat maar één keer naar dezelfde ontvanger."),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    delivery = models.CharField(_("bezorging"), max_length=10, choices=Delivery.choices, default=Delivery.PORTAL)
    mailed_at = models.DateTimeField(_("gemaild op"), null=True, blank=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["delivery", "mailed_at"], name="notification_digest"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"], condition=~models.Q(key=""), name="unique_notification_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id} {self.kind} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def message(self) -> str:
        """The text of the notification in the current language."""
        from core.notifications import message_of

        return message_of(self.kind, self.params)


class NotificationPreference(models.Model):
    """How one user wants to hear of one kind of notification; without a row the kind's default applies."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("gebruiker"),
    )
    kind = models.CharField(_("soort"), max_length=40, choices=Notification.Kind.choices)
    delivery = models.CharField(_("bezorging"), max_length=10, choices=Notification.Delivery.choices)

    class Meta:
        verbose_name = _("meldingsvoorkeur")
        verbose_name_plural = _("meldingsvoorkeuren")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="unique_notification_preference")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} {self.delivery}"
