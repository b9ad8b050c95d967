"""The form renderer writes inputs, textareas and plain selects in Python: each gives exactly what Django's own
widget template gives, for the widgets, values and attributes the portal's forms use, and for awkward ones."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from core.form_renderer import FastWidgets

DJANGO, FAST = DjangoTemplates(), FastWidgets()
AWKWARD = 'Tom & "Jerry" <b>'


class Everything(forms.Form):
    text = forms.CharField(help_text="hulp", max_length=20)
    optional = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"inputmode": "numeric", "data-x": AWKWARD})
    )
    count = forms.IntegerField(min_value=0)
    amount = forms.DecimalField(localize=True, required=False)
    email = forms.EmailField(required=False)
    website = forms.URLField(required=False, assume_scheme="https")
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True), required=False)
    hidden = forms.IntegerField(widget=forms.HiddenInput)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), required=False)
    moment = forms.DateTimeField(required=False)
    clock = forms.TimeField(required=False)
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2, "disabled": True, "spellcheck": False}), required=False
    )
    rating = forms.TypedChoiceField(
        choices=[("", "Niet beoordeeld"), (1, "1 - geen"), (2, AWKWARD), (3, mark_safe("<i>drie</i>"))],
        coerce=int,
        required=False,
    )
    grouped = forms.ChoiceField(choices=[("Groep", [("a", "A"), ("b", "B")]), ("c", "C")], required=False)
    many = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B & C")], required=False)
    flag = forms.BooleanField(required=False)
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect, required=False)


VALUES = [
    {},
    {
        "text": AWKWARD,
        "optional": "0",
        "count": "-3",
        "amount": "1.234,50",
        "email": "a@b",
        "website": "javascript:x",
        "secret": "s3&cret",
        "hidden": "7",
        "day": "2025-02-30",
        "moment": "2025-06-30 12:00",
        "clock": "25:00",
        "notes": "regel 1\n<script>regel 2</script>",
        "rating": "2",
        "grouped": "b",
        "many": ["a", "b"],
        "flag": "on",
        "kind": "b",
    },
]
INITIAL = {
    "text": mark_safe("<b>al veilig</b>"),
    "count": 12,
    "amount": Decimal("1234.50"),
    "day": datetime.date(2025, 3, 3),
    "moment": datetime.datetime(2025, 3, 3, 9, 30),
    "notes": "",
    "rating": 3,
}


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("case", ["unbound", "initial", "bound-empty", "bound-awkward"])
def test_every_widget_renders_as_its_django_template(case, language, settings):
    from django.utils import translation

    if case == "unbound":
        form = Everything()
    elif case == "initial":
        form = Everything(initial=INITIAL)
    else:
        form = Everything(data=VALUES[case == "bound-awkward"])
        form.is_valid()
    with translation.override(language):
        for name in form.fields:
            field = form[name]
            form.renderer = DJANGO
            django = field.as_widget()
            form.renderer = FAST
            fast = field.as_widget()
            assert fast == django, name


def test_the_portal_renders_its_forms_with_it():
    assert isinstance(forms.Form().renderer, FastWidgets)


def test_the_python_path_is_taken_for_inputs_textareas_and_plain_selects(monkeypatch):
    taken = []
    monkeypatch.setattr(DjangoTemplates, "render", lambda self, name, context, request=None: taken.append(name) or "")
    form = Everything(renderer=FAST)

    for name in form.fields:
        form[name].as_widget()

    # Only what has no Python path reaches Django's templates.
    assert taken == [
        "django/forms/widgets/select.html",  # option groups
        "django/forms/widgets/checkbox.html",
        "django/forms/widgets/radio.html",
    ]
