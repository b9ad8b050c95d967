"""Register FilterSets for interventions and evaluations, shared by the register pages and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agenda.models import ActionLine
from interventions.filters.catalogue import CatalogueFilter
from interventions.models import Evaluation
from municipalities.filters import YES_NO, SearchFilterSet, yes_no
from municipalities.models import Municipality, Organisation


class InterventionFilter(CatalogueFilter):
    """The catalogue's filters, plus what only staff filter on."""

    municipality = django_filters.ModelChoiceFilter(
        label=_("Gemeente"),
        field_name="municipalities",
        to_field_name="cbs_code",
        queryset=Municipality.objects.filter(interventions__isnull=False).distinct().order_by("name"),
        empty_label=_("Alle"),
    )
    is_public = django_filters.ChoiceFilter(
        label=_("In de openbare catalogus"), choices=YES_NO, method="filter_is_public", empty_label=_("Alle")
    )
    owner = django_filters.ModelChoiceFilter(
        label=_("Eigenaar"),
        queryset=Organisation.objects.filter(owned_interventions__isnull=False).distinct().order_by("name"),
        empty_label=_("Alle"),
    )
    action_line = django_filters.ModelChoiceFilter(
        label=_("Actielijn"),
        field_name="action_lines",
        queryset=ActionLine.objects.select_related("programme"),
        empty_label=_("Alle"),
    )

    class Meta(CatalogueFilter.Meta):
        fields = [*CatalogueFilter.Meta.fields, "is_public", "owner", "action_line"]

    def filter_is_public(self, queryset, name, value):
        return yes_no(value, Q(is_public=True), queryset)


class EvaluationFilter(SearchFilterSet):
    search_fields = ("title", "intervention__name", "evaluator__name", "findings")

    kind = django_filters.ChoiceFilter(label=_("Soort"), choices=Evaluation.Kind.choices, empty_label=_("Alle"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Evaluation.Status.choices, empty_label=_("Alle"))
    evaluator = django_filters.ModelChoiceFilter(
        label=_("Evaluator"),
        queryset=Organisation.objects.filter(evaluations__isnull=False).distinct().order_by("name"),
        empty_label=_("Alle"),
    )
    is_public = django_filters.ChoiceFilter(
        label=_("Openbaar"), choices=YES_NO, method="filter_is_public", empty_label=_("Alle")
    )

    class Meta:
        model = Evaluation
        fields = ["q", "kind", "status", "evaluator", "is_public"]

    def filter_is_public(self, queryset, name, value):
        return yes_no(value, Q(is_public=True), queryset)
