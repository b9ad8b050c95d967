"""The FilterSets of the KPI table and the expenditure list, shared by the pages and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from agenda.models import ActionLine, Expenditure, Kpi, Programme
from municipalities.filters import FastSelect, SearchFilterSet


class KpiFilter(django_filters.FilterSet):
    action_line = django_filters.ModelChoiceFilter(
        label=_("Actielijn"),
        field_name="action_line",
        to_field_name="code",
        queryset=ActionLine.objects.none(),
        empty_label=_("Alle actielijnen"),
        widget=FastSelect,
    )

    class Meta:
        model = Kpi
        fields = ["action_line"]

    def __init__(self, data=None, queryset=None, *, programme: Programme | None = None, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        lines = programme.action_lines.order_by("order") if programme else ActionLine.objects.none()
        self.filters["action_line"].queryset = lines
        self.form.fields["action_line"].label_from_instance = lambda line: f"{line.code} {line.label}"


class ExpenditureFilter(SearchFilterSet):
    search_fields = ("source", "description")

    action_line = django_filters.ModelChoiceFilter(
        label=_("Actielijn"),
        field_name="action_line",
        to_field_name="code",
        queryset=ActionLine.objects.none(),
        empty_label=_("Alle"),
        method="filter_action_line",
    )
    kind = django_filters.ChoiceFilter(label=_("Soort"), choices=Expenditure.Kind.choices, empty_label=_("Alle"))
    year = django_filters.NumberFilter(label=_("Jaar"), method="filter_year", min_value=2000, max_value=2100)

    class Meta:
        model = Expenditure
        fields = ["q", "action_line", "kind", "year"]

    def __init__(self, data=None, queryset=None, *, programme: Programme | None = None, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        lines = programme.action_lines.order_by("order") if programme else ActionLine.objects.none()
        self.filters["action_line"].queryset = lines
        self.form.fields["action_line"].label_from_instance = lambda line: f"{line.code} {line.label}"

    def filter_action_line(self, queryset, name, value):
        return queryset.filter(action_line=value) if value else queryset

    def filter_year(self, queryset, name, value):
        return queryset.filter(date__year=int(value))
