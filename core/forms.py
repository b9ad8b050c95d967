"""Form fields every app's forms share."""

from django import forms
from django.utils.formats import get_format


class NumberField(forms.DecimalField):
    """A number as people type it in the language of the page: '1234,56', '1.234,56', '€ 1.234' or '1234.56'."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        # No min/max/step on a text box; the checks are in the form, with messages.
        return {}

    def to_python(self, value):
        if isinstance(value, str):
            text = value.strip().replace("€", "").replace("\u00a0", "").replace(" ", "")
            decimal, thousands = get_format("DECIMAL_SEPARATOR"), get_format("THOUSAND_SEPARATOR")
            if decimal in text:
                text = text.replace(thousands, "").replace(decimal, ".")
            elif thousands in text and all(len(group) == 3 for group in text.split(thousands)[1:]):
                text = text.replace(thousands, "")
            value = text
        return super().to_python(value)
