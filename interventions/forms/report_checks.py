"""The staff's settings of the checks on reports: a factor per checked field."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from interventions.forms.reports import _normalise_euros
from interventions.selectors.report_checks import CHECKED_FIELDS, DEFAULT_FACTOR, field_label, format_factor

MAX_FACTOR = Decimal("1000")


class FactorField(forms.DecimalField):
    """A factor above 1, typed the Dutch way ("2,5"); empty means the default."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "class": "report-number"})
    default_error_messages = {
        "invalid": _("Vul een getal in, bijvoorbeeld 5 of 2,5."),
        "min_value": _("Vul een factor groter dan 1 in; bij 1 of minder valt elk cijfer op."),
        "max_value": _("Vul een factor van hoogstens 1000 in."),
        "max_decimal_places": _("Gebruik hoogstens twee cijfers achter de komma."),
        "max_digits": _("Vul een factor van hoogstens 1000 in."),
        "max_whole_digits": _("Vul een factor van hoogstens 1000 in."),
    }

    def __init__(self, **kwargs):
        super().__init__(
            min_value=Decimal("1.01"), max_value=MAX_FACTOR, max_digits=6, decimal_places=2, required=False, **kwargs
        )

    def to_python(self, value):
        if isinstance(value, str):
            value = _normalise_euros(value)
        return super().to_python(value)

    def prepare_value(self, value):
        return format_factor(value) if isinstance(value, Decimal) else value


class CheckFactorsForm(forms.Form):
    """One factor per checked field of a report item."""

    def __init__(self, *args, configured: dict[str, Decimal], **kwargs):
        super().__init__(*args, initial=dict(configured), **kwargs)
        for name in CHECKED_FIELDS:
            self.fields[name] = FactorField(
                label=field_label(name),
                help_text=_("Leeg: de standaardfactor %(default)s.") % {"default": int(DEFAULT_FACTOR)},
            )

    def factors(self) -> dict[str, Decimal | None]:
        return {name: self.cleaned_data.get(name) for name in CHECKED_FIELDS}
