"""Society indicators: how resilient the Netherlands is, in figures from open-data tables.

An ``Indicator`` is a published measure (CBS, SCP, ...) that speaks to a phenomenon
the programme exists for, or to a protective factor it invests in, at one resilience
level. Its ``IndicatorValue`` rows hold one figure per period and breakdown, each with
where it came from. An ``IndicatorImport`` keeps an uploaded CSV, so that a preview,
a bad file and a re-import never lose what was sent.

Kept apart from ``analysis.models`` (which imports these), so the indicator register
reads as one piece.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from agenda.models import Phenomenon, ProtectiveFactor, ResilienceLevel
from core.history import tracked_history
from core.models import BilingualName


class Indicator(BilingualName):
    """A published figure about society that the annual analysis follows over the years."""

    class Unit(models.TextChoices):
        PERCENT = "percent", _("procent")
        SCORE = "score", _("score")
        COUNT = "count", _("aantal")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("hoger is beter")
        LOWER = "lower", _("lager is beter")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    definition = models.TextField(_("definitie"))
    definition_en = models.TextField(_("definitie (Engels)"), blank=True)
    level = models.ForeignKey(
        ResilienceLevel, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("veerkrachtniveau")
    )
    phenomenon = models.ForeignKey(
        Phenomenon,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("maatschappelijk fenomeen"),
    )
    protective_factor = models.ForeignKey(
        ProtectiveFactor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("beschermende factor"),
    )
    unit = models.CharField(_("eenheid"), max_length=20, choices=Unit.choices, default=Unit.PERCENT)
    direction = models.CharField(_("richting"), max_length=10, choices=Direction.choices)
    source_publisher = models.CharField(_("bron: uitgever"), max_length=255)
    source_table = models.CharField(_("bron: tabel of publicatie"), max_length=255, blank=True)
    source_url = models.URLField(_("bron: adres"), max_length=500, blank=True)
    licence = models.CharField(_("licentie"), max_length=120, blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    history = tracked_history()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")
        ordering = ["level__order", "order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(phenomenon__isnull=False) | Q(protective_factor__isnull=False),
                name="indicator_speaks_to_phenomenon_or_factor",
            )
        ]

    def get_absolute_url(self) -> str:
        return reverse("analysis:indicator_detail", args=[self.code])

    @property
    def definition_label(self) -> str:
        if self.definition_en and (get_language() or "nl").startswith("en"):
            return self.definition_en
        return self.definition


class IndicatorImport(models.Model):
    """An uploaded CSV (a CBS StatLine or SCP open-data export) for one indicator: previewed, then applied."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="imports", verbose_name=_("indicator")
    )
    file_name = models.CharField(_("bestandsnaam"), max_length=255)
    content = models.TextField(_("inhoud"))
    content_hash = models.CharField(_("controlegetal"), max_length=64)
    value_column = models.CharField(
        _("kolom met de waarde"),
        max_length=255,
        blank=True,
        help_text=_("Leeg: de laatste kolom van het bestand."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingelezen door"),
    )
    uploaded_at = models.DateTimeField(_("ingelezen op"), auto_now_add=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verwerkt door"),
    )
    applied_at = models.DateTimeField(_("verwerkt op"), null=True, blank=True)
    summary = models.JSONField(_("samenvatting"), default=dict, blank=True)
    history = tracked_history(excluded_fields=["content"])

    class Meta:
        verbose_name = _("indicatorimport")
        verbose_name_plural = _("indicatorimports")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.indicator.code})"


class IndicatorValue(models.Model):
    """One figure of an indicator: a period, an optional breakdown, the value, and where it came from."""

    class Provenance(models.TextChoices):
        IMPORT = "import", _("import")
        REFERENCE = "reference", _("referentiegegevens")
        MANUAL = "manual", _("met de hand")
        DEMO = "demo", _("(demo)")

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    period = models.CharField(
        _("periode"), max_length=20, help_text=_("Jaar (2023), kwartaal (2023K2) of maand (2023M04).")
    )
    period_end = models.DateField(_("einde van de periode"))
    breakdown = models.CharField(
        _("uitsplitsing"),
        max_length=255,
        blank=True,
        help_text=_("Leeg voor heel Nederland; anders bijvoorbeeld 'Provincie: Utrecht'."),
    )
    value = models.DecimalField(_("waarde"), max_digits=16, decimal_places=4)
    note = models.CharField(_("toelichting"), max_length=500, blank=True)
    provenance = models.CharField(_("herkomst"), max_length=20, choices=Provenance.choices)
    source_import = models.ForeignKey(
        IndicatorImport,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="values",
        verbose_name=_("import"),
    )
    source_row = models.PositiveIntegerField(_("regel in het bestand"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    history = tracked_history()

    class Meta:
        verbose_name = _("indicatorwaarde")
        verbose_name_plural = _("indicatorwaarden")
        ordering = ["indicator", "period_end", "breakdown"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "breakdown"], name="unique_indicator_value_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period} {self.breakdown}".strip()

    @property
    def is_demo(self) -> bool:
        return self.provenance == self.Provenance.DEMO
