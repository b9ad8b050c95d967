"""Forms for reporting. They parse and check what people type; the rules that involve other
records (the grant, the report's state, a colleague's save) live in the services, whose
problems are put back on these forms.
"""

import re
from decimal import Decimal

from django import forms
from django.conf import settings
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core import uploads
from interventions.filters.reports import PeriodChoiceField
from interventions.models import Intervention, Report, ReportAttachment, ReportingPeriod, ReportItem, ReportItemOutcome
from interventions.selectors.report_checks import CHECKED_FIELDS, CheckBasis, Flag, report_flags
from interventions.services.report_checks import MAX_EXPLANATION
from interventions.services.report_problems import Problem
from interventions.services.reports import MAX_PARTICIPANTS, MAX_REVISION, MAX_SPENDING, ItemChange

_GROUPED_INTEGER = re.compile(r"^-?\d{1,3}([. ]\d{3})+$")
_NOT_NEGATIVE = _("Vul 0 of meer in; een negatief getal kan hier niet.")


def _normalise_integer(text: str) -> str:
    """Accept Dutch thousands separators: "1.250" and "1 250" are twelve hundred and fifty."""
    value = text.strip().replace("\u00a0", " ")
    if _GROUPED_INTEGER.match(value):
        value = value.replace(".", "").replace(" ", "")
    return value


def _normalise_euros(text: str) -> str:
    """Read amounts as Dutch people write them: "1.250,50", "1250,5", "€ 1.250"; also "1250.50"."""
    value = text.strip().replace("€", "").replace("\u00a0", "").replace(" ", "")
    if "," in value and "." in value:
        if value.rfind(",") > value.rfind("."):
            value = value.replace(".", "").replace(",", ".")
        else:
            value = value.replace(",", "")
    elif "," in value:
        if value.count(",") == 1:
            value = value.replace(",", ".")
    elif value.count(".") > 1 or _GROUPED_INTEGER.match(value):
        value = value.replace(".", "")
    return value


class OneMessageEach:
    """Say each problem once: a too-large amount breaks both the largest-value and the digits rule,
    whose messages are the same."""

    def run_validators(self, value):
        try:
            super().run_validators(value)  # type: ignore[misc]
        except forms.ValidationError as error:
            raise forms.ValidationError(list(dict.fromkeys(error.messages))) from None


class CountField(OneMessageEach, forms.IntegerField):
    """A whole number of people. A text box, so the browser never throws away what was typed."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "class": "report-number"})
    default_error_messages = {
        "invalid": _("Vul een geheel getal in, bijvoorbeeld 120."),
        "min_value": _NOT_NEGATIVE,
        "max_value": _("Dit aantal is onwaarschijnlijk groot; controleer het."),
    }

    def __init__(self, **kwargs):
        super().__init__(min_value=0, max_value=MAX_PARTICIPANTS, required=False, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = _normalise_integer(value)
        return super().to_python(value)


class EuroField(OneMessageEach, forms.DecimalField):
    """An amount in euros, typed the Dutch way."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "class": "report-number"})
    default_error_messages = {
        "invalid": _("Vul een bedrag in euro’s in, bijvoorbeeld 1250 of 1.250,50."),
        "min_value": _("Vul 0 of meer in; uitgaven kunnen niet negatief zijn."),
        "max_value": _("Dit bedrag is te groot; controleer het."),
        "max_decimal_places": _("Gebruik hoogstens twee cijfers achter de komma."),
        "max_digits": _("Dit bedrag is te groot; controleer het."),
        "max_whole_digits": _("Dit bedrag is te groot; controleer het."),
    }

    def __init__(self, **kwargs):
        super().__init__(
            min_value=Decimal("0"), max_value=MAX_SPENDING, max_digits=12, decimal_places=2, required=False, **kwargs
        )

    def to_python(self, value):
        if isinstance(value, str):
            value = _normalise_euros(value)
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return formats.number_format(value, decimal_pos=0 if value == value.to_integral() else 2)
        return value


def _model_label(name: str) -> str:
    return capfirst(ReportItem._meta.get_field(name).verbose_name)


class ReportItemForm(forms.Form):
    """What one intervention did in the half-year, with a rating per protective factor."""

    participants_total = CountField(
        label=_model_label("participants_total"),
        help_text=_("Vul 0 in als er niemand is bereikt. Leeg betekent: nog niet ingevuld."),
    )
    # Short labels: the fieldset's legend already says "of whom, per age group".
    participants_0_11 = CountField(label=_("0-11 jaar"))
    participants_12_17 = CountField(label=_("12-17 jaar"))
    participants_18_26 = CountField(label=_("18-26 jaar"))
    participants_27_64 = CountField(label=_("27-64 jaar"))
    participants_65_plus = CountField(label=_("65 jaar en ouder"))
    activities = forms.CharField(
        label=_model_label("activities"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat is er dit halfjaar gedaan: bijeenkomsten, trainingen, huisbezoeken."),
    )
    spending = EuroField(
        label=_model_label("spending"),
        help_text=_(
            "Uitgaven in dit halfjaar, in euro’s, bijvoorbeeld 1250 of 1.250,50. Vul 0 in als er niets is "
            "uitgegeven. Leeg betekent: nog niet ingevuld."
        ),
    )
    lessons_learned = forms.CharField(
        label=_model_label("lessons_learned"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    notes = forms.CharField(label=_model_label("notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    RATING_CHOICES = [("", _("Niet beoordeeld")), *ReportItemOutcome.Rating.choices]

    def __init__(
        self, *args, intervention: Intervention, item: ReportItem | None, factors, areas: list | None = None, **kwargs
    ):
        self.intervention = intervention
        self.item = item
        self.factors = list(factors)
        initial = {}
        if item is not None:
            initial = {name: getattr(item, name) for name in (*ReportItem.AGE_BANDS, "participants_total")}
            initial.update(
                activities=item.activities,
                spending=item.spending,
                lessons_learned=item.lessons_learned,
                notes=item.notes,
            )
            initial.update({f"factor_{o.protective_factor_id}": o.rating for o in item.outcomes.all()})
            initial["focus_area"] = item.focus_area_id
            initial.update({f"explain_{check.field}": check.explanation for check in item.checks.all()})
        super().__init__(*args, prefix=f"item-{intervention.pk}", initial=initial, **kwargs)
        if areas:
            # Only when the municipality has recorded areas: the question is moot otherwise.
            self.fields["focus_area"] = forms.TypedChoiceField(
                label=_model_label("focus_area"),
                choices=[("", _("Geen bepaald gebied")), *((area.pk, area.name) for area in areas)],
                coerce=int,
                empty_value=None,
                required=False,
                help_text=ReportItem._meta.get_field("focus_area").help_text,
            )
        for name in CHECKED_FIELDS:
            # A short label, described by the box's title that names the figure: the figure's own label
            # stays the only one a search for it finds.
            self.fields[f"explain_{name}"] = forms.CharField(
                label=_("Uw toelichting op dit cijfer (niet verplicht)"),
                required=False,
                max_length=MAX_EXPLANATION,
                widget=forms.Textarea(attrs={"rows": 2, "aria-describedby": f"check-{intervention.pk}-{name}-title"}),
            )
        # The figures that stand out, and those that have something to be compared with (see attach_flags).
        self.flags: dict[str, Flag] = {}
        self.armed: set[str] = set()
        self.check_basis = CheckBasis(previous={}, factors={}, pace=None)
        for factor in self.factors:
            self.fields[f"factor_{factor.pk}"] = forms.TypedChoiceField(
                label=factor.name,
                choices=self.RATING_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
            )

    @property
    def is_blank(self) -> bool:
        """Nothing saved for this intervention yet."""
        return self.item is None or self.item.is_blank

    @property
    def band_fields(self):
        return [self[name] for name in ReportItem.AGE_BANDS]

    @property
    def factor_fields(self):
        return [self[f"factor_{factor.pk}"] for factor in self.factors]

    @property
    def check_prompts(self) -> list[dict]:
        """The explanation box of every field that stands out, or may once typed (hidden until then).

        ``flag`` is None for a box the page's script opens as the user types; without the script
        it opens once the figure is saved.
        """
        return [
            {
                "name": name,
                "field": self[f"explain_{name}"],
                "flag": self.flags.get(name),
                "previous": self.check_basis.previous.get(self.intervention.pk, {}).get(name),
                "pace": self.check_basis.pace if name == "spending" else None,
            }
            for name in CHECKED_FIELDS
            if name in self.flags or name in self.armed
        ]

    def arm_checks(self, basis: CheckBasis) -> None:
        """Give each checked figure what it is compared with, so the page can ask as soon as it is typed."""
        self.check_basis = basis
        previous = basis.previous.get(self.intervention.pk, {})
        for name in CHECKED_FIELDS:
            attrs = {}
            if previous.get(name):
                attrs = {"data-check-previous": str(previous[name]), "data-check-factor": str(basis.factors[name])}
            if name == "spending" and basis.pace is not None:
                attrs["data-check-pace"] = str(basis.pace)
            if attrs:
                attrs["data-check-box"] = f"check-{self.intervention.pk}-{name}"
                self.fields[name].widget.attrs.update(attrs)
                self.armed.add(name)

    def figures(self) -> dict:
        """The checked figures as typed (if they could be read), or as saved."""
        if self.is_bound:
            data = getattr(self, "cleaned_data", {})
            return {name: data.get(name) for name in CHECKED_FIELDS}
        return {name: self.initial.get(name) for name in CHECKED_FIELDS}

    def clean(self):
        data = super().clean()
        total = data.get("participants_total") or 0
        bands = [data.get(name) for name in ReportItem.AGE_BANDS]
        band_sum = sum(band or 0 for band in bands)
        if band_sum > total and data.get("participants_total") is None and not self.has_error("participants_total"):
            self.add_error(
                "participants_total",
                _("Vul ook het totaal in; de leeftijdsgroepen tellen op tot %(bands)s.") % {"bands": band_sum},
            )
        elif band_sum > total and not self.has_error("participants_total"):
            self.add_error(
                "participants_total",
                _(
                    "De leeftijdsgroepen tellen op tot %(bands)s, meer dan het totaal van %(total)s. "
                    "Verhoog het totaal of verlaag de aantallen per leeftijdsgroep."
                )
                % {"bands": band_sum, "total": total},
            )
        return data

    def to_change(self) -> ItemChange:
        data = self.cleaned_data
        values = {name: data.get(name) for name in ("participants_total", *ReportItem.AGE_BANDS)}
        values.update(
            activities=data.get("activities", ""),
            spending=data.get("spending"),
            lessons_learned=data.get("lessons_learned", ""),
            notes=data.get("notes", ""),
        )
        if "focus_area" in self.fields:
            values["focus_area_id"] = data.get("focus_area")
        outcomes = {factor.pk: data.get(f"factor_{factor.pk}") for factor in self.factors}
        explanations = {name: data.get(f"explain_{name}", "") for name in CHECKED_FIELDS}
        return ItemChange(
            intervention_id=self.intervention.pk, values=values, outcomes=outcomes, explanations=explanations
        )


class ReportForm(forms.Form):
    summary = forms.CharField(
        label=capfirst(Report._meta.get_field("summary").verbose_name),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat wilt u de programmastaf over dit halfjaar als geheel laten weten?"),
    )
    needs = forms.CharField(
        label=capfirst(Report._meta.get_field("needs").verbose_name),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=Report._meta.get_field("needs").help_text,
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_REVISION)


class SubmitConfirmForm(forms.Form):
    """The last step: hand in the report as it was summarised, at the revision the page showed."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_REVISION)


class AttachmentChoiceField(forms.ModelMultipleChoiceField):
    """Checks that each id is a number a database can hold before asking the database
    (SQLite raises OverflowError, not a validation error, on a huge number)."""

    def _check_values(self, value):
        for pk in value:
            if not str(pk).isdigit() or int(pk) > 2**63 - 1:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Bijlage toevoegen"),
        required=False,
        help_text=_(
            "PDF, DOCX, XLSX, ODT, PNG of JPG, hoogstens 20 MB. De bijlage wordt bewaard als u het verslag opslaat."
        ),
        widget=forms.FileInput(attrs={"accept": uploads.ACCEPT_ATTRIBUTE}),
    )
    remove = AttachmentChoiceField(
        label=_("Bijlagen verwijderen"),
        queryset=ReportAttachment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, report: Report, **kwargs):
        super().__init__(*args, prefix="attachments", **kwargs)
        self.fields["remove"].queryset = report.attachments.all()
        self.fields["remove"].label_from_instance = lambda attachment: attachment.original_name

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            try:
                uploads.check_upload(
                    upload, name=upload.name, size=upload.size, max_bytes=settings.REPORT_ATTACHMENT_MAX_BYTES
                )
            except uploads.UploadRejected as rejected:
                raise forms.ValidationError(str(rejected)) from rejected
        return upload


class ReportEditForms:
    """The whole report page: the report's own fields, one form per intervention, and attachments."""

    def __init__(self, *, report: Report, running: list[Intervention], data=None, files=None):
        self.report = report
        areas = list(report.municipality.focus_areas.order_by("name"))
        self.report_form = ReportForm(
            data,
            initial={"summary": report.summary, "needs": report.needs, "revision": report.revision},
            prefix="report",
        )
        items = {item.intervention_id: item for item in report.items.all()}
        interventions = [item.intervention for item in items.values()]
        interventions += [i for i in running if i.pk not in items]
        interventions.sort(key=lambda i: i.name)
        self.item_forms = []
        for intervention in interventions:
            item = items.get(intervention.pk)
            factors = {f.pk: f for f in intervention.protective_factors.all()}
            if item is not None:
                factors.update({o.protective_factor_id: o.protective_factor for o in item.outcomes.all()})
            self.item_forms.append(
                ReportItemForm(
                    data,
                    intervention=intervention,
                    item=item,
                    factors=sorted(factors.values(), key=lambda f: f.code),
                    areas=areas,
                )
            )
        self.attachment_form = AttachmentForm(data, files, report=report)

    @property
    def forms(self) -> list[forms.Form]:
        return [self.report_form, *self.item_forms, self.attachment_form]

    @property
    def blank_item_forms(self) -> list[ReportItemForm]:
        """The interventions with nothing filled in yet, as saved."""
        return [form for form in self.item_forms if form.is_blank]

    @property
    def flagged(self) -> list[tuple["ReportItemForm", Flag]]:
        """(form, flag) for every figure on the page that stands out, in page order."""
        return [(form, form.flags[name]) for form in self.item_forms for name in CHECKED_FIELDS if name in form.flags]

    def attach_flags(self, basis: CheckBasis) -> None:
        """Mark the figures that stand out against the previous half-year or the grant's pace, as typed."""
        flags = report_flags(basis=basis, figures={form.intervention.pk: form.figures() for form in self.item_forms})
        for form in self.item_forms:
            form.flags = {flag.field: flag for flag in flags.get(form.intervention.pk, [])}
            form.arm_checks(basis)

    def is_valid(self) -> bool:
        # Every form is validated (no short-circuit), so every error shows at once.
        results = [form.is_valid() for form in self.forms]
        return all(results)

    @property
    def revision(self) -> int:
        return self.report_form.cleaned_data["revision"]

    def item_changes(self) -> list[ItemChange]:
        return [form.to_change() for form in self.item_forms]

    def add_problems(self, problems) -> None:
        """Put the service's problems next to the fields they are about."""
        by_intervention = {form.intervention.pk: form for form in self.item_forms}
        for problem in problems:
            form = by_intervention.get(problem.intervention_id)
            if form is not None and problem.field in form.fields:
                form.add_error(problem.field, problem.message)
            elif problem.field == "file":
                self.attachment_form.add_error("file", problem.message)
            else:
                self.report_form.add_error(None, problem.message)

    def error_list(self) -> list[tuple[str, str]]:
        """(message, anchor) pairs for the summary at the top of the page."""
        errors = []
        first_field = self.item_forms[0]["spending"].auto_id if self.item_forms else "id_report-summary"
        for message in self.report_form.non_field_errors():
            errors.append((message, first_field))
        for form in self.forms:
            for name, field_errors in form.errors.items():
                if name == forms.forms.NON_FIELD_ERRORS:
                    continue
                bound = form[name]
                prefix = f"{form.intervention.name}: " if isinstance(form, ReportItemForm) else ""
                for error in field_errors:
                    errors.append((f"{prefix}{bound.label}: {error}", bound.auto_id))
        return errors


class ReportCreateForm(forms.Form):
    period = PeriodChoiceField(
        queryset=ReportingPeriod.objects.all(),
        label=_("Over welke periode rapporteert u?"),
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Deze periode bestaat niet. Kies een van de open periodes.")},
    )

    def __init__(self, *args, choices: list[ReportingPeriod], **kwargs):
        super().__init__(*args, **kwargs)
        # Only open periods are offered; a period that closed while the page was open is
        # still accepted here, so the service can say clearly that it is closed.
        self.fields["period"].widget.choices = [(p.pk, self.fields["period"].label_from_instance(p)) for p in choices]


class ReviewForm(forms.Form):
    DECISIONS = [("accept", _("Accepteren")), ("return", _("Terugsturen naar de gemeente"))]

    decision = forms.ChoiceField(
        label=_("Beslissing"),
        choices=DECISIONS,
        widget=forms.HiddenInput,
        error_messages={"required": _("Kies of u het verslag accepteert of terugstuurt.")},
    )
    comment = forms.CharField(
        label=_("Toelichting voor de gemeente"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Verplicht als u het verslag terugstuurt: schrijf wat de gemeente moet verbeteren."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Schrijf waarom u het verslag terugstuurt; de gemeente ziet deze toelichting."))
        return data


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van heropenen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("De gemeente ziet deze reden en kan het verslag daarna weer aanpassen."),
        error_messages={"required": _("Schrijf waarom u het verslag heropent; de gemeente ziet deze reden.")},
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Naam van de sleutel"),
        max_length=100,
        help_text=_(
            "Waar u de sleutel gebruikt, bijvoorbeeld het systeem of de computer. Alleen u ziet de sleutel zelf."
        ),
        error_messages={"required": _("Geef de sleutel een naam, zodat u hem later herkent.")},
    )


def problems_to_form(form: forms.Form, problems: tuple[Problem, ...]) -> None:
    """Put a service's problems on a simple form: on the named field if it has one, else on the form."""
    for problem in problems:
        form.add_error(problem.field if problem.field in form.fields else None, problem.message)
