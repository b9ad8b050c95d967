"""The forms of the indicator import: upload a CSV for an indicator, or read a kept file again differently."""

from django import forms
from django.utils.translation import gettext_lazy as _

from analysis.forms.kpis import NumberField
from analysis.indicator_models import Indicator
from analysis.services.indicators import MAX_IMPORT_BYTES
from municipalities.forms import RegisterForm, https_formfield


class _IndicatorChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Indicator) -> str:
        return obj.label


class ImportSettingsForm(forms.Form):
    indicator = _IndicatorChoice(
        label=_("Indicator"),
        queryset=Indicator.objects.order_by("level__order", "order", "code"),
        error_messages={"required": _("Kies de indicator waar de cijfers bij horen.")},
    )
    value_column = forms.CharField(
        label=_("Kolom met de waarde"),
        required=False,
        max_length=255,
        help_text=_(
            "De kolomnaam zoals in de kopregel, bijvoorbeeld 'Ervaren discriminatie (%)'. Leeg: de laatste kolom."
        ),
    )


class ImportUploadForm(ImportSettingsForm):
    file = forms.FileField(
        label=_("CSV-bestand"),
        help_text=_(
            "Een export van CBS StatLine (CSV, puntkomma's, met een kolom 'Perioden') of een tabel van het SCP "
            "(met een kolom 'Jaar'). Hoogstens 2 MB. De cijfers worden nog niet opgeslagen: u ziet eerst wat er "
            "verandert."
        ),
        error_messages={"required": _("Kies het CSV-bestand met de cijfers.")},
    )
    field_order = ["indicator", "file", "value_column"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".csv,text/csv,text/plain"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("Het bestand is groter dan 2 MB. Splits het op, of kies minder kolommen in de export.")
            )
        return upload


class IndicatorValueForm(forms.Form):
    """One figure typed by staff; an existing figure of the same period and breakdown is corrected."""

    period = forms.CharField(
        label=_("Periode"),
        max_length=20,
        help_text=_("Een jaar (2024), kwartaal (2024KW02) of maand (2024MM04)."),
        error_messages={"required": _("Vul de periode in.")},
    )
    breakdown = forms.CharField(
        label=_("Uitsplitsing"),
        max_length=255,
        required=False,
        help_text=_("Leeg voor heel Nederland; anders bijvoorbeeld 'Provincie: Utrecht'."),
    )
    value = NumberField(
        label=_("Waarde"),
        max_digits=16,
        decimal_places=4,
        error_messages={"required": _("Vul de waarde in."), "invalid": _("Vul een getal in, bijvoorbeeld 26,4.")},
    )
    note = forms.CharField(
        label=_("Toelichting"),
        max_length=500,
        required=False,
        help_text=_("Bijvoorbeeld de publicatie waar het cijfer uit komt."),
    )


class IndicatorForm(RegisterForm):
    """What an indicator measures, what it speaks to, and where its figures come from."""

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "name_en",
            "definition",
            "definition_en",
            "level",
            "phenomenon",
            "protective_factor",
            "unit",
            "direction",
            "source_publisher",
            "source_table",
            "source_url",
            "licence",
        ]
        widgets = {"definition": forms.Textarea(attrs={"rows": 4}), "definition_en": forms.Textarea(attrs={"rows": 4})}
        formfield_callback = https_formfield

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("phenomenon") and not cleaned.get("protective_factor"):
            self.add_error(
                "phenomenon",
                _("Kies het maatschappelijke fenomeen of de beschermende factor waar de indicator iets over zegt."),
            )
        return cleaned
