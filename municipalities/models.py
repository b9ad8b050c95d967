"""Municipalities, organisations, grants, partnerships and who belongs where."""

import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agenda.models import Activity, Programme
from core.history import tracked_history

CBS_CODE_PATTERN = r"^GM[0-9]{4}$"


class Province(models.TextChoices):
    DRENTHE = "Drenthe", "Drenthe"
    FLEVOLAND = "Flevoland", "Flevoland"
    FRYSLAN = "Fryslân", "Fryslân"
    GELDERLAND = "Gelderland", "Gelderland"
    GRONINGEN = "Groningen", "Groningen"
    LIMBURG = "Limburg", "Limburg"
    NOORD_BRABANT = "Noord-Brabant", "Noord-Brabant"
    NOORD_HOLLAND = "Noord-Holland", "Noord-Holland"
    OVERIJSSEL = "Overijssel", "Overijssel"
    UTRECHT = "Utrecht", "Utrecht"
    ZEELAND = "Zeeland", "Zeeland"
    ZUID_HOLLAND = "Zuid-Holland", "Zuid-Holland"


class Municipality(models.Model):
    cbs_code = models.CharField(
        _("CBS-code"), max_length=6, unique=True, help_text=_("Gemeentecode van het CBS, bijvoorbeeld GM0363.")
    )
    name = models.CharField(_("naam"), max_length=120)
    province = models.CharField(_("provincie"), max_length=20, choices=Province.choices)
    shares_lessons_by_name = models.BooleanField(
        _("lessen met naam delen"),
        default=False,
        help_text=_(
            "Toestemming van de gemeente om passages uit haar verslagen met haar naam te tonen in de analyse en "
            "aan de klankbordgroep. Zonder toestemming staat er 'een gemeente in' en de provincie."
        ),
    )
    history = tracked_history()

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(cbs_code__regex=CBS_CODE_PATTERN), name="municipality_cbs_code_format"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("municipalities:municipality_detail", args=[self.cbs_code])

    def public_label(self) -> str:
        """Its name with consent, else "een gemeente in <provincie>": how a passage from its reports is signed."""
        return self.name if self.shares_lessons_by_name else anonymous_label(self.province)


def anonymous_label(province: str) -> str:
    return gettext("een gemeente in %(province)s") % {"province": province}


# CBS neighbourhood (buurt) and district (wijk) codes: BU + municipality code + 4 digits, WK + municipality code + 2.
AREA_CODE_PATTERN = re.compile(r"^(?:BU[0-9]{8}|WK[0-9]{6})$")


def parse_area_codes(text: str) -> list[str]:
    """The CBS codes in a text, split on spaces, commas or semicolons, upper-cased, each once, in order."""
    return list(dict.fromkeys(code.upper() for code in re.split(r"[\s,;]+", text or "") if code))


class FocusArea(models.Model):
    """An area a municipality focuses on: one of the 20 NPLV focus areas (reference data), or an
    area the municipality delimits itself, with the CBS neighbourhoods or districts it covers."""

    class Kind(models.TextChoices):
        NPLV = "nplv", _("NPLV-focusgebied")
        OWN = "own", _("Eigen gebied van de gemeente")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="focus_areas", verbose_name=_("gemeente")
    )
    name = models.CharField(_("naam"), max_length=120)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices, default=Kind.OWN)
    cbs_codes = models.TextField(
        _("CBS-codes van buurten of wijken"),
        blank=True,
        help_text=_(
            "Waar van toepassing: buurtcodes (BU gevolgd door 8 cijfers, bijvoorbeeld BU03630000) of wijkcodes "
            "(WK gevolgd door 6 cijfers, bijvoorbeeld WK036300), gescheiden door spaties of komma's."
        ),
    )
    description = models.TextField(_("toelichting"), blank=True, help_text=_("Waarom de gemeente dit gebied kiest."))
    history = tracked_history()

    class Meta:
        verbose_name = _("focusgebied")
        verbose_name_plural = _("focusgebieden")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="unique_focus_area_per_municipality"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        codes = parse_area_codes(self.cbs_codes)
        wrong = [code for code in codes if not AREA_CODE_PATTERN.match(code)]
        if wrong:
            raise ValidationError(
                {
                    "cbs_codes": _(
                        "%(codes)s is geen CBS-code van een buurt (BU en 8 cijfers) of wijk (WK en 6 cijfers)."
                    )
                    % {"codes": ", ".join(wrong)}
                }
            )
        if self.municipality_id is not None:
            digits = self.municipality.cbs_code[2:]
            elsewhere = [code for code in codes if code[2:6] != digits]
            if elsewhere:
                raise ValidationError(
                    {
                        "cbs_codes": _("%(codes)s ligt niet in %(municipality)s: de code begint niet met %(digits)s.")
                        % {"codes": ", ".join(elsewhere), "municipality": self.municipality, "digits": digits}
                    }
                )
        self.cbs_codes = " ".join(codes)

    @property
    def code_list(self) -> list[str]:
        return parse_area_codes(self.cbs_codes)


class Organisation(models.Model):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Gemeente")
        CIVIL_SOCIETY = "civil_society", _("Maatschappelijke organisatie")
        KNOWLEDGE = "knowledge", _("Kennisinstelling")
        EDUCATION = "education", _("Onderwijsinstelling")
        COMMUNITY = "community", _("Zelforganisatie of sleutelfiguren")
        MINISTRY = "ministry", _("Departement")
        VNG = "vng", _("VNG")

    name = models.CharField(_("naam"), max_length=255, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("gemeente"),
        help_text=_("Waar de organisatie gevestigd is, of de gemeente die zij is."),
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("omschrijving"), blank=True)
    activities = models.ManyToManyField(
        Activity,
        through="ActivityParticipation",
        related_name="organisations",
        blank=True,
        verbose_name=_("activiteiten"),
    )
    history = tracked_history()

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("municipalities:organisation_detail", args=[self.pk])


class ActivityParticipation(models.Model):
    """An organisation taking part in one of the programme's activities, from a date."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, verbose_name=_("organisatie"))
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, verbose_name=_("activiteit"))
    joined_on = models.DateField(_("deelname vanaf"))
    history = tracked_history()

    class Meta:
        verbose_name = _("deelname aan activiteit")
        verbose_name_plural = _("deelnames aan activiteiten")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "activity"], name="unique_activity_participation"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} - {self.activity}"

    def get_absolute_url(self) -> str:
        return reverse("municipalities:participation_detail", args=[self.pk])


class Grant(models.Model):
    """A specific payment (SPUK Kansrijke Wijk) to a municipality for a focus area."""

    class Theme(models.TextChoices):
        RESILIENCE = "resilience", _("Veerkracht en weerbaarheid")
        COHESION = "cohesion", _("Maatschappelijke samenhang")

    class Tranche(models.IntegerChoices):
        FIRST = 1, _("Eerste tranche (2023-2025)")
        SECOND = 2, _("Tweede tranche (2026-2028)")

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="grants", verbose_name=_("programma")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="grants", verbose_name=_("gemeente")
    )
    focus_area = models.ForeignKey(
        FocusArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants",
        verbose_name=_("focusgebied (wijk)"),
    )
    focus_areas = models.ManyToManyField(
        FocusArea,
        related_name="grants_in_area",
        blank=True,
        verbose_name=_("gebieden"),
        help_text=_(
            "De gebieden van de gemeente waar de uitkering wordt ingezet: eigen gebieden of NPLV-focusgebieden."
        ),
    )
    regulation = models.CharField(_("regeling"), max_length=120, default="SPUK Kansrijke Wijk")
    sisa_code = models.CharField(
        _("SiSa-code"), max_length=20, blank=True, help_text=_("Code van de specifieke uitkering in de SiSa-bijlage.")
    )
    tranche = models.PositiveSmallIntegerField(_("tranche"), choices=Tranche.choices, default=Tranche.FIRST)
    theme = models.CharField(_("thema"), max_length=20, choices=Theme.choices, default=Theme.RESILIENCE)
    first_year = models.PositiveSmallIntegerField(_("eerste jaar"))
    last_year = models.PositiveSmallIntegerField(_("laatste jaar"))
    amount = models.DecimalField(_("bedrag (euro)"), max_digits=14, decimal_places=2)
    awarded_on = models.DateField(_("toegekend op"))
    decision_reference = models.CharField(_("kenmerk beschikking"), max_length=60, blank=True)
    amount_is_example = models.BooleanField(
        _("voorbeeldbedrag"), default=False, help_text=_("Aangevinkt bij demonstratiegegevens: geen echt bedrag.")
    )
    history = tracked_history(m2m_fields=[focus_areas])

    class Meta:
        verbose_name = _("specifieke uitkering")
        verbose_name_plural = _("specifieke uitkeringen")
        ordering = ["municipality__name", "tranche"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="grant_amount_not_negative"),
            models.CheckConstraint(condition=Q(last_year__gte=F("first_year")), name="grant_years_in_order"),
        ]

    def __str__(self) -> str:
        return f"{self.regulation} {self.municipality} ({self.first_year}-{self.last_year})"

    def get_absolute_url(self) -> str:
        return reverse("municipalities:grant_detail", args=[self.pk])

    def covers(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year

    @property
    def amount_per_year(self) -> Decimal:
        """The grant's pace: its amount spread evenly over its years, in cents."""
        return (self.amount / (self.last_year - self.first_year + 1)).quantize(Decimal("0.01"))


class LearningCommunityMembership(models.Model):
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="learning_community_memberships",
        verbose_name=_("gemeente"),
    )
    joined_on = models.DateField(_("deelname vanaf"))
    left_on = models.DateField(_("deelname tot"), null=True, blank=True)
    history = tracked_history()

    class Meta:
        verbose_name = _("deelname learning community")
        verbose_name_plural = _("deelnames learning community")
        ordering = ["municipality__name", "joined_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="learning_community_left_after_joined",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} ({self.joined_on:%d-%m-%Y})"

    def get_absolute_url(self) -> str:
        return reverse("municipalities:membership_detail", args=[self.pk])


class Partnership(models.Model):
    """A samenwerkingsverband between organisations, possibly around municipalities."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="partnerships", verbose_name=_("programma")
    )
    name = models.CharField(_("naam"), max_length=255, unique=True)
    purpose = models.TextField(_("doel"))
    started_on = models.DateField(_("startdatum"))
    ended_on = models.DateField(_("einddatum"), null=True, blank=True)
    members = models.ManyToManyField(
        Organisation, related_name="partnerships", blank=True, verbose_name=_("deelnemers")
    )
    municipalities = models.ManyToManyField(
        Municipality, related_name="partnerships", blank=True, verbose_name=_("gemeenten")
    )
    history = tracked_history(m2m_fields=[members, municipalities])

    class Meta:
        verbose_name = _("samenwerkingsverband")
        verbose_name_plural = _("samenwerkingsverbanden")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="partnership_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("municipalities:partnership_detail", args=[self.pk])


class Membership(models.Model):
    """Ties a user to the municipality or organisation they act for."""

    class Role(models.TextChoices):
        CONTRIBUTOR = "contributor", _("Medewerker")
        CONTACT = "contact", _("Contactpersoon")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("gebruiker")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("gemeente"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("organisatie"),
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.CONTRIBUTOR)
    history = tracked_history()

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.CheckConstraint(
                condition=(Q(municipality__isnull=False) & Q(organisation__isnull=True))
                | (Q(municipality__isnull=True) & Q(organisation__isnull=False)),
                name="membership_one_target",
            ),
            # A municipality user acts for exactly one municipality.
            models.UniqueConstraint(
                fields=["user"], condition=Q(municipality__isnull=False), name="one_municipality_per_user"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} - {self.municipality or self.organisation}"
