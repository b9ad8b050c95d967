"""The form for a comment in a report's thread: on the whole report or on one intervention's row."""

from django import forms
from django.utils.translation import gettext_lazy as _

from interventions.models import Report
from interventions.services.report_comments import MAX_COMMENT_LENGTH


class ReportCommentForm(forms.Form):
    text = forms.CharField(
        label=_("Uw opmerking"),
        max_length=MAX_COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Schrijf een opmerking."),
            "max_length": _("Een opmerking is ten hoogste %(limit_value)d tekens lang."),
        },
    )
    intervention = forms.TypedChoiceField(
        label=_("Waarover"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("Deze interventie staat niet in het verslag.")},
    )

    def __init__(self, *args, report: Report, **kwargs):
        super().__init__(*args, **kwargs)
        # The report's items are prefetched by the selector that loaded it.
        self.fields["intervention"].choices = [("", _("Het hele verslag"))] + [
            (item.intervention_id, item.intervention.name) for item in report.items.all()
        ]
