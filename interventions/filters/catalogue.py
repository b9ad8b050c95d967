"""The catalogue's FilterSet, shared by the public catalogue page and the public API."""

import django_filters
from django.db.models import Q
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from agenda.models import Phenomenon, ProtectiveFactor, ResilienceLevel
from interventions.models import Intervention, TargetGroup
from municipalities.filters import SearchFilterSet
from municipalities.models import Municipality

# The capacity filter's value for interventions without a full place in the SCP framework.
UNCLASSIFIED = "none"
SCP_KEYS = ("capacity", "connection")


def without_scp(data: QueryDict) -> dict:
    """The filters of a list minus the SCP cell and the page: what each link of the SCP matrix keeps."""
    return {key: value for key, value in data.items() if key not in (*SCP_KEYS, "page") and value not in ("", None)}


class CatalogueFilter(SearchFilterSet):
    search_fields = ("name", "summary", "description", "owner__name")

    factor = django_filters.ModelChoiceFilter(
        label=_("Beschermende factor"),
        field_name="protective_factors",
        to_field_name="code",
        queryset=ProtectiveFactor.objects.order_by("code"),
        empty_label=_("Alle"),
    )
    level = django_filters.ModelChoiceFilter(
        label=_("Veerkrachtniveau"),
        field_name="resilience_level",
        to_field_name="code",
        queryset=ResilienceLevel.objects.order_by("order"),
        empty_label=_("Alle"),
    )
    phenomenon = django_filters.ModelChoiceFilter(
        label=_("Maatschappelijk fenomeen"),
        field_name="phenomena",
        to_field_name="code",
        queryset=Phenomenon.objects.order_by("code"),
        empty_label=_("Alle"),
    )
    evidence = django_filters.ChoiceFilter(
        label=_("Mate van bewijs"),
        field_name="evidence_level",
        choices=Intervention.EvidenceLevel.choices,
        empty_label=_("Alle"),
    )
    target_group = django_filters.ModelChoiceFilter(
        label=_("Doelgroep"),
        field_name="target_groups",
        to_field_name="code",
        queryset=TargetGroup.objects.order_by("order", "name"),
        empty_label=_("Alle"),
    )
    stage = django_filters.ChoiceFilter(
        label=_("Fase"), field_name="stage", choices=Intervention.Stage.choices, empty_label=_("Alle")
    )
    capacity = django_filters.ChoiceFilter(
        label=_("Veerkrachtcapaciteit (SCP)"),
        choices=[*Intervention.Capacity.choices, (UNCLASSIFIED, _("Niet (volledig) ingedeeld"))],
        method="filter_capacity",
        empty_label=_("Alle"),
    )
    connection = django_filters.ChoiceFilter(
        label=_("Soort verbinding (SCP)"),
        choices=Intervention.Connection.choices,
        empty_label=_("Alle"),
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Gemeente"),
        field_name="municipalities",
        to_field_name="cbs_code",
        # Only municipalities where a public intervention runs: no choice leads to an empty list.
        queryset=Municipality.objects.filter(interventions__is_public=True).distinct().order_by("name"),
        empty_label=_("Alle"),
    )

    class Meta:
        model = Intervention
        fields = [
            "q",
            "factor",
            "level",
            "phenomenon",
            "evidence",
            "target_group",
            "stage",
            "capacity",
            "connection",
            "municipality",
        ]

    def qs_without_scp(self, queryset):
        """``queryset`` with every filter of this set applied except the SCP cell: what the SCP matrix counts.

        Reuses the values the form has checked already, so the matrix costs one query, not a second lookup
        of every filter value."""
        if not self.is_valid():
            return queryset.none()
        for name, value in self.form.cleaned_data.items():
            if name not in SCP_KEYS:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def filter_capacity(self, queryset, name, value):
        if value == UNCLASSIFIED:
            return queryset.filter(Q(capacity="") | Q(connection=""))
        return queryset.filter(capacity=value)
