from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


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
