"""Register filters: one FilterSet per list, shared by the HTML page and the API."""

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from agenda.models import Activity, Programme
from agenda.selectors import PROGRAMME_PARAMETER
from municipalities.models import (
    ActivityParticipation,
    Grant,
    LearningCommunityMembership,
    Municipality,
    Organisation,
    Partnership,
    Province,
)

YES_NO = [("yes", _("Ja")), ("no", _("Nee"))]


def yes_no(value: str, condition: Q, queryset: QuerySet) -> QuerySet:
    if value == "yes":
        return queryset.filter(condition)
    if value == "no":
        return queryset.exclude(condition)
    return queryset


class FastSelect(forms.Select):
    """A single select rendered in Python.

    A filter of 342 municipalities rendered option by option through the template
    engine costs more than the rest of a catalogue page; this is the same HTML.
    """

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        selected = set(self.format_value(value))
        rows = (("" if option_value is None else str(option_value), label) for option_value, label in self.choices)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((text, mark_safe(" selected") if text in selected else "", label) for text, label in rows),
        )
        return format_html("<select{}>{}</select>", flatatt(final), options)


def offer_only(filterset: django_filters.FilterSet, name: str, queryset: QuerySet) -> None:
    """Offer in the filter `name` only the rows of `queryset` (say, the municipalities that have data).

    The data is first checked against the filter's full list, so an address made earlier still
    filters; a value chosen outside `queryset` stays among the options, so the page shows it.
    """
    filterset.is_valid()
    field = filterset.form.fields[name]
    offered = Q(pk__in=queryset.values("pk"))
    chosen = filterset.form.cleaned_data.get(name)
    if chosen is not None:
        offered |= Q(pk=chosen.pk)
    field.queryset = field.queryset.model.objects.filter(offered).order_by("name")


def grant_municipalities(programme: Programme | None) -> QuerySet[Municipality]:
    """The municipalities with a grant in the programme (in any programme when none is chosen)."""
    grants = Grant.objects.all() if programme is None else Grant.objects.filter(programme=programme)
    return Municipality.objects.filter(pk__in=grants.values("municipality_id"))


class SearchFilterSet(django_filters.FilterSet):
    """A FilterSet with a free-text search `q` over the fields in `search_fields`; selects render fast."""

    search_fields: tuple[str, ...] = ()

    q = django_filters.CharFilter(label=_("Zoeken"), method="search")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for filter_ in self.filters.values():
            if isinstance(filter_, django_filters.ChoiceFilter | django_filters.ModelChoiceFilter):
                filter_.extra["widget"] = FastSelect

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        condition = Q()
        for word in value.split()[:8]:
            word_condition = Q()
            for field in self.search_fields:
                word_condition |= Q(**{f"{field}__icontains": word})
            condition &= word_condition
        return queryset.filter(condition)


class MunicipalityFilter(SearchFilterSet):
    search_fields = ("name", "cbs_code")

    province = django_filters.ChoiceFilter(label=_("Provincie"), choices=Province.choices, empty_label=_("Alle"))
    has_grant = django_filters.ChoiceFilter(
        label=_("Met specifieke uitkering"), choices=YES_NO, method="filter_has_grant", empty_label=_("Alle")
    )
    in_learning_community = django_filters.ChoiceFilter(
        label=_("Nu in de learning community"),
        choices=YES_NO,
        method="filter_in_learning_community",
        empty_label=_("Alle"),
    )

    class Meta:
        model = Municipality
        fields = ["q", "province", "has_grant", "in_learning_community"]

    def filter_has_grant(self, queryset, name, value):
        return yes_no(value, Q(pk__in=Grant.objects.values("municipality_id")), queryset)

    def filter_in_learning_community(self, queryset, name, value):
        today = timezone.localdate()
        active = LearningCommunityMembership.objects.filter(joined_on__lte=today).filter(
            Q(left_on__isnull=True) | Q(left_on__gte=today)
        )
        return yes_no(value, Q(pk__in=active.values("municipality_id")), queryset)


def programme_filter() -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        label=_("Programma"),
        queryset=Programme.objects.order_by("starts_on"),
        to_field_name="code",
        empty_label=_("Alle programma's"),
    )


def in_programme(data, programme: Programme | None):
    """The filter's data, in the programme the page is about unless the reader chose (or cleared) one."""
    if programme is None or PROGRAMME_PARAMETER in data:
        return data
    data = data.copy()
    data[PROGRAMME_PARAMETER] = programme.code
    return data


class GrantFilter(SearchFilterSet):
    search_fields = ("municipality__name", "municipality__cbs_code", "focus_area__name", "decision_reference")

    programme = programme_filter()
    municipality = django_filters.ModelChoiceFilter(
        label=_("Gemeente"),
        queryset=Municipality.objects.filter(grants__isnull=False).distinct().order_by("name"),
        empty_label=_("Alle"),
    )
    tranche = django_filters.ChoiceFilter(label=_("Tranche"), choices=Grant.Tranche.choices, empty_label=_("Alle"))
    theme = django_filters.ChoiceFilter(label=_("Thema"), choices=Grant.Theme.choices, empty_label=_("Alle"))
    year = django_filters.NumberFilter(label=_("Loopt in jaar"), method="filter_year")

    class Meta:
        model = Grant
        fields = ["q", "programme", "municipality", "tranche", "theme", "year"]

    def filter_year(self, queryset, name, value):
        return queryset.filter(first_year__lte=value, last_year__gte=value)


class OrganisationFilter(SearchFilterSet):
    search_fields = ("name", "municipality__name")

    kind = django_filters.ChoiceFilter(label=_("Soort"), choices=Organisation.Kind.choices, empty_label=_("Alle"))
    municipality = django_filters.ModelChoiceFilter(
        label=_("Gemeente"),
        queryset=Municipality.objects.filter(organisations__isnull=False).distinct().order_by("name"),
        empty_label=_("Alle"),
    )

    class Meta:
        model = Organisation
        fields = ["q", "kind", "municipality"]


class PartnershipFilter(SearchFilterSet):
    search_fields = ("name", "purpose")

    programme = programme_filter()
    active = django_filters.ChoiceFilter(
        label=_("Nu actief"), choices=YES_NO, method="filter_active", empty_label=_("Alle")
    )
    member = django_filters.ModelChoiceFilter(
        label=_("Deelnemer"),
        queryset=Organisation.objects.filter(partnerships__isnull=False).distinct().order_by("name"),
        field_name="members",
        empty_label=_("Alle"),
    )

    class Meta:
        model = Partnership
        fields = ["q", "programme", "active", "member"]

    def filter_active(self, queryset, name, value):
        today = timezone.localdate()
        active = Q(started_on__lte=today) & (Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        return yes_no(value, active, queryset)


class LearningCommunityMembershipFilter(SearchFilterSet):
    search_fields = ("municipality__name", "municipality__cbs_code")

    active = django_filters.ChoiceFilter(
        label=_("Nu deelnemer"), choices=YES_NO, method="filter_active", empty_label=_("Alle")
    )
    province = django_filters.ChoiceFilter(
        label=_("Provincie"), field_name="municipality__province", choices=Province.choices, empty_label=_("Alle")
    )

    class Meta:
        model = LearningCommunityMembership
        fields = ["q", "active", "province"]

    def filter_active(self, queryset, name, value):
        today = timezone.localdate()
        active = Q(joined_on__lte=today) & (Q(left_on__isnull=True) | Q(left_on__gte=today))
        return yes_no(value, active, queryset)


class ActivityParticipationFilter(SearchFilterSet):
    search_fields = ("organisation__name", "activity__name")

    kind = django_filters.ChoiceFilter(
        label=_("Soort activiteit"), field_name="activity__kind", choices=Activity.Kind.choices, empty_label=_("Alle")
    )
    organisation_kind = django_filters.ChoiceFilter(
        label=_("Soort organisatie"),
        field_name="organisation__kind",
        choices=Organisation.Kind.choices,
        empty_label=_("Alle"),
    )

    class Meta:
        model = ActivityParticipation
        fields = ["q", "kind", "organisation_kind"]
