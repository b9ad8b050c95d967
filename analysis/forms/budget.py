"""The expenditure form."""

import datetime

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agenda.models import ActionLine, Expenditure, Programme
from analysis.forms.kpis import DATE_FORMATS, INVALID_DATE, NumberField
from analysis.selectors.budget import budget_years
from municipalities.forms import RegisterForm


class ExpenditureForm(RegisterForm):
    """Money committed or spent, checked the way the database checks it, with clear messages."""

    class Meta:
        model = Expenditure
        fields = ["programme", "action_line", "kind", "amount", "date", "source", "description"]
        field_classes = {"amount": NumberField}
        widgets = {"kind": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, programme: Programme, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        programmes = self.fields["programme"]
        programmes.queryset = Programme.objects.order_by("starts_on")
        programmes.label_from_instance = lambda p: p.label
        programmes.empty_label = None
        if not self.instance.pk:
            programmes.initial = programme
        if programmes.queryset.count() < 2:
            programmes.widget = forms.HiddenInput()
        line = self.fields["action_line"]
        line.queryset = ActionLine.objects.select_related("programme").order_by("programme__starts_on", "order")
        line.empty_label = gettext("Geen actielijn (overige kosten)")
        line.help_text = _("Kosten die bij geen actielijn horen, zoals materieel en onvoorzien: laat leeg.")
        self.fields["kind"].choices = Expenditure.Kind.choices
        self.fields["amount"].help_text = _("In euro, bijvoorbeeld 1.234,56.")
        self.fields["date"].input_formats = DATE_FORMATS
        self.fields["date"].error_messages["invalid"] = INVALID_DATE
        self.fields["date"].help_text = _(
            "Uitgegeven: de datum van betaling. Verplicht: de datum waarop de verplichting is aangegaan."
        )

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount <= 0:
            raise forms.ValidationError(
                _("Het bedrag moet groter zijn dan nul. Een correctie legt u vast door de uitgave zelf te wijzigen."),
                code="not_positive",
            )
        return amount

    def clean(self):
        data = super().clean()
        programme, line = data.get("programme"), data.get("action_line")
        day, kind = data.get("date"), data.get("kind")
        if programme and line and line.programme_id != programme.pk:
            self.add_error(
                "action_line",
                gettext("Actielijn %(line)s hoort niet bij %(programme)s.")
                % {"line": line, "programme": programme.label},
            )
        if day and kind == Expenditure.Kind.SPENT and day > self.today:
            self.add_error(
                "date",
                gettext(
                    "Een uitgave op %(date)s ligt in de toekomst. Geld dat nog betaald moet worden, legt u vast "
                    "als verplichting."
                )
                % {"date": date_format(day, "j F Y")},
            )
        if programme and day:
            years = budget_years(programme=programme)
            if years and day.year not in years:
                self.add_error(
                    "date",
                    gettext(
                        "%(programme)s heeft alleen een begroting voor %(first)s tot en met %(last)s. "
                        "Kies een datum in een van die jaren."
                    )
                    % {"programme": programme.label, "first": years[0], "last": years[-1]},
                )
        return data
