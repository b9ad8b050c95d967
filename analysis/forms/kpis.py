"""The date (peildatum) the KPI page, the budget and the map are shown for, and the measurement form."""

import datetime

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agenda.models import Kpi, KpiMeasurement, Programme
from analysis.selectors.kpis import default_as_of
from core.forms import NumberField
from municipalities.forms import RegisterForm

DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]
INVALID_DATE = _("Dit is geen bestaande datum. Typ de datum als dag-maand-jaar (bijvoorbeeld 30-06-2025) of kies hem.")


def _day(value: datetime.date) -> str:
    return date_format(value, "j F Y")


class WithdrawalForm(forms.Form):
    """Why a measurement is withdrawn; the reason is kept in its history."""

    reason = forms.CharField(
        label=_("Reden van intrekking"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Bijvoorbeeld: dubbel ingevoerd, of de bron bleek onjuist."),
        error_messages={"required": _("Geef een reden waarom de meting wordt ingetrokken.")},
    )


class AsOfForm(forms.Form):
    """Which programme and which date (peildatum) a page shows; both optional, with clear messages."""

    programme = forms.ModelChoiceField(
        label=_("Programma"),
        queryset=Programme.objects.order_by("starts_on"),
        to_field_name="code",
        required=False,
        empty_label=None,
    )
    as_of = forms.DateField(
        label=_("Peildatum"),
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": INVALID_DATE},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, data=None, *, today: datetime.date, programme: Programme | None = None, **kwargs):
        """``programme``: the one the page shows unless the address asks for another (the header's choice)."""
        super().__init__(data, **kwargs)
        self.today = today
        self.programmes = list(self.fields["programme"].queryset)
        self.fields["programme"].label_from_instance = lambda p: p.label
        self.default_programme = programme or next(
            (p for p in sorted(self.programmes, key=lambda p: p.starts_on, reverse=True) if p.starts_on <= today),
            self.programmes[0] if self.programmes else None,
        )
        if len(self.programmes) < 2:
            del self.fields["programme"]
        else:
            self.fields["programme"].initial = self.default_programme
        if self.default_programme:
            default = default_as_of(self.default_programme, today=today)
            self.fields["as_of"].help_text = gettext(
                "Leeg laten: %(date)s. Kies een datum vanaf %(start)s tot en met vandaag."
            ) % {"date": _day(default), "start": _day(self.default_programme.starts_on)}

    def clean(self):
        data = super().clean()
        programme = data.get("programme") or self.default_programme
        as_of = data.get("as_of")
        if programme and as_of:
            if as_of < programme.starts_on:
                self.add_error(
                    "as_of",
                    gettext(
                        "De peildatum %(date)s ligt vóór de start van het programma op %(start)s. "
                        "Kies een datum vanaf %(start)s."
                    )
                    % {"date": _day(as_of), "start": _day(programme.starts_on)},
                )
            elif as_of > self.today:
                self.add_error(
                    "as_of",
                    gettext("De peildatum %(date)s ligt in de toekomst. Kies vandaag (%(today)s) of een eerdere datum.")
                    % {"date": _day(as_of), "today": _day(self.today)},
                )
        return data

    def choice(self) -> tuple[Programme | None, datetime.date]:
        """The programme and date to show: what was asked for when valid, else the defaults."""
        programme, as_of = self.default_programme, None
        if self.is_bound:
            self.is_valid()
            # A field with an error is not in cleaned_data: it falls back to its default.
            programme = self.cleaned_data.get("programme") or programme
            as_of = self.cleaned_data.get("as_of")
        if as_of is None:
            as_of = default_as_of(programme, today=self.today) if programme else self.today
        return programme, as_of

    @property
    def has_errors(self) -> bool:
        return self.is_bound and not self.is_valid()


# A count above this is not a number of things the programme counts.
MAX_COUNT = 10**6
# A value this many times the target is more likely a typing error than a result: it needs a confirmation.
IMPLAUSIBLE_FACTOR = 100


class KpiMeasurementForm(RegisterForm):
    """A dated value of a manual KPI, checked the way the database checks it and for plausibility, in words.

    A value more than 100 times the target is refused until staff tick the box that appears with the message.
    """

    class Meta:
        model = KpiMeasurement
        fields = ["measured_on", "value", "note"]
        field_classes = {"value": NumberField}
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, kpi: Kpi, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.kpi, self.today = kpi, today
        # "One per day" is checked by agenda.services.kpi_measurement_save, with a clearer message.
        self.instance.kpi = kpi
        self.fields["measured_on"].error_messages["invalid"] = INVALID_DATE
        self.fields["measured_on"].input_formats = DATE_FORMATS
        self.fields["measured_on"].help_text = _("De datum waarop deze waarde gold.")
        value = self.fields["value"]
        if kpi.unit == Kpi.Unit.MILESTONE:
            value.help_text = _("Een mijlpaal: 1 als hij bereikt is, 0 als hij (nog) niet bereikt is.")
        elif kpi.unit == Kpi.Unit.PERCENT:
            value.help_text = _("Een percentage van 0 tot en met 100.")
        else:
            value.help_text = gettext("De streefwaarde is %(target)s.") % {"target": f"{kpi.target.normalize():f}"}
        self.fields["note"].help_text = _("Bijvoorbeeld waar de waarde vandaan komt.")
        # The confirmation box appears only with the message that asks for it.
        if self._typed_value_is_implausible():
            self.fields["confirm"] = forms.BooleanField(
                label=_("Ja, deze waarde klopt"),
                required=False,
                help_text=_("Vink aan als de waarde echt zo hoog is."),
            )
            self.order_fields(["measured_on", "value", "confirm", "note"])

    @property
    def implausible_limit(self):
        return self.kpi.target * IMPLAUSIBLE_FACTOR if self.kpi.target > 0 else None

    def _typed_value_is_implausible(self) -> bool:
        if not self.is_bound or self.implausible_limit is None:
            return False
        try:
            value = self.fields["value"].to_python(self.data.get(self.add_prefix("value")))
        except forms.ValidationError:
            return False
        return value is not None and value > self.implausible_limit

    def clean_value(self):
        value = self.cleaned_data["value"]
        if value is None:
            return value
        if value < 0:
            raise forms.ValidationError(_("De waarde kan niet negatief zijn."), code="negative")
        if self.kpi.unit == Kpi.Unit.MILESTONE and value not in (0, 1):
            raise forms.ValidationError(_("Een mijlpaal is 0 (nog niet bereikt) of 1 (bereikt)."), code="milestone")
        if self.kpi.unit == Kpi.Unit.PERCENT and value > 100:
            raise forms.ValidationError(_("Een percentage kan niet hoger zijn dan 100."), code="percent")
        if self.kpi.unit == Kpi.Unit.COUNT:
            if value != value.to_integral_value():
                raise forms.ValidationError(
                    _("Een aantal is een heel getal, zonder cijfers achter de komma."), code="whole"
                )
            if value > MAX_COUNT:
                raise forms.ValidationError(
                    gettext("Een aantal van meer dan %(max)s is niet aannemelijk. Controleer de waarde.")
                    % {"max": "1.000.000"},
                    code="too_large",
                )
        return value

    def clean(self):
        data = super().clean()
        value, limit = data.get("value"), self.implausible_limit
        if value is not None and limit is not None and value > limit and not data.get("confirm"):
            message = gettext(
                "%(value)s is meer dan %(factor)s keer de streefwaarde (%(target)s). Klopt deze waarde? "
                "Vink dan 'Ja, deze waarde klopt' aan en sla opnieuw op."
            ) % {
                "value": f"{value.normalize():f}",
                "factor": IMPLAUSIBLE_FACTOR,
                "target": f"{self.kpi.target.normalize():f}",
            }
            self.add_error("confirm" if "confirm" in self.fields else "value", message)
        return data

    def clean_measured_on(self):
        day = self.cleaned_data["measured_on"]
        if day is None:
            return day
        if day > self.today:
            raise forms.ValidationError(
                gettext("De peildatum %(date)s ligt in de toekomst. Een meting legt u vast als ze gedaan is.")
                % {"date": _day(day)},
                code="future",
            )
        start = self.kpi.programme.starts_on
        if day < start:
            raise forms.ValidationError(
                gettext("De peildatum %(date)s ligt vóór de start van het programma op %(start)s.")
                % {"date": _day(day), "start": _day(start)},
                code="before_programme",
            )
        return day
