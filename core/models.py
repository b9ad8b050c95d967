from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken
from knox.settings import CONSTANTS


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
