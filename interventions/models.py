"""Interventions, their evaluations, and the municipalities' half-yearly reports on them."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agenda.models import ActionLine, Phenomenon, ProtectiveFactor, ResilienceLevel
from core.halves import Half
from core.history import tracked_history
from core.models import BilingualName
from municipalities.models import FocusArea, Municipality, Organisation


class TargetGroup(BilingualName):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")
        ordering = ["order", "name"]


class Intervention(models.Model):
    class Stage(models.TextChoices):
        # Order matters: KPI K05 counts "developed" and every later stage.
        IDEA = "idea", _("Idee")
        IN_DEVELOPMENT = "in_development", _("In ontwikkeling")
        DEVELOPED = "developed", _("Ontwikkeld")
        BEING_EVALUATED = "being_evaluated", _("Wordt geëvalueerd")
        EVALUATED = "evaluated", _("Geëvalueerd")

    class EvidenceLevel(models.TextChoices):
        # The Dutch recognition scale of social interventions, lowest first.
        NOT_ASSESSED = "not_assessed", _("Niet beoordeeld")
        WELL_DESCRIBED = "well_described", _("Goed beschreven")
        WELL_FOUNDED = "well_founded", _("Goed onderbouwd")
        FIRST_INDICATIONS = "first_indications", _("Eerste aanwijzingen voor effectiviteit")
        GOOD_INDICATIONS = "good_indications", _("Goede aanwijzingen voor effectiviteit")
        STRONG_INDICATIONS = "strong_indications", _("Sterke aanwijzingen voor effectiviteit")

    class Capacity(models.TextChoices):
        # Keck & Sakdapolrak (2013), as used by the SCP.
        COPING = "coping", _("Coping (korte termijn, reactief)")
        ADAPTATION = "adaptation", _("Adaptatie (lange termijn, proactief)")
        TRANSFORMATION = "transformation", _("Transformatie (lange termijn, proactief)")

    class Connection(models.TextChoices):
        HORIZONTAL = "horizontal", _("Horizontale verbinding")
        VERTICAL = "vertical", _("Verticale verbinding")
        COLLABORATION = "collaboration", _("Samenwerking")

    DEVELOPED_STAGES = (Stage.DEVELOPED, Stage.BEING_EVALUATED, Stage.EVALUATED)

    name = models.CharField(_("naam"), max_length=255, unique=True)
    slug = models.SlugField(_("korte naam in webadres"), max_length=255, unique=True)
    summary = models.TextField(_("samenvatting"), help_text=_("Wat de interventie doet, in een paar zinnen."))
    description = models.TextField(_("beschrijving"), blank=True)
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="owned_interventions",
        verbose_name=_("eigenaar"),
    )
    partners = models.ManyToManyField(
        Organisation, related_name="partner_interventions", blank=True, verbose_name=_("partners")
    )
    municipalities = models.ManyToManyField(
        Municipality, related_name="interventions", blank=True, verbose_name=_("gemeenten waar zij loopt")
    )
    action_lines = models.ManyToManyField(
        ActionLine, related_name="interventions", blank=True, verbose_name=_("actielijnen")
    )
    protective_factors = models.ManyToManyField(
        ProtectiveFactor, related_name="interventions", blank=True, verbose_name=_("beschermende factoren")
    )
    phenomena = models.ManyToManyField(
        Phenomenon, related_name="interventions", blank=True, verbose_name=_("maatschappelijke fenomenen")
    )
    resilience_level = models.ForeignKey(
        ResilienceLevel, on_delete=models.PROTECT, related_name="interventions", verbose_name=_("veerkrachtniveau")
    )
    target_groups = models.ManyToManyField(
        TargetGroup, related_name="interventions", blank=True, verbose_name=_("doelgroepen")
    )
    capacity = models.CharField(_("veerkrachtcapaciteit"), max_length=20, choices=Capacity.choices, blank=True)
    connection = models.CharField(_("soort verbinding"), max_length=20, choices=Connection.choices, blank=True)
    stage = models.CharField(_("fase"), max_length=20, choices=Stage.choices, default=Stage.IDEA)
    developed_on = models.DateField(
        _("ontwikkeld op"),
        null=True,
        blank=True,
        help_text=_("De datum waarop de interventie de fase 'ontwikkeld' bereikte."),
    )
    evidence_level = models.CharField(
        _("mate van bewijs"), max_length=30, choices=EvidenceLevel.choices, default=EvidenceLevel.NOT_ASSESSED
    )
    started_on = models.DateField(_("in het programma sinds"))
    website = models.URLField(_("website"), blank=True)
    is_public = models.BooleanField(
        _("openbaar"), default=False, help_text=_("Toon de interventie in de openbare catalogus.")
    )
    history = tracked_history(
        m2m_fields=[partners, municipalities, action_lines, protective_factors, phenomena, target_groups]
    )

    class Meta:
        verbose_name = _("interventie")
        verbose_name_plural = _("interventies")
        ordering = ["name"]
        indexes = [models.Index(fields=["stage", "developed_on"]), models.Index(fields=["is_public", "name"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(stage__in=["developed", "being_evaluated", "evaluated"], developed_on__isnull=False)
                | (~Q(stage__in=["developed", "being_evaluated", "evaluated"]) & Q(developed_on__isnull=True)),
                name="intervention_developed_on_matches_stage",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("interventions:intervention_detail", args=[self.pk])


class Evaluation(models.Model):
    class Kind(models.TextChoices):
        PROCESS = "process", _("Procesevaluatie")
        EFFECT = "effect", _("Effectevaluatie")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Gepland")
        RUNNING = "running", _("Loopt")
        COMPLETED = "completed", _("Afgerond")

    intervention = models.ForeignKey(
        Intervention, on_delete=models.PROTECT, related_name="evaluations", verbose_name=_("interventie")
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("titel"), max_length=255)
    evaluator = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evaluations",
        verbose_name=_("evaluator"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    started_on = models.DateField(_("gestart op"), null=True, blank=True)
    completed_on = models.DateField(_("afgerond op"), null=True, blank=True)
    findings = models.TextField(_("bevindingen"), blank=True)
    report_file = models.FileField(_("rapport"), upload_to="evaluations/%Y/", blank=True)
    is_public = models.BooleanField(_("openbaar"), default=True)
    history = tracked_history()

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        ordering = ["intervention__name", "-completed_on"]
        indexes = [models.Index(fields=["status", "completed_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(completed_on__isnull=False),
                name="evaluation_completed_has_date",
            ),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(completed_on__gte=F("started_on")),
                name="evaluation_completed_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("interventions:evaluation_detail", args=[self.pk])


class ReportingPeriod(models.Model):
    """A half-year municipalities report on; open from opens_on, due on the deadline."""

    year = models.PositiveSmallIntegerField(_("jaar"))
    half = models.PositiveSmallIntegerField(_("halfjaar"), choices=Half.choices)
    opens_on = models.DateField(_("open vanaf"))
    deadline = models.DateField(_("uiterste inleverdatum"))
    closes_on = models.DateField(
        _("gesloten na"),
        null=True,
        blank=True,
        help_text=_("Na deze datum kan niemand meer een verslag over dit halfjaar beginnen. Leeg: blijft open."),
    )
    history = tracked_history()

    class Meta:
        verbose_name = _("verslagperiode")
        verbose_name_plural = _("verslagperiodes")
        ordering = ["-year", "-half"]
        constraints = [
            models.UniqueConstraint(fields=["year", "half"], name="unique_reporting_period"),
            models.CheckConstraint(condition=Q(half__in=[1, 2]), name="reporting_period_half_valid"),
            models.CheckConstraint(
                condition=Q(deadline__gte=F("opens_on")), name="reporting_period_deadline_after_open"
            ),
            models.CheckConstraint(
                condition=Q(closes_on__isnull=True) | Q(closes_on__gte=F("deadline")),
                name="reporting_period_closes_after_deadline",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}-H{self.half}"


class Report(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Concept")
        SUBMITTED = "submitted", _("Ingediend")
        RETURNED = "returned", _("Teruggestuurd")
        ACCEPTED = "accepted", _("Geaccepteerd")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="reports", verbose_name=_("gemeente")
    )
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.PROTECT, related_name="reports", verbose_name=_("periode")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    summary = models.TextField(_("toelichting bij het verslag"), blank=True)
    needs = models.TextField(
        _("behoeften en vragen aan het programma"),
        blank=True,
        help_text=_(
            "Wat heeft uw gemeente nodig van het programma, of wat wilt u het programma vragen? Mag leeg blijven."
        ),
    )
    revision = models.PositiveIntegerField(
        _("versie"),
        default=1,
        help_text=_("Telt op bij elke wijziging; voorkomt dat twee mensen elkaar overschrijven."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingediend door"),
    )
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beoordeeld door"),
    )
    reviewed_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    return_comment = models.TextField(_("reden van terugsturen"), blank=True)
    # The report's figures as they were handed in, summed over its items (interventions/services/report_totals.py):
    # the map and the dashboards add these up instead of every item of every report. Set when the report is
    # submitted, and again when staff change a counted report in the admin; empty while it is not counted.
    # Empty on a counted report means "not frozen": then the items are summed as before.
    frozen_items = models.PositiveIntegerField(_("aantal regels bij indienen"), null=True, editable=False)
    frozen_reach = models.PositiveIntegerField(_("bereik bij indienen"), null=True, editable=False)
    frozen_spending = models.DecimalField(
        _("uitgaven bij indienen"), max_digits=14, decimal_places=2, null=True, editable=False
    )
    history = tracked_history(excluded_fields=["frozen_items", "frozen_reach", "frozen_spending"])

    # The reports the programme's figures count: handed in and not sent back.
    COUNTED_STATUSES = (Status.SUBMITTED, Status.ACCEPTED)

    class Meta:
        verbose_name = _("halfjaarverslag")
        verbose_name_plural = _("halfjaarverslagen")
        ordering = ["-period__year", "-period__half", "municipality__name"]
        indexes = [models.Index(fields=["status"])]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "period"], name="unique_report_per_period"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False), name="report_submitted_has_date"
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(return_comment=""), name="report_returned_has_comment"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.period}"

    def get_absolute_url(self) -> str:
        return reverse("interventions:report_detail", args=[self.pk])


class NeedTag(BilingualName):
    """A subject under which staff file the needs of municipalities; the fixed ones are reference data."""

    name = models.CharField(_("naam"), max_length=80, unique=True)
    is_fixed = models.BooleanField(
        _("vast"), default=False, help_text=_("Een vast onderwerp uit de referentiegegevens.")
    )
    history = tracked_history()

    class Meta:
        verbose_name = _("onderwerp van behoeften")
        verbose_name_plural = _("onderwerpen van behoeften")
        ordering = ["-is_fixed", "name"]


class NeedResponse(models.Model):
    """What the programme does with the needs and questions of one report: tags, an answer, a follow-up."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Beantwoord")
        FOLLOWED_UP = "followed_up", _("Opgevolgd")

    report = models.OneToOneField(
        Report, on_delete=models.CASCADE, related_name="need_response", verbose_name=_("verslag")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    tags = models.ManyToManyField(NeedTag, related_name="responses", blank=True, verbose_name=_("onderwerpen"))
    answer = models.TextField(
        _("antwoord aan de gemeente"), blank=True, help_text=_("De gemeente ziet dit antwoord bij haar verslag.")
    )
    follow_up = models.TextField(
        _("opvolging"), blank=True, help_text=_("Wat het programma met de behoefte doet; alleen voor de programmastaf.")
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beantwoord door"),
    )
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    history = tracked_history(m2m_fields=[tags])

    class Meta:
        verbose_name = _("reactie op behoeften")
        verbose_name_plural = _("reacties op behoeften")
        indexes = [models.Index(fields=["status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open") | ~Q(answer=""), name="need_response_answered_has_answer"
            ),
        ]

    def __str__(self) -> str:
        return str(self.report)


class ReportItem(models.Model):
    """What one intervention did in the reporting half-year."""

    AGE_BANDS = (
        "participants_0_11",
        "participants_12_17",
        "participants_18_26",
        "participants_27_64",
        "participants_65_plus",
    )
    # Figures every item needs before the report is handed in; 0 is an answer, empty is not.
    REQUIRED_FIGURES = ("participants_total", "spending")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="items", verbose_name=_("verslag"))
    intervention = models.ForeignKey(
        Intervention, on_delete=models.PROTECT, related_name="report_items", verbose_name=_("interventie")
    )
    # Empty (NULL) means "not filled in yet"; 0 means nobody was reached. Submitting needs a number.
    participants_total = models.PositiveIntegerField(_("bereikte deelnemers (totaal)"), null=True, blank=True)
    participants_0_11 = models.PositiveIntegerField(_("waarvan 0-11 jaar"), null=True, blank=True)
    participants_12_17 = models.PositiveIntegerField(_("waarvan 12-17 jaar"), null=True, blank=True)
    participants_18_26 = models.PositiveIntegerField(_("waarvan 18-26 jaar"), null=True, blank=True)
    participants_27_64 = models.PositiveIntegerField(_("waarvan 27-64 jaar"), null=True, blank=True)
    participants_65_plus = models.PositiveIntegerField(_("waarvan 65 jaar en ouder"), null=True, blank=True)
    activities = models.TextField(_("uitgevoerde activiteiten"), blank=True)
    spending = models.DecimalField(_("uitgaven (euro)"), max_digits=12, decimal_places=2, null=True, blank=True)
    lessons_learned = models.TextField(_("geleerde lessen"), blank=True)
    notes = models.TextField(_("overige toelichting"), blank=True)
    focus_area = models.ForeignKey(
        FocusArea,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="report_items",
        verbose_name=_("gebied"),
        help_text=_("Het gebied van de gemeente waarin de interventie dit halfjaar liep."),
    )
    history = tracked_history()

    class Meta:
        verbose_name = _("verslagregel")
        verbose_name_plural = _("verslagregels")
        ordering = ["report", "intervention__name"]
        constraints = [
            models.UniqueConstraint(fields=["report", "intervention"], name="unique_item_per_intervention"),
            models.CheckConstraint(condition=Q(spending__gte=0), name="report_item_spending_not_negative"),
            models.CheckConstraint(
                condition=Q(
                    participants_total__gte=Coalesce(F("participants_0_11"), Value(0))
                    + Coalesce(F("participants_12_17"), Value(0))
                    + Coalesce(F("participants_18_26"), Value(0))
                    + Coalesce(F("participants_27_64"), Value(0))
                    + Coalesce(F("participants_65_plus"), Value(0))
                ),
                name="report_item_age_bands_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} - {self.intervention}"

    @property
    def missing_figures(self) -> list[str]:
        """The figures a report cannot be handed in without, that are still empty (0 counts as filled in)."""
        return [name for name in self.REQUIRED_FIGURES if getattr(self, name) is None]

    @property
    def is_blank(self) -> bool:
        """Nothing is filled in yet: no figure, no text, no rating (uses prefetched outcomes)."""
        figures = ("participants_total", *self.AGE_BANDS, "spending")
        texts = (self.activities, self.lessons_learned, self.notes)
        return (
            all(getattr(self, name) is None for name in figures)
            and not any(text.strip() for text in texts)
            and not self.outcomes.all()
        )


class ReportItemOutcome(models.Model):
    """The municipality's own assessment of the result on one protective factor."""

    class Rating(models.IntegerChoices):
        NONE = 1, _("1 - geen resultaat zichtbaar")
        LIMITED = 2, _("2 - beperkt resultaat")
        SOME = 3, _("3 - enig resultaat")
        GOOD = 4, _("4 - goed resultaat")
        VERY_GOOD = 5, _("5 - zeer goed resultaat")

    item = models.ForeignKey(
        ReportItem, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("verslagregel")
    )
    protective_factor = models.ForeignKey(
        ProtectiveFactor, on_delete=models.PROTECT, related_name="+", verbose_name=_("beschermende factor")
    )
    rating = models.PositiveSmallIntegerField(_("resultaat"), choices=Rating.choices)
    history = tracked_history()

    class Meta:
        verbose_name = _("resultaat per beschermende factor")
        verbose_name_plural = _("resultaten per beschermende factor")
        constraints = [
            models.UniqueConstraint(fields=["item", "protective_factor"], name="unique_outcome_per_factor"),
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="outcome_rating_on_scale"),
        ]

    def __str__(self) -> str:
        return f"{self.protective_factor}: {self.rating}"


class ReportAttachment(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("verslag"))
    file = models.FileField(_("bestand"), upload_to="reports/%Y/")
    original_name = models.CharField(_("bestandsnaam"), max_length=255)
    content_type = models.CharField(_("bestandstype"), max_length=120)
    size = models.PositiveIntegerField(_("grootte (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("geüpload door"),
    )
    uploaded_at = models.DateTimeField(_("geüpload op"), auto_now_add=True)
    history = tracked_history()

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class ReportComment(models.Model):
    """One message in the thread of a report: about the whole report, or about one intervention's row."""

    class Kind(models.TextChoices):
        RETURN = "return", _("Teruggestuurd")
        REOPEN = "reopen", _("Heropend")
        ACCEPT = "accept", _("Geaccepteerd")
        NOTE = "note", _("Opmerking")
        REPLY = "reply", _("Reactie van de gemeente")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="comments", verbose_name=_("verslag"))
    intervention = models.ForeignKey(
        Intervention,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("interventie"),
        help_text=_("De regel van het verslag waar de opmerking bij hoort; leeg voor het hele verslag."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("auteur")
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.NOTE)
    text = models.TextField(_("tekst"))
    created_at = models.DateTimeField(_("geplaatst op"), auto_now_add=True)
    history = tracked_history()

    class Meta:
        verbose_name = _("opmerking bij verslag")
        verbose_name_plural = _("opmerkingen bij verslagen")
        ordering = ["created_at"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="report_comment_has_text")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:40]}"


class ReminderLog(models.Model):
    """One reminder e-mail sent, so the periodic task never sends the same one twice."""

    class Kind(models.TextChoices):
        DAYS_14 = "days_14", _("14 dagen voor de deadline")
        DAYS_3 = "days_3", _("3 dagen voor de deadline")
        OVERDUE = "overdue", _("Te laat")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("gemeente")
    )
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+", verbose_name=_("periode"))
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    sent_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True)
    recipients = models.PositiveIntegerField(_("aantal ontvangers"), default=0)

    class Meta:
        verbose_name = _("verstuurde herinnering")
        verbose_name_plural = _("verstuurde herinneringen")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "period", "kind"], name="unique_reminder"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.period} {self.kind}"


class ReportCheckFactor(models.Model):
    """How far a figure of a report item may move from the previous half-year before the form asks why.

    One row per checked field; a field without a row uses the default factor.
    """

    field = models.CharField(_("veld"), max_length=40, unique=True)
    factor = models.DecimalField(
        _("factor"),
        max_digits=6,
        decimal_places=2,
        help_text=_(
            "Een cijfer dat zoveel keer groter of kleiner is dan bij dezelfde interventie in het vorige halfjaar, "
            "vraagt om een toelichting."
        ),
    )
    history = tracked_history()

    class Meta:
        verbose_name = _("factor voor de controle op verslagen")
        verbose_name_plural = _("factoren voor de controle op verslagen")
        ordering = ["field"]
        constraints = [models.CheckConstraint(condition=Q(factor__gt=1), name="report_check_factor_above_one")]

    def __str__(self) -> str:
        return f"{self.field}: {self.factor}"


class ReportItemCheck(models.Model):
    """A figure of a report item that stood out when it was saved, and the municipality's explanation.

    The figures it was compared with are kept, so the flag stays as it was when the report
    was handed in, whatever changes later in the previous report or the settings.
    """

    class Change(models.TextChoices):
        LARGER = "larger", _("Veel groter dan het vorige halfjaar")
        SMALLER = "smaller", _("Veel kleiner dan het vorige halfjaar")

    item = models.ForeignKey(
        ReportItem, on_delete=models.CASCADE, related_name="checks", verbose_name=_("verslagregel")
    )
    field = models.CharField(_("veld"), max_length=40)
    change = models.CharField(_("verschil met het vorige halfjaar"), max_length=20, choices=Change.choices, blank=True)
    over_pace = models.BooleanField(
        _("uitgaven boven het tempo van de uitkering"),
        default=False,
        help_text=_("De uitgaven van het hele verslag liggen boven het deel van de uitkering voor een halfjaar."),
    )
    current = models.DecimalField(_("ingevuld cijfer"), max_digits=14, decimal_places=2)
    previous = models.DecimalField(
        _("cijfer vorig halfjaar"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Het cijfer van dezelfde interventie in het vorige halfjaarverslag van de gemeente."),
    )
    factor = models.DecimalField(_("factor"), max_digits=6, decimal_places=2, null=True, blank=True)
    pace = models.DecimalField(
        _("tempo van de uitkering (euro per halfjaar)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("De uitkering gespreid over haar looptijd: het bedrag per halfjaar."),
    )
    report_spending = models.DecimalField(
        _("uitgaven van het hele verslag (euro)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    explanation = models.TextField(_("toelichting van de gemeente"), blank=True)
    history = tracked_history()

    class Meta:
        verbose_name = _("controle op een verslagregel")
        verbose_name_plural = _("controles op verslagregels")
        ordering = ["item", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["item", "field"], name="unique_check_per_item_field"),
            models.CheckConstraint(condition=~Q(change="") | Q(over_pace=True), name="report_item_check_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.field}"
