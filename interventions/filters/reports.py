"""The one FilterSet for lists of reports: the staff overview page and the API list both use it."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from interventions.models import Report, ReportingPeriod
from interventions.selectors.reports import MISSING, OUTSTANDING_STATUSES, STATUS_LABELS, period_label
from municipalities.models import Municipality


class PeriodChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ReportingPeriod) -> str:
        return period_label(obj)


class PeriodFilter(django_filters.ModelChoiceFilter):
    field_class = PeriodChoiceField


class OverdueWidget(django_filters.widgets.BooleanWidget):
    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = (("", _("Alle")), ("true", _("Alleen te laat")), ("false", _("Niet te laat")))


class ReportFilter(django_filters.FilterSet):
    period = PeriodFilter(
        queryset=ReportingPeriod.objects.order_by("-year", "-half"),
        label=_("Periode"),
        empty_label=_("Alle periodes"),
    )
    status = django_filters.ChoiceFilter(
        choices=list(STATUS_LABELS.items()),
        method="filter_status",
        label=_("Status"),
        empty_label=_("Alle statussen"),
    )
    municipality = django_filters.ModelChoiceFilter(
        queryset=Municipality.objects.order_by("name"),
        to_field_name="cbs_code",
        label=_("Gemeente"),
        empty_label=_("Alle gemeenten"),
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue",
        widget=OverdueWidget,
        label=_("Te laat"),
    )

    class Meta:
        model = Report
        fields = ["period", "status", "municipality", "overdue"]

    def filter_status(self, queryset, name, value):
        if value == MISSING:
            return queryset.none()
        return queryset.filter(status=value)

    def filter_overdue(self, queryset, name, value):
        overdue = Q(period__deadline__lt=timezone.localdate(), status__in=OUTSTANDING_STATUSES)
        return queryset.filter(overdue) if value else queryset.exclude(overdue)
