"""The annual analysis summarises long lists: a selection of the year's evaluations and partnerships, the exact
counts in words, and where the full lists are; snapshots frozen before the counts were kept still render."""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse

from analysis import annual
from analysis.comparison import compare
from analysis.display import annual_chapters
from analysis.display.dashboard import collaboration
from analysis.services import annual as services
from analysis.snapshots import freeze
from tests.factories import EvaluationFactory, InterventionFactory, OrganisationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 3, 1)


def _frozen(programme, year=2024) -> tuple[dict, str]:
    return freeze(annual.analysis_data(programme=programme, year=year, version=1, today=TODAY))


def _text(snapshot: dict, data_hash: str) -> str:
    """The document as plain text: tags dropped, entities read, white space collapsed."""
    document = services.render_document(snapshot, data_hash=data_hash, language="nl")
    assert document.gaps == []
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", document.html)).split())


def _chapter(text: str, title: str, until: str) -> str:
    start = text.index(title)
    return text[start : text.index(until, start)]


# ---------------------------------------------------------------------------
# Evaluations


@pytest.fixture
def evaluations(programme):
    """Four evaluations completed in 2024, each of an intervention of another evidence level, with findings."""
    rows = [
        ("Evaluatie zwak", "not_assessed", datetime.date(2024, 11, 1)),
        ("Evaluatie sterk oud", "strong_indications", datetime.date(2024, 2, 1)),
        ("Evaluatie sterk nieuw", "strong_indications", datetime.date(2024, 10, 1)),
        ("Evaluatie goed", "good_indications", datetime.date(2024, 6, 1)),
    ]
    for title, level, completed_on in rows:
        EvaluationFactory(
            title=title,
            intervention=InterventionFactory(evidence_level=level),
            completed_on=completed_on,
            findings=f"Bevinding van {title.lower()}.",
        )
    EvaluationFactory(
        title="Evaluatie vorig jaar", started_on=datetime.date(2023, 1, 1), completed_on=datetime.date(2023, 5, 1)
    )


def test_past_the_cap_the_table_shows_the_strongest_evidence_first_and_says_how_many_more_and_where(
    evaluations, programme, monkeypatch, settings
):
    monkeypatch.setattr(annual_chapters, "EVALUATIONS_SHOWN", 3)
    monkeypatch.setattr(annual_chapters, "FINDINGS_SHOWN", 2)
    snapshot, data_hash = _frozen(programme)
    assert len(snapshot["year"]["evaluations"]["completed"]) == 4  # the frozen record keeps the whole year
    text = _text(snapshot, data_hash)
    chapter = _chapter(text, "Evaluaties afgerond in 2024", "Op de peildatum")
    assert "4 evaluaties afgerond in 2024: de 3 met de sterkste bewijskracht, de meest recente eerst" in chapter
    table = chapter[
        chapter.index("Bewijskracht nu") : chapter.index("Nog 1 evaluatie uit 2024 staat niet in deze tabel")
    ]
    shown = ["Evaluatie sterk nieuw", "Evaluatie sterk oud", "Evaluatie goed"]
    assert sorted(shown, key=table.index) == shown
    assert "Evaluatie zwak" not in table
    register = f"{settings.SITE_URL}/interventies/"
    assert f"Elke evaluatie staat bij haar interventie in de openbare catalogus: {register}" in chapter
    assert "Evaluatie zwak" not in chapter
    assert "Hieronder de bevindingen van de 2 evaluaties met de sterkste bewijskracht" in chapter
    assert "Bevinding van evaluatie sterk nieuw." in chapter and "Bevinding van evaluatie sterk oud." in chapter
    assert "Bevinding van evaluatie goed." not in chapter
    assert (
        f"De bevindingen van de andere 2 evaluaties staan bij hun interventies in de openbare catalogus: {register}"
        in chapter
    )
    assert "In 2024 zijn 4 evaluaties afgerond." in text  # the summary counts them all


def test_while_the_year_fits_every_evaluation_and_its_findings_show_in_the_order_they_were_completed(
    evaluations, programme, monkeypatch
):
    monkeypatch.setattr(annual_chapters, "EVALUATIONS_SHOWN", 4)
    monkeypatch.setattr(annual_chapters, "FINDINGS_SHOWN", 4)
    chapter = _chapter(_text(*_frozen(programme)), "Evaluaties afgerond in 2024", "Op de peildatum")
    assert "4 evaluaties afgerond in 2024 Afgerond" in chapter
    titles = ["Evaluatie sterk oud", "Evaluatie goed", "Evaluatie sterk nieuw", "Evaluatie zwak"]
    positions = [chapter.index(f"Bevinding van {title.lower()}.") for title in titles]
    assert positions == sorted(positions)
    assert "staat niet in deze tabel" not in chapter and "sterkste bewijskracht" not in chapter
    assert "openbare catalogus" not in chapter


# ---------------------------------------------------------------------------
# Partnerships


@pytest.fixture
def partnerships(programme):
    """Six partnerships of the programme around 2024: long ended, running all year, begun or ended in it."""
    big = PartnershipFactory(name="Begonnen groot", started_on=datetime.date(2024, 5, 1))
    big.members.set(OrganisationFactory.create_batch(3))
    PartnershipFactory(name="Begonnen klein", started_on=datetime.date(2024, 8, 1))
    PartnershipFactory(
        name="Geëindigd", started_on=datetime.date(2021, 1, 1), ended_on=datetime.date(2024, 4, 30)
    ).members.set(OrganisationFactory.create_batch(2))
    PartnershipFactory(name="Heel het jaar", started_on=datetime.date(2022, 3, 1))
    PartnershipFactory(name="Lang geleden", started_on=datetime.date(2020, 1, 1), ended_on=datetime.date(2022, 6, 1))
    PartnershipFactory(name="Na het jaar", started_on=datetime.date(2025, 2, 1))


def test_the_snapshot_counts_the_partnerships_begun_by_the_date_and_those_running_on_it(partnerships, programme):
    snapshot, _hash = _frozen(programme)
    section = snapshot["collaboration"]
    assert (section["count"], section["active_count"]) == (5, 3)
    assert len(section["partnerships"]) == 5


def test_many_partnerships_show_those_begun_or_ended_in_the_year_with_every_count_in_words(
    partnerships, programme, monkeypatch, settings
):
    monkeypatch.setattr(annual_chapters, "PARTNERSHIPS_SHOWN", 2)
    chapter = _chapter(_text(*_frozen(programme)), "Samenwerking Op de peildatum", "Organisaties")
    assert "Op de peildatum liepen 3 samenwerkingsverbanden." in chapter
    assert "In 2024 liepen 4 samenwerkingsverbanden, ook als ze in de loop van het jaar eindigden." in chapter
    assert "Daarvan zijn er 2 in 2024 begonnen en 1 beëindigd." in chapter
    assert "Sinds de start van het programma zijn er 5 samenwerkingsverbanden begonnen." in chapter
    # Three began or ended in 2024; the two with the most members are listed.
    assert "De 2 grootste van de 3 samenwerkingsverbanden die in 2024 begonnen of eindigden" in chapter
    assert "Begonnen groot" in chapter and "Geëindigd (beëindigd)" in chapter
    for name in ("Begonnen klein", "Heel het jaar", "Lang geleden", "Na het jaar"):
        assert name not in chapter
    assert f"alle samenwerkingsverbanden staan in het register van de portal: {settings.SITE_URL}/register/" in chapter


def test_partnerships_that_fit_are_all_those_running_in_the_year(partnerships, programme, monkeypatch):
    monkeypatch.setattr(annual_chapters, "PARTNERSHIPS_SHOWN", 4)
    chapter = _chapter(_text(*_frozen(programme)), "Samenwerking Op de peildatum", "Organisaties")
    assert "Samenwerkingsverbanden die in 2024 liepen" in chapter
    for name in ("Begonnen groot", "Begonnen klein", "Geëindigd", "Heel het jaar"):
        assert name in chapter
    assert "Lang geleden" not in chapter and "register van de portal" not in chapter


# ---------------------------------------------------------------------------
# Counts kept apart from the lists, and snapshots frozen before they were kept


def test_the_comparison_and_the_dashboards_read_the_stored_count_not_the_list(partnerships, programme):
    snapshot, _hash = _frozen(programme)
    # A list that shows fewer partnerships than there are does not change the counts.
    after = {**snapshot, "collaboration": {**snapshot["collaboration"], "partnerships": [], "active_count": 7}}
    before = {**snapshot, "collaboration": {**snapshot["collaboration"], "active_count": 5}}
    assert collaboration(after, None).active.value == 7
    change = compare(before, after).get("collaboration:partnerships")
    assert (change.before, change.after) == (5, 7)


def _as_frozen_before_the_counts(snapshot: dict) -> dict:
    old = {**snapshot, "snapshot_version": 1}
    for holder in (old, old.get("previous")):
        if holder:
            holder["collaboration"] = {
                key: value for key, value in holder["collaboration"].items() if key not in ("count", "active_count")
            }
    return old


def test_a_snapshot_frozen_before_the_counts_were_kept_renders_with_the_same_counts(
    partnerships, programme, monkeypatch
):
    monkeypatch.setattr(annual_chapters, "PARTNERSHIPS_SHOWN", 2)
    snapshot, data_hash = _frozen(programme)
    old = _as_frozen_before_the_counts(snapshot)
    assert "active_count" not in old["collaboration"]
    chapter = _chapter(_text(old, data_hash), "Samenwerking Op de peildatum", "Organisaties")
    assert chapter == _chapter(_text(snapshot, data_hash), "Samenwerking Op de peildatum", "Organisaties")
    assert "Op de peildatum liepen 3 samenwerkingsverbanden." in chapter
    assert "Sinds de start van het programma zijn er 5 samenwerkingsverbanden begonnen." in chapter
    assert collaboration(old, None).active.value == 3


def test_the_register_addresses_the_analysis_points_to_are_those_of_the_portal(settings):
    for name in annual_chapters.REGISTER_PATHS:
        assert annual_chapters.register_url(name) == settings.SITE_URL + reverse(name)
