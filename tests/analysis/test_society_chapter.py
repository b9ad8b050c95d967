"""The chapter "Hoe veerkrachtig is Nederland?" of the annual analysis: its figures, its words for what is missing,
and its place in the frozen data."""

import datetime
import re
from decimal import Decimal
from html import unescape

import pytest

from agenda.models import Phenomenon, ProtectiveFactor
from analysis import annual
from analysis.indicator_models import Indicator, IndicatorValue
from analysis.services import annual as services
from analysis.snapshots import freeze
from analysis.society import society_section
from tests.factories import InterventionFactory

TODAY = datetime.date(2025, 3, 1)
FIGURE = re.compile(
    r'<strong class="society-figure" data-indicator="([^"]+)" data-period="([^"]+)" '
    r'data-value="([^"]+)">([^<]+)</strong>'
)


def _value(code: str, year: int, value: str, **extra) -> IndicatorValue:
    return IndicatorValue.objects.create(
        indicator=Indicator.objects.get(code=code),
        period=str(year),
        period_end=datetime.date(year, 12, 31),
        value=Decimal(value),
        provenance=extra.pop("provenance", "manual"),
        **extra,
    )


@pytest.fixture
def figures(programme):
    """Trends for three indicators, one figure over a period after the analysis date, and one breakdown."""
    for year, value in ((2021, "43"), (2022, "31.5"), (2023, "33.25"), (2024, "36")):
        _value("vertrouwen-overheid", year, value)
    _value("vertrouwen-overheid", 2024, "12", breakdown="Provincie: Utrecht")
    for year, value in ((2022, "27"), (2024, "26")):
        _value("ervaren-discriminatie", year, value, provenance="demo")
    _value("affectieve-polarisatie", 2023, "5.8")
    _value("affectieve-polarisatie", 2025, "6.4")  # after 31 December 2024: not in the 2024 analysis
    discrimination = Phenomenon.objects.get(code="F2")
    InterventionFactory(
        name="Ontmoeten in de wijk",
        protective_factors=[ProtectiveFactor.objects.get(code="PF09"), ProtectiveFactor.objects.get(code="PF07")],
    ).phenomena.set([discrimination])


def _document(programme, year=2024) -> tuple[dict, str]:
    data = annual.analysis_data(programme=programme, year=year, version=1, today=TODAY)
    frozen, data_hash = freeze(data)
    return frozen, services.render_document(frozen, data_hash=data_hash, language="nl").html


def test_each_figure_in_the_chapter_equals_the_indicator_value_it_cites(figures, programme):
    frozen, html = _document(programme)
    cited = FIGURE.findall(html)
    assert cited, "the chapter cites no figure"
    as_of = datetime.date(2024, 12, 31)
    for code, period, value, shown in cited:
        stored = IndicatorValue.objects.get(indicator__code=code, period=period, breakdown="")
        assert Decimal(value) == stored.value, code
        # It is the latest national figure over a period that had ended on the analysis date.
        latest = (
            IndicatorValue.objects.filter(indicator__code=code, breakdown="", period_end__lte=as_of)
            .order_by("period_end")
            .last()
        )
        assert latest == stored, code
        # And the text a reader sees is that value, the Dutch way.
        number = Decimal(unescape(shown).rstrip("%").replace(".", "").replace(",", "."))
        assert number == stored.value.quantize(Decimal("0.01")).normalize(), code
    # Every indicator with a figure on the date is cited once.
    with_figures = set(
        IndicatorValue.objects.filter(breakdown="", period_end__lte=as_of).values_list("indicator__code", flat=True)
    )
    assert sorted(code for code, *_rest in cited) == sorted(with_figures)


def test_the_chapter_shows_the_trend_source_and_what_the_programme_does(figures, programme):
    _frozen, html = _document(programme)
    text = unescape(re.sub(r"<[^>]+>", " ", html))
    text = " ".join(text.split())
    assert "Laatste cijfer (2024): 36% . Ten opzichte van 2023 (33,25%) is dat verbeterd." in text
    assert "Laatste cijfer (2024): 26% (demo)" in text
    assert "Laatste cijfer (2023): 5,8 . Er is nog maar één cijfer, dus nog geen verloop." in text
    assert "Bron: Sociaal en Cultureel Planbureau (SCP), Ervaren discriminatie in Nederland II (2020)" in text
    assert "Op de peildatum richt 1 interventie in het programma zich op dit fenomeen." in text
    assert "PF07 Sociale inclusie (1); PF09 Ontmoeting tussen individuen en gemeenschappen (1)" in text
    assert "Ontmoeten in de wijk" in text
    # Polarisation has indicators at two levels: what the programme does is told once.
    assert "Wat het programma aan dit fenomeen doet, staat hierboven bij veerkracht binnen gemeenschappen." in text


def test_missing_figures_are_said_in_words(figures, programme):
    _frozen, html = _document(programme)
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    # An indicator without any figure by the date, and phenomena no indicator speaks to.
    assert "Voor deze indicator is op de peildatum nog geen cijfer bekend" in text
    assert "Fenomenen zonder cijfers" in text
    assert "Radicalisering en extremisme" in text
    assert "Op de peildatum richt geen van de interventies in het programma zich op dit fenomeen." in text


def test_the_figures_are_frozen_with_the_hash(figures, programme):
    frozen, _html = _document(programme)
    trust = next(i for i in frozen["society"]["indicators"] if i["code"] == "vertrouwen-overheid")
    assert [v["period"] for v in trust["values"]] == ["2021", "2022", "2023", "2024"]
    before = freeze(frozen)[1]
    IndicatorValue.objects.filter(indicator__code="vertrouwen-overheid", period="2024", breakdown="").update(
        value=Decimal("99")
    )
    # A frozen copy renders the old figure; new data gives a new hash.
    assert 'data-value="36"' in services.render_document(frozen, data_hash=before, language="nl").html
    assert freeze(annual.analysis_data(programme=programme, year=2024, version=1, today=TODAY))[1] != before


def test_the_chapter_reads_in_english(figures, programme):
    data = annual.analysis_data(programme=programme, year=2024, version=1, today=TODAY)
    frozen, data_hash = freeze(data)
    html = services.render_document(frozen, data_hash=data_hash, language="en").html
    assert "How resilient is the Netherlands?" in html
    assert "Trust in government" in html


def test_the_section_runs_the_same_queries_for_many_interventions(figures, programme, django_assert_num_queries):
    as_of = datetime.date(2024, 12, 31)
    with django_assert_num_queries(7):
        society_section(as_of)
    phenomenon = Phenomenon.objects.get(code="F4")
    for _ in range(15):
        InterventionFactory().phenomena.set([phenomenon])
    with django_assert_num_queries(7):
        section = society_section(as_of)
    assert next(p for p in section["phenomena"] if p["code"] == "F4")["interventions"] == 15


def test_a_version_frozen_before_there_were_indicators_says_so_without_a_gap(figures, programme):
    data = annual.analysis_data(programme=programme, year=2024, version=1, today=TODAY)
    del data["society"]
    frozen, data_hash = freeze(data)
    document = services.render_document(frozen, data_hash=data_hash, language="nl")
    assert "gemaakt voordat de portal maatschappelijke indicatoren bijhield" in document.html
    assert document.gaps == []
