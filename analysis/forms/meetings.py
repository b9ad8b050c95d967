"""The form that says which dashboards were presented at a meeting of the advisory board."""

from django import forms
from django.utils.translation import gettext_lazy as _

from analysis.display.format import dashboard_title
from analysis.selectors.meetings import presentable_dashboards


class MeetingDashboardsForm(forms.Form):
    dashboards = forms.ModelMultipleChoiceField(
        label=_("Gepresenteerde dashboards"),
        queryset=presentable_dashboards(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Alleen gepubliceerde dashboards. Een bijeenkomst met advies gevraagd telt mee voor K09."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dashboards"].queryset = presentable_dashboards()
        self.fields["dashboards"].label_from_instance = dashboard_title
