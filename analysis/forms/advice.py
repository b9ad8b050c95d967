"""Forms of the advisory board's advice and the programme's response."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from agenda.models import ActionLine, Kpi
from analysis.forms.dashboards import DashboardChoiceField
from analysis.models import Advice, Dashboard
from analysis.services.advice import TEXT_REQUIRED


class AdviceForm(forms.Form):
    dashboard = DashboardChoiceField(
        label=_("Bij welk dashboard hoort uw advies?"), queryset=Dashboard.objects.none(), empty_label=None
    )
    kind = forms.ChoiceField(label=_("Soort advies"), choices=Advice.Kind.choices, widget=forms.RadioSelect)
    subject = forms.CharField(label=_("Onderwerp"), max_length=255)
    text = forms.CharField(
        label=_("Uw advies"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": TEXT_REQUIRED},
    )
    action_line = forms.ModelChoiceField(
        label=_("Over actielijn (optioneel)"),
        queryset=ActionLine.objects.none(),
        required=False,
        empty_label=_("Geen specifieke actielijn"),
    )
    kpi = forms.ModelChoiceField(
        label=_("Over KPI (optioneel)"),
        queryset=Kpi.objects.none(),
        required=False,
        empty_label=_("Geen specifieke KPI"),
    )

    def __init__(self, *args, dashboards: QuerySet[Dashboard], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dashboard"].queryset = dashboards
        programmes = dashboards.values("programme")
        self.fields["action_line"].queryset = ActionLine.objects.filter(programme__in=programmes).order_by(
            "programme__starts_on", "order"
        )
        self.fields["kpi"].queryset = (
            Kpi.objects.filter(programme__in=programmes)
            .select_related("action_line")
            .order_by("programme__starts_on", "action_line__order", "order", "code")
        )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(TEXT_REQUIRED, code="required")
        return text


class AdviceResponseForm(forms.Form):
    """The programme's response; analysis.services.advice.advice_respond checks it."""

    follow_up = forms.ChoiceField(label=_("Opvolging"), choices=Advice.FollowUp.choices, widget=forms.RadioSelect)
    response = forms.CharField(
        label=_("Reactie van het programma"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Wat doet het programma met dit advies? Bij 'niet overgenomen' en 'deels overgenomen': waarom niet "
            "(of niet helemaal). De klankbordgroep leest deze reactie."
        ),
    )

    @classmethod
    def for_advice(cls, advice: Advice, *, board_replied: bool = False) -> "AdviceResponseForm":
        """The current response to edit; after a reply of the board, an empty box for the programme's answer."""
        return cls(initial={"follow_up": advice.follow_up, "response": "" if board_replied else advice.response})


class AdviceReplyForm(forms.Form):
    """A board member's reply to the programme's response; analysis.services.advice.advice_reply checks it."""

    text = forms.CharField(
        label=_("Uw reactie"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Schrijf uw reactie op: een lege reactie kan niet worden geplaatst.")},
        help_text=_("Het programma ziet uw reactie bij het advies en krijgt er een melding van."),
    )
