"""Forms of the annual analysis."""

from django import forms
from django.conf import settings
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agenda.models import Programme
from analysis import annual
from analysis.models import Advice


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


TEXT_HELP = _(
    "Markdown: **vet**, *cursief*, lijsten met - of 1., koppen met ###. Het voorbeeld laat zien hoe het wordt."
)


def _text_field(label, help_text=TEXT_HELP) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=20_000,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 6, "class": "utrecht-textarea markdown-input"}),
    )


class AnalysisTextsForm(forms.Form):
    """The programme's texts of one version: introduction, a conclusion per chapter, recommendations, answers.

    ``chapters`` are the chapters of the version (``analysis.texts.chapter_list``), ``advice`` the board's advice it
    answers (dicts with id and subject); ``fields_by_key`` maps each field to its (kind, key) in ``AnalysisText``.
    """

    def __init__(self, *args, chapters, advice, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields_by_key: dict[str, tuple[str, str]] = {}
        self.groups: list[tuple[str, list[str]]] = []
        self._add("introduction", "introduction", "", _("Inleiding"), group=_("Inleiding"))
        for chapter in chapters:
            self._add(f"conclusion__{chapter.key}", "conclusion", chapter.key, chapter.title, group=_("Conclusies"))
        self._add("recommendations", "recommendations", "", _("Beleidsaanbevelingen"), group=_("Beleidsaanbevelingen"))
        for item in advice:
            self._add(
                f"answer__{item['id']}",
                "advice_answer",
                str(item["id"]),
                item["subject"],
                group=_("Antwoorden op het advies van de klankbordgroep"),
            )

    def _add(self, name: str, kind: str, key: str, label, *, group) -> None:
        self.fields[name] = _text_field(label)
        # The live preview: htmx posts this field alone and shows the clean HTML below it.
        self.fields[name].widget.attrs.update(
            {
                "hx-post": reverse_lazy("analysis:analysis_text_preview"),
                "hx-trigger": "input changed delay:400ms",
                "hx-params": name,
                "hx-target": f"#id_{name}_preview",
                "hx-swap": "innerHTML",
            }
        )
        self.fields_by_key[name] = (kind, key)
        for title, names in self.groups:
            if title == group:
                names.append(name)
                break
        else:
            self.groups.append((group, [name]))

    def grouped(self):
        return [(title, [self[name] for name in names]) for title, names in self.groups]

    def texts(self) -> dict[tuple[str, str], str]:
        return {self.fields_by_key[name]: value for name, value in self.cleaned_data.items()}


class PublishForm(forms.Form):
    """The confirmation step: the hash of the data shown on the confirmation page must still be the version's."""

    data_hash = forms.CharField(widget=forms.HiddenInput)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van intrekking"),
        max_length=2000,
        help_text=_("Staat op de openbare pagina van deze versie, met de datum van intrekking."),
        widget=forms.Textarea(attrs={"rows": 4, "class": "utrecht-textarea"}),
        error_messages={"required": _("Schrijf op waarom deze versie wordt ingetrokken.")},
    )


class AnalysisAdviceForm(forms.Form):
    """Advice of a board member on a draft version of the analysis."""

    kind = forms.ChoiceField(label=_("Soort advies"), widget=forms.RadioSelect)
    subject = forms.CharField(label=_("Onderwerp"), max_length=255)
    text = forms.CharField(label=_("Advies"), widget=forms.Textarea(attrs={"rows": 5, "class": "utrecht-textarea"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Advice.Kind.choices
        self.fields["kind"].initial = Advice.Kind.UNASKED
