"""Filters of the programme's record lists: one FilterSet per list."""

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from agenda.models import Activity, BoardMembership, Event, PolicyThemeInventory, ResearchResult

YES_NO = [("yes", _("Ja")), ("no", _("Nee"))]


class SearchFilterSet(django_filters.FilterSet):
    """A FilterSet with a free-text search `q` over `search_fields`."""

    search_fields: tuple[str, ...] = ()

    q = django_filters.CharFilter(label=_("Zoeken"), method="search")

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        condition = Q()
        for word in value.split()[:8]:
            word_condition = Q()
            for field in self.search_fields:
                word_condition |= Q(**{f"{field}__icontains": word})
            condition &= word_condition
        return queryset.filter(condition)


class EventFilter(SearchFilterSet):
    search_fields = ("title", "location", "results_presented")

    kind = django_filters.ChoiceFilter(
        label=_("Soort"), field_name="activity__kind", choices=Activity.Kind.choices, empty_label=_("Alle")
    )
    year = django_filters.NumberFilter(label=_("Jaar"), field_name="held_on__year")
    advice_asked = django_filters.ChoiceFilter(
        label=_("Advies gevraagd"), choices=YES_NO, method="filter_advice_asked", empty_label=_("Alle")
    )

    class Meta:
        model = Event
        fields = ["q", "kind", "year", "advice_asked"]

    def filter_advice_asked(self, queryset, name, value):
        return queryset.filter(advice_asked=value == "yes") if value in ("yes", "no") else queryset


class ResearchResultFilter(SearchFilterSet):
    search_fields = ("title", "source", "description")

    year = django_filters.NumberFilter(label=_("Gedeeld in jaar"), field_name="shared_on__year")

    class Meta:
        model = ResearchResult
        fields = ["q", "year"]


class PolicyThemeInventoryFilter(SearchFilterSet):
    search_fields = ("themes", "source")

    class Meta:
        model = PolicyThemeInventory
        fields = ["q"]


class BoardMembershipFilter(SearchFilterSet):
    search_fields = ("person", "organisation")

    constituency = django_filters.ChoiceFilter(
        label=_("Vertegenwoordigt"), choices=BoardMembership.Constituency.choices, empty_label=_("Alle")
    )

    class Meta:
        model = BoardMembership
        fields = ["q", "constituency"]
