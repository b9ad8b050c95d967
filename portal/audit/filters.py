"""The filters of the security log and of the change history."""

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core.models import SecurityEvent

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def event_choices(events: list[str]) -> list[tuple[str, str]]:
    """Each event name that occurs, and each group of them (``export`` for ``export.csv``), sorted."""
    names = set(events)
    for event in events:
        parts = event.split(".")
        names.update(".".join(parts[:n]) for n in range(1, len(parts)))
    return [(name, name) for name in sorted(names)]


class SecurityEventFilter(django_filters.FilterSet):
    event = django_filters.ChoiceFilter(label=_("Gebeurtenis"), method="filter_event", empty_label=_("Alle"))
    user = django_filters.CharFilter(label=_("Gebruiker"), field_name="username", lookup_expr="icontains")
    address = django_filters.CharFilter(label=_("Adres"), field_name="address", lookup_expr="startswith")
    since = django_filters.DateFilter(label=_("Vanaf"), field_name="time__date", lookup_expr="gte", widget=DATE)
    until = django_filters.DateFilter(label=_("Tot en met"), field_name="time__date", lookup_expr="lte", widget=DATE)

    class Meta:
        model = SecurityEvent
        fields = ["event", "user", "address", "since", "until"]

    def __init__(self, *args, events: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["event"].extra["choices"] = event_choices(events)

    def filter_event(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # A group names all its events: "export" is export.csv, export.xlsx, ...
        return queryset.filter(Q(event=value) | Q(event__startswith=f"{value}."))


class ChangeFilterForm(forms.Form):
    """The filters of the change history; its rows come from several tables, so this is a plain form."""

    KINDS = [
        ("user", _("Gebruikers")),
        ("group", _("Groepen")),
        ("membership", _("Lidmaatschappen")),
        ("period", _("Verslagperiodes")),
    ]

    kind = forms.ChoiceField(label=_("Soort"), choices=[("", _("Alle")), *KINDS], required=False)
    user = forms.CharField(
        label=_("Gebruiker"),
        required=False,
        max_length=150,
        help_text=_("Wie de wijziging maakte, of over wiens account of lidmaatschap die gaat."),
    )
    since = forms.DateField(label=_("Vanaf"), required=False, widget=DATE)
    until = forms.DateField(label=_("Tot en met"), required=False, widget=DATE)

    def choice(self) -> dict:
        """The valid filters, for the selector; none when the form is not valid."""
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "kind": data["kind"] or None,
            "user": data["user"].strip() or None,
            "since": data["since"],
            "until": data["until"],
        }
