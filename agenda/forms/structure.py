"""The forms staff edit a programme's structure with: the programme, its action lines, principles, KPIs and budget."""

from decimal import Decimal

from django import forms
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agenda.models import ActionLine, BudgetLine, GuidingPrinciple, Kpi, Programme
from core.forms import NumberField

DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]


class StructureForm(forms.ModelForm):
    """A model form with date pickers and amounts as people type them ('1.234,56')."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name not in self._meta.fields:
                continue
            model_field = self._meta.model._meta.get_field(name)
            if isinstance(model_field, models.DateField):
                field.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
                field.input_formats = DATE_FORMATS
            if isinstance(model_field, models.TextField):
                field.widget = forms.Textarea(attrs={"rows": 3})


class ProgrammeForm(StructureForm):
    class Meta:
        model = Programme
        fields = ["code", "name", "name_en", "owner", "starts_on", "ends_on", "mission", "mission_en"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = _("Een korte naam voor adressen, bijvoorbeeld agenda-2025-2030.")
        if self.instance.pk:
            # Pages link to a programme by its code; it stays as it was created.
            del self.fields["code"]

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end <= start:
            self.add_error("ends_on", gettext("De einddatum moet na de begindatum liggen."))
        return data


class ProgrammeCopyForm(ProgrammeForm):
    """A new programme, started from the structure of an existing one."""

    source = forms.ModelChoiceField(
        label=_("Overnemen van"),
        queryset=Programme.objects.order_by("-starts_on"),
        empty_label=None,
        help_text=_(
            "De actielijnen, uitgangspunten, KPI-definities en begrotingsposten worden overgenomen. "
            "Bedragen worden niet overgenomen; streefwaarden en deadlines vult u daarna opnieuw in."
        ),
    )

    field_order = ["source"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].label_from_instance = lambda programme: programme.label


class ActionLineForm(StructureForm):
    class Meta:
        model = ActionLine
        fields = ["code", "name", "name_en", "description", "order"]


class GuidingPrincipleForm(StructureForm):
    class Meta:
        model = GuidingPrinciple
        fields = ["code", "name", "name_en", "description", "order"]


class KpiForm(StructureForm):
    class Meta:
        model = Kpi
        fields = [
            "action_line",
            "code",
            "name",
            "name_en",
            "description",
            "description_en",
            "target",
            "unit",
            "period",
            "deadline",
            "measure",
            "measure_description",
            "measure_description_en",
            "order",
        ]
        field_classes = {"target": NumberField}
        widgets = {"period": forms.RadioSelect}

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action_line"].queryset = programme.action_lines.order_by("order", "code")
        self.fields["action_line"].empty_label = None
        self.fields["deadline"].help_text = _("Verplicht bij 'Uiterlijk op een datum'.")

    def clean_target(self):
        target = self.cleaned_data["target"]
        if target is not None and target < 0:
            raise forms.ValidationError(_("De streefwaarde kan niet negatief zijn."), code="negative")
        return target

    def clean(self):
        data = super().clean()
        if data.get("period") == Kpi.Period.DEADLINE and not data.get("deadline"):
            self.add_error("deadline", gettext("Vul de deadline in, of kies de periode 'Per jaar'."))
        if data.get("period") == Kpi.Period.PER_YEAR:
            data["deadline"] = None
        return data


class BudgetLineForm(StructureForm):
    class Meta:
        model = BudgetLine
        fields = ["action_line", "category", "planned"]
        field_classes = {"planned": NumberField}

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action_line"].queryset = programme.action_lines.order_by("order", "code")
        self.fields["action_line"].empty_label = gettext("Geen actielijn (overige kosten)")
        self.fields["planned"].help_text = _("Zoals in de tabel van het plan: euro per jaar, gemiddeld.")

    def clean_planned(self):
        planned = self.cleaned_data["planned"]
        if planned is not None and planned < 0:
            raise forms.ValidationError(_("Het bedrag kan niet negatief zijn."), code="negative")
        return planned


OTHER_COSTS = "other"


class BudgetYearForm(forms.Form):
    """A year's real plan per action line; an empty field leaves that line pro rata."""

    def __init__(self, *args, lines: list[ActionLine | None], pro_rata: dict, entered: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = {}
        for line in lines:
            key = str(line.pk) if line else OTHER_COSTS
            self.lines[key] = line
            label = f"{line.code} {line.label}" if line else gettext("Overige kosten (geen actielijn)")
            field = NumberField(
                label=label,
                required=False,
                max_digits=14,
                decimal_places=2,
                help_text=gettext("Leeg laten: naar rato, € %(amount)s.")
                % {
                    "amount": number_format(
                        pro_rata.get(line.pk if line else None, Decimal(0)),
                        decimal_pos=2,
                        use_l10n=True,
                        force_grouping=True,
                    )
                },
            )
            field.initial = entered.get(line.pk if line else None)
            self.fields[key] = field

    def clean(self):
        data = super().clean()
        for key, value in list(data.items()):
            if value is not None and value < 0:
                self.add_error(key, gettext("Het bedrag kan niet negatief zijn."))
        return data

    def plans(self) -> dict[ActionLine | None, Decimal | None]:
        return {line: self.cleaned_data.get(key) for key, line in self.lines.items()}
