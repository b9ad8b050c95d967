"""The programme itself: action lines, principles, protective factors, KPIs and budget."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.history import tracked_history
from core.models import BilingualName, english_or


class Programme(BilingualName):
    """A programme period, e.g. the agenda 2023-2025 or the multi-year plan 2025-2030."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    owner = models.CharField(_("opdrachtgever"), max_length=255, blank=True)
    mission = models.TextField(_("missie"), blank=True)
    mission_en = models.TextField(_("missie (Engels)"), blank=True)
    starts_on = models.DateField(_("begindatum"))
    ends_on = models.DateField(_("einddatum"))
    # The programme's own words, shown on its public pages and edited by staff.
    vision = models.TextField(_("visie"), blank=True)
    vision_en = models.TextField(_("visie (Engels)"), blank=True)
    resilience_definition = models.TextField(_("wat is veerkracht"), blank=True)
    resilience_definition_en = models.TextField(_("wat is veerkracht (Engels)"), blank=True)
    resistance_definition = models.TextField(_("wat is weerbaarheid"), blank=True)
    resistance_definition_en = models.TextField(_("wat is weerbaarheid (Engels)"), blank=True)
    history = tracked_history()

    class Meta:
        verbose_name = _("programma")
        verbose_name_plural = _("programma's")
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gt=models.F("starts_on")), name="programme_ends_after_start"),
        ]


class ProgrammeChoice(models.Model):
    """The programme a user last chose in the header: the pages open in it until they choose another."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="programme_choice", verbose_name=_("gebruiker")
    )
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+", verbose_name=_("programma"))
    chosen_at = models.DateTimeField(_("gekozen op"), auto_now=True)

    class Meta:
        verbose_name = _("gekozen programma")
        verbose_name_plural = _("gekozen programma's")

    def __str__(self) -> str:
        return f"{self.user}: {self.programme.code}"


class ActionLine(BilingualName):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="action_lines", verbose_name=_("programma")
    )
    code = models.CharField(_("code"), max_length=10)
    description = models.TextField(_("omschrijving"), blank=True)
    description_en = models.TextField(_("omschrijving (Engels)"), blank=True)
    aim = models.TextField(_("doel"), blank=True, help_text=_("Wat de actielijn wil bereiken."))
    aim_en = models.TextField(_("doel (Engels)"), blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    history = tracked_history()

    class Meta:
        verbose_name = _("actielijn")
        verbose_name_plural = _("actielijnen")
        ordering = ["programme__starts_on", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="unique_action_line_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"


class GuidingPrinciple(BilingualName):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="guiding_principles", verbose_name=_("programma")
    )
    code = models.CharField(_("code"), max_length=10)
    description = models.TextField(_("omschrijving"), blank=True)
    description_en = models.TextField(_("omschrijving (Engels)"), blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    history = tracked_history()

    class Meta:
        verbose_name = _("uitgangspunt")
        verbose_name_plural = _("uitgangspunten")
        ordering = ["programme__starts_on", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="unique_guiding_principle_code")]


class ResilienceLevel(BilingualName):
    """Individual, community or societal resilience (Platform JEP, 2020)."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("veerkrachtniveau")
        verbose_name_plural = _("veerkrachtniveaus")
        ordering = ["order"]


class ProtectiveFactor(BilingualName):
    """A protective factor the agenda invests in; the list is open, staff add more."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    level = models.ForeignKey(
        ResilienceLevel,
        on_delete=models.PROTECT,
        related_name="protective_factors",
        verbose_name=_("veerkrachtniveau"),
    )
    description = models.TextField(_("omschrijving"), blank=True)
    description_en = models.TextField(_("omschrijving (Engels)"), blank=True)
    source = models.TextField(_("bron"), blank=True, help_text=_("Publicaties waarop de omschrijving steunt."))
    history = tracked_history()

    class Meta:
        verbose_name = _("beschermende factor")
        verbose_name_plural = _("beschermende factoren")
        ordering = ["code"]


class Phenomenon(BilingualName):
    """A societal phenomenon that erodes social stability; the list is open."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    description = models.TextField(_("omschrijving"), blank=True)
    description_en = models.TextField(_("omschrijving (Engels)"), blank=True)
    source = models.TextField(_("bron"), blank=True, help_text=_("Publicaties waarop de omschrijving steunt."))
    history = tracked_history()

    class Meta:
        verbose_name = _("maatschappelijk fenomeen")
        verbose_name_plural = _("maatschappelijke fenomenen")
        ordering = ["code"]


class RelatedProgramme(BilingualName):
    """A programme of another ministry that the agenda seeks to connect with."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="related_programmes", verbose_name=_("programma")
    )
    ministry = models.CharField(_("ministerie"), max_length=255)
    ministry_en = models.CharField(_("ministerie (Engels)"), max_length=255, blank=True)
    connection = models.TextField(
        _("samenhang"), blank=True, help_text=_("Waar het programma en de agenda elkaar raken.")
    )
    connection_en = models.TextField(_("samenhang (Engels)"), blank=True)
    website = models.URLField(_("website"), blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    history = tracked_history()

    class Meta:
        verbose_name = _("verwant programma")
        verbose_name_plural = _("verwante programma's")
        ordering = ["programme__starts_on", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="unique_related_programme_per_programme")
        ]


class Activity(BilingualName):
    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("Conferentie")
        LEARNING_COMMUNITY = "learning_community", _("Learning community")
        RESEARCH = "research", _("Onderzoek en kennisdeling")
        PLATFORM = "platform", _("Online platform")
        GRANT = "grant", _("Specifieke uitkering")
        COMMISSION = "commission", _("Opdracht of subsidie")
        TOOLKIT = "toolkit", _("Toolkit")
        INTERVENTIONS = "interventions", _("Interventies ontwikkelen en evalueren")
        WORKPLACE = "workplace", _("Werkplaats")
        PARTNERSHIPS = "partnerships", _("Samenwerkingsverbanden")
        ADVISORY_BOARD = "advisory_board", _("Klankbordgroep")
        POLICY_INVENTORY = "policy_inventory", _("Inventarisatie beleidsthema's")
        POLICY_ADVICE = "policy_advice", _("Beleidsaanbevelingen")
        ANALYSIS = "analysis", _("Landelijke analyse")
        OTHER = "other", _("Overig")

    action_line = models.ForeignKey(
        ActionLine, on_delete=models.CASCADE, related_name="activities", verbose_name=_("actielijn")
    )
    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField(_("omschrijving"), blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["action_line__order", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["action_line", "name"], name="unique_activity_per_line")]


class Event(models.Model):
    """One occurrence of an activity: a conference day, a board meeting, a learning-community session."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="events", verbose_name=_("activiteit")
    )
    title = models.CharField(_("titel"), max_length=255)
    held_on = models.DateField(_("datum"))
    location = models.CharField(_("locatie"), max_length=255, blank=True)
    notes = models.TextField(_("toelichting"), blank=True)
    advice_asked = models.BooleanField(
        _("advies gevraagd"),
        default=False,
        help_text=_("Is de aanwezigen, zoals de klankbordgroep, om advies gevraagd?"),
    )
    results_presented = models.TextField(
        _("gepresenteerde resultaten"),
        blank=True,
        help_text=_("Welke resultaten zijn gepresenteerd, bijvoorbeeld onderzoek, cijfers of een analyse."),
    )
    history = tracked_history()

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        ordering = ["-held_on"]
        indexes = [models.Index(fields=["held_on"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d-%m-%Y})"

    def get_absolute_url(self) -> str:
        return reverse("agenda:event_detail", args=[self.pk])

    @property
    def is_board_meeting(self) -> bool:
        return self.activity.kind == Activity.Kind.ADVISORY_BOARD


class ResearchResult(models.Model):
    """A result of research (such as NWA Crafting Resilience) that the programme shared, and when."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="research_results", verbose_name=_("programma")
    )
    action_line = models.ForeignKey(
        ActionLine,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="research_results",
        verbose_name=_("actielijn"),
    )
    title = models.CharField(_("titel"), max_length=255)
    source = models.CharField(
        _("bron"), max_length=255, help_text=_("Het onderzoek of de onderzoeker, bijvoorbeeld NWA Crafting Resilience.")
    )
    year = models.PositiveSmallIntegerField(_("jaar van het onderzoek"))
    shared_on = models.DateField(_("gedeeld op"), help_text=_("De dag waarop de resultaten zijn gedeeld."))
    link = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("bestand"), upload_to="research/%Y/", blank=True)
    file_name = models.CharField(_("bestandsnaam"), max_length=255, blank=True, editable=False)
    description = models.TextField(_("omschrijving"), blank=True)
    history = tracked_history()

    class Meta:
        verbose_name = _("onderzoeksresultaat")
        verbose_name_plural = _("onderzoeksresultaten")
        ordering = ["-shared_on", "title"]
        indexes = [models.Index(fields=["shared_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="research_year_plausible"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("agenda:research_detail", args=[self.pk])


class PolicyThemeInventory(models.Model):
    """The yearly inventory of the policy themes on which resilience and resistance matter."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="policy_inventories", verbose_name=_("programma")
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    held_on = models.DateField(_("afgerond op"))
    themes = models.TextField(_("beleidsthema's"), help_text=_("Eén thema per regel."))
    source = models.CharField(
        _("bron"), max_length=255, blank=True, help_text=_("Bijvoorbeeld een rondgang langs departementen.")
    )
    history = tracked_history()

    class Meta:
        verbose_name = _("inventarisatie beleidsthema's")
        verbose_name_plural = _("inventarisaties beleidsthema's")
        ordering = ["-year", "-held_on"]
        indexes = [models.Index(fields=["held_on"])]
        constraints = [
            models.UniqueConstraint(fields=["programme", "year"], name="unique_policy_inventory_per_year"),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="policy_inventory_year_plausible"),
        ]

    def __str__(self) -> str:
        return str(_("Inventarisatie beleidsthema's %(year)s") % {"year": self.year})

    def get_absolute_url(self) -> str:
        return reverse("agenda:inventory_detail", args=[self.pk])

    @property
    def theme_list(self) -> list[str]:
        return [line.strip() for line in self.themes.splitlines() if line.strip()]


class BoardMembership(models.Model):
    """A seat on the advisory board (klankbordgroep): who, for which organisation, representing whom."""

    class Constituency(models.TextChoices):
        SCIENCE = "science", _("Wetenschap")
        VNG = "vng", _("VNG")
        SOCIAL_DOMAIN = "social_domain", _("Sociaal domein")
        CIVIL_SOCIETY = "civil_society", _("Maatschappelijk middenveld")
        COMMUNITY = "community", _("Gemeenschapsorganisaties")
        MINISTRIES = "ministries", _("Ministeries")

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="board_memberships", verbose_name=_("programma")
    )
    person = models.CharField(_("naam"), max_length=255)
    organisation = models.CharField(_("organisatie"), max_length=255)
    constituency = models.CharField(_("vertegenwoordigt"), max_length=30, choices=Constituency.choices)
    starts_on = models.DateField(_("lid vanaf"))
    ends_on = models.DateField(_("lid tot"), null=True, blank=True)
    history = tracked_history()

    class Meta:
        verbose_name = _("lidmaatschap klankbordgroep")
        verbose_name_plural = _("lidmaatschappen klankbordgroep")
        ordering = ["constituency", "person"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="board_membership_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.organisation})"

    def get_absolute_url(self) -> str:
        return reverse("agenda:board_member_detail", args=[self.pk])


class Kpi(BilingualName):
    """A target the programme commits to; its actual value is computed by analysis.kpis."""

    class Period(models.TextChoices):
        DEADLINE = "deadline", _("Uiterlijk op een datum")
        PER_YEAR = "per_year", _("Per jaar")

    class Unit(models.TextChoices):
        COUNT = "count", _("aantal")
        MILESTONE = "milestone", _("mijlpaal")
        PERCENT = "percent", _("procent")
        EURO = "euro", _("euro")

    MANUAL = "manual"

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="kpis", verbose_name=_("programma"))
    action_line = models.ForeignKey(
        ActionLine, on_delete=models.PROTECT, related_name="kpis", verbose_name=_("actielijn")
    )
    code = models.CharField(_("code"), max_length=10)
    description = models.TextField(_("omschrijving"), blank=True)
    description_en = models.TextField(_("omschrijving (Engels)"), blank=True)
    target = models.DecimalField(_("streefwaarde"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("eenheid"), max_length=20, choices=Unit.choices, default=Unit.COUNT)
    period = models.CharField(_("periode"), max_length=20, choices=Period.choices, default=Period.DEADLINE)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    measure = models.CharField(
        _("meetwijze"),
        max_length=60,
        default=MANUAL,
        help_text=_("De naam van een meting in de portal, of 'manual' als de staf de waarde vastlegt."),
    )
    measure_description = models.CharField(_("toelichting meetwijze"), max_length=255, blank=True)
    measure_description_en = models.CharField(
        _("toelichting meetwijze (Engels)"),
        max_length=255,
        blank=True,
        help_text=_("Wordt getoond als de portal in het Engels staat; leeg: de Nederlandse toelichting."),
    )
    due_month = models.PositiveSmallIntegerField(
        _("maand van het jaarlijkse moment"),
        null=True,
        blank=True,
        help_text=_(
            "Voor een jaarlijks moment, zoals de conferentie: de maand waarin het valt. De KPI staat dan pas "
            "achter als die maand voorbij is zonder dat de streefwaarde is behaald."
        ),
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_complete = models.BooleanField(
        _("ingevuld"),
        default=True,
        help_text=_(
            "Nee voor een KPI die uit een vorig programma is overgenomen: streefwaarde en deadline nog invullen."
        ),
    )
    history = tracked_history()

    class Meta:
        verbose_name = _("KPI")
        verbose_name_plural = _("KPI's")
        ordering = ["programme__starts_on", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="unique_kpi_code"),
            models.CheckConstraint(condition=Q(target__gte=0), name="kpi_target_not_negative"),
            models.CheckConstraint(
                condition=Q(period="per_year") | Q(deadline__isnull=False), name="kpi_deadline_required"
            ),
            models.CheckConstraint(
                condition=Q(due_month__isnull=True) | Q(period="per_year", due_month__gte=1, due_month__lte=12),
                name="kpi_due_month_per_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"

    @property
    def is_manual(self) -> bool:
        return self.measure == self.MANUAL

    @property
    def description_label(self) -> str:
        """The description in the page's language (Dutch when no English text was given)."""
        return english_or(self.description_en, self.description)

    @property
    def measure_description_label(self) -> str:
        """How the KPI is measured, in the page's language (Dutch when no English text was given)."""
        return english_or(self.measure_description_en, self.measure_description)


class KpiMeasurement(models.Model):
    """A value staff record by hand for a manual KPI, as of a date."""

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="measurements", verbose_name=_("KPI"))
    measured_on = models.DateField(_("peildatum"))
    value = models.DecimalField(_("waarde"), max_digits=12, decimal_places=2)
    note = models.TextField(_("toelichting"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reden van intrekking"), blank=True)
    history = tracked_history()

    class Meta:
        verbose_name = _("KPI-meting")
        verbose_name_plural = _("KPI-metingen")
        ordering = ["kpi", "-measured_on"]
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=0), name="kpi_measurement_not_negative"),
            # A withdrawn measurement no longer holds its day: a corrected value can take it.
            models.UniqueConstraint(
                fields=["kpi", "measured_on"],
                condition=Q(withdrawn_at__isnull=True),
                name="unique_kpi_measurement_per_day",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | ~Q(withdrawal_reason=""), name="kpi_withdrawal_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kpi.code} {self.measured_on:%d-%m-%Y}: {self.value}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class BudgetLine(models.Model):
    """A row of the plan's budget table: euros per year ON AVERAGE for one category.

    The plan states its budget as an average per year. What a calendar year plans is
    derived from it pro rata to the months the programme runs in that year, unless
    staff enter the year's real plan (``BudgetYearPlan``).
    """

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("programma")
    )
    action_line = models.ForeignKey(
        ActionLine,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("actielijn"),
        help_text=_("Leeg voor kosten die bij geen actielijn horen, zoals materieel en onvoorzien."),
    )
    category = models.CharField(_("begrotingspost"), max_length=255)
    planned = models.DecimalField(_("gemiddeld per jaar (euro)"), max_digits=14, decimal_places=2)
    history = tracked_history()

    class Meta:
        verbose_name = _("begrotingsregel")
        verbose_name_plural = _("begrotingsregels")
        ordering = ["programme", "action_line__order", "category"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "category"], name="unique_budget_line"),
            models.CheckConstraint(condition=Q(planned__gte=0), name="budget_planned_not_negative"),
        ]

    def __str__(self) -> str:
        return self.category


class BudgetYearPlan(models.Model):
    """The real plan of one calendar year for one action line, entered by staff; it replaces the pro-rata figure."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="budget_year_plans", verbose_name=_("programma")
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    action_line = models.ForeignKey(
        ActionLine,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_year_plans",
        verbose_name=_("actielijn"),
        help_text=_("Leeg voor de overige kosten, die bij geen actielijn horen."),
    )
    planned = models.DecimalField(_("begroot (euro)"), max_digits=14, decimal_places=2)
    note = models.TextField(_("toelichting"), blank=True)
    history = tracked_history()

    class Meta:
        verbose_name = _("jaarbegroting")
        verbose_name_plural = _("jaarbegrotingen")
        ordering = ["programme", "year", "action_line__order"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "year", "action_line"], name="unique_budget_year_plan"),
            models.UniqueConstraint(
                fields=["programme", "year"],
                condition=Q(action_line__isnull=True),
                name="unique_budget_year_plan_other_costs",
            ),
            models.CheckConstraint(condition=Q(planned__gte=0), name="budget_year_plan_not_negative"),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="budget_year_plan_plausible"),
        ]

    def __str__(self) -> str:
        line = self.action_line.code if self.action_line else _("overige kosten")
        return f"{self.year} {line}"


class Expenditure(models.Model):
    """Money committed or spent outside the grants (which count as commitments themselves)."""

    class Kind(models.TextChoices):
        COMMITTED = "committed", _("Verplicht")
        SPENT = "spent", _("Uitgegeven")

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="expenditures", verbose_name=_("programma")
    )
    action_line = models.ForeignKey(
        ActionLine,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="expenditures",
        verbose_name=_("actielijn"),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.SPENT)
    amount = models.DecimalField(_("bedrag (euro)"), max_digits=14, decimal_places=2)
    date = models.DateField(_("datum"))
    source = models.CharField(
        _("bron"), max_length=255, help_text=_("Bijvoorbeeld een opdracht, subsidie, factuur of verplichtingnummer.")
    )
    description = models.TextField(_("omschrijving"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    history = tracked_history()

    class Meta:
        verbose_name = _("uitgave")
        verbose_name_plural = _("uitgaven")
        ordering = ["-date"]
        indexes = [models.Index(fields=["date"])]
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="expenditure_not_negative")]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.source}: € {self.amount}"
