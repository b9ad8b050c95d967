"""Register forms for interventions and evaluations; they check what the database checks."""

import filetype
from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agenda.selectors import latest_programme
from core.forms import SearchableSelectMultiple
from interventions.models import Evaluation, Intervention
from interventions.services.register import INTERVENTION_M2M, developed_on_for
from municipalities.forms import RegisterForm, https_formfield

MAX_REPORT_SIZE = 20 * 1024 * 1024


class InterventionForm(RegisterForm):
    class Meta:
        model = Intervention
        fields = [
            "name",
            "slug",
            "summary",
            "description",
            "owner",
            "partners",
            "stage",
            "developed_on",
            "evidence_level",
            "resilience_level",
            "protective_factors",
            "phenomena",
            "target_groups",
            "action_lines",
            "capacity",
            "connection",
            "municipalities",
            "started_on",
            "website",
            "is_public",
        ]
        formfield_callback = https_formfield

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Leeg laten: wordt gemaakt uit de naam.")
        self.fields["developed_on"].help_text = _(
            "Verplicht vanaf de fase 'ontwikkeld'; leeg laten is vandaag. Wordt gewist bij een eerdere fase."
        )
        self.fields["protective_factors"].queryset = self.fields["protective_factors"].queryset.select_related("level")
        for name in ("municipalities", "partners"):
            # Hundreds of choices: a searchable multiple select, not a wall of checkboxes.
            self.fields[name].widget = SearchableSelectMultiple(choices=self.fields[name].choices)
            self.fields[name].help_text = SearchableSelectMultiple.help_text

    def clean_started_on(self):
        """An intervention joins a programme that runs: its start cannot lie beyond the last programme's end.

        A date within a programme lies before that programme's end, so only the programme that ends
        last can be exceeded (the intervention has no programme of its own).
        """
        day = self.cleaned_data["started_on"]
        last = latest_programme()
        if day and last and day > last.ends_on:
            raise forms.ValidationError(
                gettext(
                    "De startdatum %(date)s ligt na het einde van het programma: op die datum loopt geen programma. "
                    "Het laatste programma, %(programme)s, eindigt op %(end)s. Kies een datum tot en met %(end)s."
                )
                % {
                    "date": date_format(day, "j F Y"),
                    "programme": last.label,
                    "end": date_format(last.ends_on, "j F Y"),
                },
                code="after_programme",
            )
        return day

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("slug") and cleaned.get("name"):
            cleaned["slug"] = slugify(cleaned["name"])[:255]
        if cleaned.get("stage"):
            # The same rule the service applies, so the database constraint is met before saving.
            cleaned["developed_on"] = developed_on_for(stage=cleaned["stage"], developed_on=cleaned.get("developed_on"))
        return cleaned

    def m2m_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in INTERVENTION_M2M}


class EvaluationForm(RegisterForm):
    class Meta:
        model = Evaluation
        fields = [
            "intervention",
            "title",
            "kind",
            "evaluator",
            "status",
            "started_on",
            "completed_on",
            "findings",
            "report_file",
            "is_public",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["report_file"].help_text = _("Alleen PDF, hoogstens 20 MB.")
        self.fields["report_file"].widget.attrs["accept"] = "application/pdf,.pdf"
        self.fields["is_public"].help_text = _(
            "Een openbare evaluatie staat met haar bevindingen in de catalogus, als de interventie openbaar is."
        )

    def clean_report_file(self):
        upload = self.cleaned_data.get("report_file")
        if isinstance(upload, UploadedFile):
            if upload.size > MAX_REPORT_SIZE:
                raise forms.ValidationError(_("Het bestand is groter dan 20 MB."), code="too_large")
            kind = filetype.guess(upload.read(2048))
            upload.seek(0)
            if kind is None or kind.mime != "application/pdf":
                raise forms.ValidationError(
                    _("Dit bestand is geen PDF. Lever het rapport aan als PDF."), code="not_pdf"
                )
        return upload

    def clean(self):
        cleaned = super().clean()
        completed = cleaned.get("status") == Evaluation.Status.COMPLETED
        if completed and not cleaned.get("completed_on") and "completed_on" not in self.errors:
            self.add_error("completed_on", _("Vul de datum in waarop de evaluatie is afgerond."))
        self.check_order("started_on", "completed_on", _("De evaluatie kan niet eerder afgerond zijn dan gestart."))
        return cleaned
