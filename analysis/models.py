"""The read side: frozen dashboards for the advisory board, its advice, and the annual analysis."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agenda.models import ActionLine, Event, Kpi, Programme, ProtectiveFactor
from core.halves import Half
from core.history import tracked_history
from interventions.models import ReportItem


class RenderJob(models.Model):
    """A PDF built by a Celery worker: its state, progress and result."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("In de wachtrij")
        RUNNING = "running", _("Bezig")
        DONE = "done", _("Klaar")
        FAILED = "failed", _("Mislukt")

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    stage = models.CharField(_("stap"), max_length=120, blank=True)
    progress = models.PositiveSmallIntegerField(_("voortgang (%)"), null=True, blank=True)
    language = models.CharField(_("taal"), max_length=5, choices=settings.LANGUAGES, default="nl")
    pdf = models.FileField(_("PDF"), upload_to="pdf/%Y/", blank=True)
    page_count = models.PositiveIntegerField(_("aantal pagina's"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangevraagd door"),
    )
    requested_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    queued_at = models.DateTimeField(
        _("in de wachtrij sinds"),
        default=timezone.now,
        editable=False,
        help_text=_("Wanneer de taak (opnieuw) in de wachtrij kwam; te lang wachten geeft de taak op."),
    )
    started_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    duration_seconds = models.FloatField(_("duur (seconden)"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    error = models.TextField(_("foutmelding"), blank=True)
    gaps = models.JSONField(
        _("gemarkeerde gaten"),
        default=list,
        blank=True,
        editable=False,
        help_text=_("Onderdelen die niet uit de gegevens konden worden gemaakt en in de PDF als gat zijn gemarkeerd."),
    )
    task_id = models.CharField(_("taak-id"), max_length=64, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class Dashboard(models.Model):
    """A half-year view for the advisory board; publishing freezes every figure in it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Concept")
        PUBLISHED = "published", _("Gepubliceerd")

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="dashboards", verbose_name=_("programma")
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    half = models.PositiveSmallIntegerField(_("halfjaar"), choices=Half.choices)
    version = models.PositiveSmallIntegerField(_("versie"), default=1)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    introduction = models.TextField(_("inleiding"), blank=True)
    highlights = models.TextField(_("hoogtepunten"), blank=True)
    correction_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("correctie op"),
    )
    correction_note = models.TextField(_("wat is er gecorrigeerd en waarom"), blank=True)
    snapshot = models.JSONField(_("bevroren gegevens"), null=True, blank=True, editable=False)
    content_hash = models.CharField(_("controlegetal (SHA-256)"), max_length=64, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gepubliceerd door"),
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    presented_at = models.ManyToManyField(
        Event,
        blank=True,
        related_name="dashboards_presented",
        verbose_name=_("gepresenteerd op"),
        help_text=_("De bijeenkomsten van de klankbordgroep waarop dit dashboard is gepresenteerd."),
    )
    history = tracked_history(excluded_fields=["snapshot"])

    class Meta:
        verbose_name = _("dashboard")
        verbose_name_plural = _("dashboards")
        ordering = ["-year", "-half", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "year", "half", "version"], name="unique_dashboard_version"),
            models.CheckConstraint(condition=Q(half__in=[1, 2]), name="dashboard_half_valid"),
            models.CheckConstraint(
                condition=Q(status="draft")
                | (Q(snapshot__isnull=False) & ~Q(content_hash="") & Q(published_at__isnull=False)),
                name="dashboard_published_is_frozen",
            ),
            models.CheckConstraint(
                condition=Q(correction_of__isnull=True) | ~Q(correction_note=""),
                name="dashboard_correction_has_note",
            ),
        ]

    def __str__(self) -> str:
        label = f"{self.year}-H{self.half}"
        return f"{label} v{self.version}" if self.version > 1 else label

    def get_absolute_url(self) -> str:
        return reverse("analysis:dashboard_detail", args=[self.pk])


class DashboardPdf(RenderJob):
    dashboard = models.ForeignKey(Dashboard, on_delete=models.CASCADE, related_name="pdfs", verbose_name=_("dashboard"))

    class Meta:
        verbose_name = _("dashboard-PDF")
        verbose_name_plural = _("dashboard-PDF's")
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__isnull=True) | Q(progress__lte=100), name="dashboard_pdf_progress"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dashboard} ({self.language})"


class Advice(models.Model):
    """Advice of the advisory board, asked or unasked, and what the programme did with it."""

    class Kind(models.TextChoices):
        ASKED = "asked", _("Gevraagd")
        UNASKED = "unasked", _("Ongevraagd")

    class FollowUp(models.TextChoices):
        OPEN = "open", _("Open")
        TAKEN_UP = "taken_up", _("Overgenomen")
        PARTLY = "partly", _("Deels overgenomen")
        NOT_TAKEN_UP = "not_taken_up", _("Niet overgenomen")

    dashboard = models.ForeignKey(
        Dashboard, on_delete=models.PROTECT, null=True, blank=True, related_name="advice", verbose_name=_("dashboard")
    )
    analysis = models.ForeignKey(
        "AnnualAnalysis",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="advice",
        verbose_name=_("versie van de jaaranalyse"),
        help_text=_("Advies bij een conceptversie van de jaaranalyse die de klankbordgroep leest."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("lid klankbordgroep"),
    )
    kind = models.CharField(_("soort advies"), max_length=20, choices=Kind.choices)
    subject = models.CharField(_("onderwerp"), max_length=255)
    text = models.TextField(_("advies"))
    action_line = models.ForeignKey(
        ActionLine, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("actielijn")
    )
    kpi = models.ForeignKey(
        Kpi, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("KPI")
    )
    given_at = models.DateTimeField(_("gegeven op"), auto_now_add=True)
    follow_up = models.CharField(_("opvolging"), max_length=20, choices=FollowUp.choices, default=FollowUp.OPEN)
    response = models.TextField(_("reactie van het programma"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gereageerd door"),
    )
    responded_at = models.DateTimeField(_("gereageerd op"), null=True, blank=True)
    history = tracked_history()

    class Meta:
        verbose_name = _("advies")
        verbose_name_plural = _("adviezen")
        ordering = ["-given_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="advice_has_text"),
            models.CheckConstraint(
                condition=Q(follow_up="open") | ~Q(response=""), name="advice_follow_up_has_response"
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("analysis:advice_detail", args=[self.pk])


class AdviceMessage(models.Model):
    """One message in the conversation about an advice: the programme's answer, or the board's reply to it."""

    class Side(models.TextChoices):
        PROGRAMME = "programme", _("Programma")
        BOARD = "board", _("Klankbordgroep")

    advice = models.ForeignKey(Advice, on_delete=models.CASCADE, related_name="messages", verbose_name=_("advies"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("geschreven door"),
    )
    side = models.CharField(
        _("namens"),
        max_length=20,
        choices=Side.choices,
        help_text=_("Of het bericht van het programma komt of van de klankbordgroep."),
    )
    text = models.TextField(_("bericht"))
    follow_up = models.CharField(
        _("opvolging"),
        max_length=20,
        choices=Advice.FollowUp.choices,
        blank=True,
        help_text=_("Bij een reactie van het programma: de opvolging die het advies daarmee kreeg."),
    )
    written_at = models.DateTimeField(_("geschreven op"), default=timezone.now)
    history = tracked_history()

    class Meta:
        verbose_name = _("bericht bij advies")
        verbose_name_plural = _("berichten bij advies")
        ordering = ["written_at", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="advice_message_has_text")]

    def __str__(self) -> str:
        return f"{self.advice_id} {self.side} {self.written_at:%Y-%m-%d %H:%M}"


class AnnualAnalysis(RenderJob):
    """One version of the national resilience analysis for a year, built from a frozen snapshot."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="annual_analyses", verbose_name=_("programma")
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    version = models.PositiveSmallIntegerField(_("versie"), default=1)
    snapshot = models.JSONField(_("bevroren gegevens"), null=True, blank=True, editable=False)
    data_hash = models.CharField(_("controlegetal gegevens (SHA-256)"), max_length=64, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gepubliceerd door"),
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingetrokken door"),
    )
    withdrawal_reason = models.TextField(
        _("reden van intrekking"), blank=True, help_text=_("Staat op de openbare pagina van de ingetrokken versie.")
    )
    history = tracked_history(excluded_fields=["snapshot"])

    class Meta:
        verbose_name = _("jaarlijkse analyse")
        verbose_name_plural = _("jaarlijkse analyses")
        ordering = ["-year", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "year", "version"], name="unique_analysis_version"),
            models.CheckConstraint(condition=Q(progress__isnull=True) | Q(progress__lte=100), name="analysis_progress"),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | (Q(status="done") & ~Q(pdf="")),
                name="analysis_published_only_when_done",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | (Q(published_at__isnull=False) & ~Q(withdrawal_reason="")),
                name="analysis_withdrawn_was_published_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} v{self.version}"

    def get_absolute_url(self) -> str:
        """The staff page of this version (its progress, preview and publishing)."""
        return reverse("analysis:analysis_detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        """Published (a withdrawn version stays readable, with the notice that it was withdrawn)."""
        return self.published_at is not None


class LessonPassage(models.Model):
    """A passage staff picked from an accepted half-year report: what one municipality learned, for the others.

    It lives in analysis, the read side, and points at the report line in interventions it was taken
    from; the municipality, the intervention and the half-year are the line's own. The text is the
    whole field or an excerpt of it (``analysis.services.lessons.excerpt_problem`` checks it).
    """

    class Source(models.TextChoices):
        LESSONS_LEARNED = "lessons_learned", _("Geleerde lessen")
        NOTES = "notes", _("Toelichting op het resultaat")

    item = models.ForeignKey(
        ReportItem, on_delete=models.CASCADE, related_name="lesson_passages", verbose_name=_("verslagregel")
    )
    source = models.CharField(_("uit het veld"), max_length=20, choices=Source.choices)
    text = models.TextField(
        _("passage"),
        help_text=_(
            "De hele tekst, of een deel ervan. Laat weg wat niet nodig is; zet '…' waar u iets weglaat. "
            "Wat overblijft moet letterlijk in het verslag staan."
        ),
    )
    protective_factor = models.ForeignKey(
        ProtectiveFactor, on_delete=models.PROTECT, related_name="+", verbose_name=_("beschermende factor")
    )
    is_good_practice = models.BooleanField(_("goed voorbeeld"), default=False)
    picked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("gekozen door"),
    )
    picked_at = models.DateTimeField(_("gekozen op"), auto_now_add=True)
    history = tracked_history()

    class Meta:
        verbose_name = _("passage uit een verslag")
        verbose_name_plural = _("passages uit verslagen")
        ordering = ["protective_factor__code", "-picked_at"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="lesson_passage_has_text")]

    def __str__(self) -> str:
        return f"{self.item.report.municipality} {self.item.report.period}: {self.text[:40]}"

    def get_absolute_url(self) -> str:
        return reverse("analysis:lesson_detail", args=[self.pk])

    @property
    def source_text(self) -> str:
        return getattr(self.item, self.source)


class AnalysisText(models.Model):
    """The programme's own words in one version of the analysis, in Markdown; frozen with its figures."""

    class Kind(models.TextChoices):
        INTRODUCTION = "introduction", _("Inleiding")
        CONCLUSION = "conclusion", _("Conclusie bij een hoofdstuk")
        RECOMMENDATIONS = "recommendations", _("Beleidsaanbevelingen")
        ADVICE_ANSWER = "advice_answer", _("Antwoord op advies van de klankbordgroep")

    analysis = models.ForeignKey(
        AnnualAnalysis, on_delete=models.PROTECT, related_name="texts", verbose_name=_("analyse")
    )
    kind = models.CharField(_("soort tekst"), max_length=20, choices=Kind.choices)
    key = models.CharField(
        _("onderdeel"),
        max_length=80,
        blank=True,
        help_text=_("Het hoofdstuk van een conclusie, of het nummer van het advies dat wordt beantwoord."),
    )
    text = models.TextField(_("tekst (Markdown)"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    history = tracked_history()

    class Meta:
        verbose_name = _("tekst van de analyse")
        verbose_name_plural = _("teksten van de analyse")
        ordering = ["analysis", "kind", "key"]
        constraints = [
            models.UniqueConstraint(fields=["analysis", "kind", "key"], name="unique_analysis_text"),
        ]

    def __str__(self) -> str:
        return f"{self.analysis}: {self.get_kind_display()} {self.key}".strip()


# The society indicators live in a module of their own; importing them here registers them with the app.
class CivilSocietyFirstDay(models.Model):
    """The first day a civil-society organisation took part in a programme, in any way (K08's measure).

    Kept up to date by ``analysis/kpis/taking_part.py`` whenever one of the ways changes, within the
    same transaction, so that the KPI counts rows here instead of finding every organisation's
    first day over four growing tables on every request. Derived data: rebuilt whole, never edited.
    """

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+", verbose_name=_("programma"))
    organisation = models.ForeignKey(
        "municipalities.Organisation", on_delete=models.CASCADE, related_name="+", verbose_name=_("organisatie")
    )
    first_day = models.DateField(_("eerste dag van deelname"))

    class Meta:
        verbose_name = _("eerste deelname van een maatschappelijke organisatie")
        verbose_name_plural = _("eerste deelnames van maatschappelijke organisaties")
        constraints = [
            models.UniqueConstraint(fields=["programme", "organisation"], name="unique_first_day_per_organisation")
        ]
        indexes = [models.Index(fields=["programme", "first_day"])]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.first_day}"


from analysis.indicator_models import Indicator, IndicatorImport, IndicatorValue  # noqa: E402, F401
