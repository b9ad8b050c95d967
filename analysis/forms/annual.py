"""Forms of the annual analysis."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agenda.models import Programme
from analysis import annual


class AnalysisRequestForm(forms.Form):
    """Which year (of which programme) to analyse, and in which language."""

    year = forms.ChoiceField(
        label=_("Jaar"),
        help_text=_("De analyse neemt de cijfers per 31 december van het jaar, of per vandaag als het jaar nog loopt."),
    )
    language = forms.ChoiceField(
        label=_("Taal van de PDF"), choices=settings.LANGUAGES, initial="nl", widget=forms.RadioSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        programmes = list(Programme.objects.order_by("-starts_on"))
        self.programmes = {p.pk: p for p in programmes}
        choices = []
        for programme in programmes:
            for year in reversed(annual.programme_years(programme)):
                if year <= today.year:
                    label = str(year) if len(programmes) == 1 else f"{year} ({programme.label})"
                    choices.append((f"{programme.pk}:{year}", label))
        self.fields["year"].choices = choices
        if choices:
            # The last year that has ended, else the newest.
            ended = [value for value, _label in choices if int(value.split(":")[1]) < today.year]
            self.fields["year"].initial = ended[0] if ended else choices[0][0]

    def clean_year(self) -> tuple[Programme, int]:
        value = self.cleaned_data["year"]
        programme_id, year = (int(part) for part in value.split(":"))
        programme = self.programmes[programme_id]
        problem = annual.year_problem(programme=programme, year=year, today=timezone.localdate())
        if problem:
            raise forms.ValidationError(problem, code="no_year")
        return programme, year
