"""Form fields every app's forms share."""

from django import forms
from django.utils.formats import get_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


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


class SearchableSelectMultiple(forms.SelectMultiple):
    """A multiple select for a long list (hundreds of municipalities, dozens of organisations).

    static/js/multiselect.js turns it into a searchable combobox (Tom Select, vendored in
    static/vendor/tom-select/): type to filter, Enter to choose, Backspace or a remove button to
    take one off, each change announced to screen readers. Without JavaScript it stays the
    browser's own multiple select, which the help text also explains.
    """

    help_text = _(
        "Typ een deel van de naam en kies met Enter; Backspace of de knop × haalt er een weg. "
        "Zonder JavaScript: houd Ctrl (of Cmd) ingedrukt om er meer te kiezen."
    )

    class Media:
        css = {"all": ["vendor/tom-select/tom-select.min.css", "css/multiselect.css"]}
        js = [
            forms.Script("vendor/tom-select/tom-select.complete.min.js", defer=True),  # type: ignore[attr-defined]
            forms.Script("js/multiselect.js", defer=True),  # type: ignore[attr-defined]
        ]

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        # The script's words, in the language of the page: it has no translations of its own.
        attrs.update(
            {
                "data-multiselect": "",
                "data-placeholder": gettext("Typ om te zoeken"),
                "data-no-results": gettext("Niets gevonden voor “%s”."),
                "data-added": gettext("%s gekozen."),
                "data-removed": gettext("%s verwijderd."),
                "data-remove": gettext("Verwijder %s"),
            }
        )
        return attrs


def label_empty_choices(form: forms.BaseForm) -> None:
    """Give a select's empty choice words instead of Django's '---------'.

    A required choice reads '— kies —' (choose), an optional one '— geen —' (none).
    """
    for field in form.fields.values():
        if not isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
            continue
        label = _("— kies —") if field.required else _("— geen —")
        if isinstance(field, forms.ModelChoiceField):
            if field.empty_label == "---------":
                field.empty_label = label
            continue
        choices = list(field.choices)  # type: ignore[arg-type]
        if any(value == "" and text == "---------" for value, text in choices):
            field.choices = [(value, label if value == "" and text == "---------" else text) for value, text in choices]
