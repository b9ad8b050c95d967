"""The one FilterSet for the list of advice, shared by the HTML page and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from analysis.display.format import dashboard_title
from analysis.models import Advice, Dashboard


class AdviceFilter(django_filters.FilterSet):
    follow_up = django_filters.ChoiceFilter(
        label=_("Opvolging"), choices=Advice.FollowUp.choices, empty_label=_("Alle")
    )
    kind = django_filters.ChoiceFilter(label=_("Soort advies"), choices=Advice.Kind.choices, empty_label=_("Alle"))
    dashboard = django_filters.ModelChoiceFilter(
        label=_("Dashboard"), queryset=Dashboard.objects.none(), empty_label=_("Alle")
    )

    class Meta:
        model = Advice
        fields = ["follow_up", "kind", "dashboard"]

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, user=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        from analysis.selectors.dashboards import published_dashboards

        user = user or (request.user if request else None)
        self.filters["dashboard"].queryset = published_dashboards(user=user) if user else Dashboard.objects.none()
        self.form.fields["dashboard"].label_from_instance = dashboard_title
