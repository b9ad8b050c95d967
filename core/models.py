import simple_history
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


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
)
simple_history.register(Group, app="core")
