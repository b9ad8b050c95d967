"""The FilterSets of the lessons pages: report lines to pick from, picked passages, and the board's view."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agenda.models import ProtectiveFactor
from analysis.models import LessonPassage
from core.halves import half_year_name
from interventions.models import Report, ReportingPeriod, ReportItem
from municipalities.filters import YES_NO, SearchFilterSet, yes_no
from municipalities.models import Municipality


def _half_year_choices() -> list[tuple[str, str]]:
    return [(f"{p.year}-{p.half}", half_year_name(p.year, p.half)) for p in ReportingPeriod.objects.all()]


def _split_half_year(value: str) -> tuple[int, int] | None:
    year, _sep, half = value.partition("-")
    return (int(year), int(half)) if year.isdigit() and half in ("1", "2") else None


class _LessonFilterBase(SearchFilterSet):
    half_year = django_filters.ChoiceFilter(
        label=_("Halfjaar"), choices=_half_year_choices, method="filter_half_year", empty_label=_("Alle")
    )
    factor = django_filters.ModelChoiceFilter(
        label=_("Beschermende factor"),
        to_field_name="code",
        queryset=ProtectiveFactor.objects.order_by("code"),
        method="filter_factor",
        empty_label=_("Alle"),
    )
    period_prefix = ""

    def filter_half_year(self, queryset, name, value):
        parts = _split_half_year(value)
        if parts is None:
            return queryset
        return queryset.filter(
            **{
                f"{self.period_prefix}report__period__year": parts[0],
                f"{self.period_prefix}report__period__half": parts[1],
            }
        )


class CandidateFilter(_LessonFilterBase):
    """Lines of accepted reports with text to pick from."""

    search_fields = ("lessons_learned", "notes", "intervention__name", "report__municipality__name")
    municipality = django_filters.ModelChoiceFilter(
        label=_("Gemeente"),
        field_name="report__municipality",
        to_field_name="cbs_code",
        queryset=Municipality.objects.filter(reports__status=Report.Status.ACCEPTED).distinct().order_by("name"),
        empty_label=_("Alle"),
    )

    class Meta:
        model = ReportItem
        fields = ["q", "half_year", "factor", "municipality"]

    def filter_factor(self, queryset, name, value):
        return queryset.filter(
            Q(intervention__protective_factors=value) | Q(outcomes__protective_factor=value)
        ).distinct()


class PassageFilter(_LessonFilterBase):
    """Picked passages, for staff."""

    search_fields = ("text", "item__intervention__name", "item__report__municipality__name")
    period_prefix = "item__"
    municipality = django_filters.ModelChoiceFilter(
        label=_("Gemeente"),
        field_name="item__report__municipality",
        to_field_name="cbs_code",
        queryset=Municipality.objects.filter(reports__items__lesson_passages__isnull=False).distinct().order_by("name"),
        empty_label=_("Alle"),
    )
    good_practice = django_filters.ChoiceFilter(
        label=_("Goed voorbeeld"), choices=YES_NO, method="filter_good_practice", empty_label=_("Alle")
    )

    class Meta:
        model = LessonPassage
        fields = ["q", "half_year", "factor", "municipality", "good_practice"]

    def filter_factor(self, queryset, name, value):
        return queryset.filter(protective_factor=value)

    def filter_good_practice(self, queryset, name, value):
        return yes_no(value, Q(is_good_practice=True), queryset)


class BoardLessonFilter(PassageFilter):
    """The board's view: no municipality filter and no search, so an anonymised passage stays anonymous."""

    municipality = None
    q = None

    class Meta:
        model = LessonPassage
        fields = ["half_year", "factor", "good_practice"]
