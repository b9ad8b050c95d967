"""Forms of the advisory board's dashboards."""

from django import forms
from django.db.models import Max, Min, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agenda.models import Programme
from analysis import dashboards
from analysis.display.format import dashboard_title
from analysis.models import Dashboard
from core.halves import Half, last_ended_half_year

HIGHLIGHTS_HELP = _("Eén hoogtepunt per regel. Ze staan als opsomming bovenaan het dashboard.")


class DashboardCreateForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programma"), queryset=Programme.objects.order_by("starts_on"))
    year = forms.TypedChoiceField(label=_("Jaar"), coerce=int)
    half = forms.TypedChoiceField(label=_("Halfjaar"), coerce=int, choices=Half.choices, widget=forms.RadioSelect)
    introduction = forms.CharField(
        label=_("Inleiding"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Wat de klankbordgroep eerst moet weten. U kunt de tekst later nog aanpassen."),
    )
    highlights = forms.CharField(
        label=_("Hoogtepunten"), required=False, widget=forms.Textarea(attrs={"rows": 5}), help_text=HIGHLIGHTS_HELP
    )

    def __init__(self, *args, programme: Programme | None = None, **kwargs):
        """``programme``: the one the page is about (the header's choice); it is chosen, and its last half-year."""
        super().__init__(*args, **kwargs)
        programmes = self.fields["programme"].queryset
        span = programmes.aggregate(first=Min("starts_on"), last=Max("ends_on"))
        today = timezone.localdate()
        first = span["first"].year if span["first"] else today.year
        last = min(span["last"].year, today.year) if span["last"] else today.year
        self.fields["year"].choices = [(year, str(year)) for year in range(last, first - 1, -1)]
        if programme is None and programmes.count() == 1:
            programme = programmes.first()
        if programme is not None:
            self.fields["programme"].initial = programme
            self.fields["year"].initial, self.fields["half"].initial = last_ended_half_year(
                max(min(today, programme.ends_on), programme.starts_on)
            )
        if programmes.count() == 1:
            self.fields["programme"].widget = forms.HiddenInput()
        self.fields["programme"].label_from_instance = lambda p: p.label

    def clean(self):
        data = super().clean()
        programme, year, half = data.get("programme"), data.get("year"), data.get("half")
        if programme and year and half:
            problem = dashboards.half_year_problem(
                programme=programme, year=year, half=half, today=timezone.localdate()
            )
            if problem:
                raise forms.ValidationError(problem, code="no_data")
        return data


class DashboardTextsForm(forms.ModelForm):
    class Meta:
        model = Dashboard
        fields = ["introduction", "highlights", "correction_note"]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 8}),
            "highlights": forms.Textarea(attrs={"rows": 6}),
            "correction_note": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "introduction": _("Wat de klankbordgroep eerst moet weten. Alinea's scheidt u met een witregel."),
            "highlights": HIGHLIGHTS_HELP,
            "correction_note": _("De klankbordgroep leest dit bovenaan de nieuwe versie."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.correction_of_id:
            self.fields["correction_note"].required = True
        else:
            del self.fields["correction_note"]


class DashboardCorrectionForm(forms.Form):
    note = forms.CharField(
        label=_("Wat wordt er gecorrigeerd en waarom?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Bijvoorbeeld: een gemeente leverde haar verslag later in, of een uitgave stond bij de verkeerde "
            "actielijn. De klankbordgroep leest dit bovenaan de nieuwe versie."
        ),
        error_messages={"required": _("Schrijf op wat er in deze correctie verandert en waarom.")},
    )


class DashboardChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Dashboard) -> str:
        return dashboard_title(obj)


class CompareForm(forms.Form):
    """Two published dashboards, chosen with GET."""

    a = DashboardChoiceField(label=_("Eerste dashboard"), queryset=Dashboard.objects.none(), empty_label=None)
    b = DashboardChoiceField(label=_("Tweede dashboard"), queryset=Dashboard.objects.none(), empty_label=None)

    def __init__(self, *args, queryset: QuerySet[Dashboard], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["a"].queryset = queryset
        self.fields["b"].queryset = queryset

    def clean(self):
        data = super().clean()
        if data.get("a") and data.get("b") and data["a"] == data["b"]:
            raise forms.ValidationError(_("Kies twee verschillende dashboards om te vergelijken."), code="same")
        return data
