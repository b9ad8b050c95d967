"""The reference data command loads the programme's facts and can run any number of times."""

import shutil

import pytest
from django.core.management import CommandError, call_command

from agenda.models import (
    ActionLine,
    Activity,
    BudgetLine,
    GuidingPrinciple,
    Kpi,
    Phenomenon,
    Programme,
    ProtectiveFactor,
    RelatedProgramme,
    ResilienceLevel,
)
from agenda.reference import PROGRAMME_FILES, load_programme
from interventions.models import NeedTag
from municipalities.models import FocusArea, Municipality
from municipalities.reference import MUNICIPALITIES_FILE, load_municipalities

pytestmark = pytest.mark.django_db


def test_it_loads_the_programme_2023_2025():
    programme = Programme.objects.get(code="agenda-2023-2025")
    assert (programme.starts_on.isoformat(), programme.ends_on.isoformat()) == ("2023-01-01", "2025-06-30")
    assert list(ActionLine.objects.filter(programme=programme).values_list("code", flat=True)) == [
        "AL1",
        "AL2",
        "AL3",
        "AL4",
    ]
    assert GuidingPrinciple.objects.filter(programme=programme).count() == 4
    assert ResilienceLevel.objects.count() == 3
    assert ProtectiveFactor.objects.count() == 10
    assert Phenomenon.objects.count() == 7
    assert Activity.objects.filter(action_line__programme=programme).count() == 15


def test_it_loads_the_twelve_kpis_with_targets_and_deadlines():
    kpis = {kpi.code: kpi for kpi in Kpi.objects.all()}
    assert sorted(kpis) == [f"K{n:02d}" for n in range(1, 13)]
    assert kpis["K02"].target == 15
    assert kpis["K02"].deadline.isoformat() == "2025-06-30"
    assert kpis["K04"].deadline.isoformat() == "2023-12-31"
    assert kpis["K06"].target == 7
    assert kpis["K08"].target == 30
    assert kpis["K09"].period == Kpi.Period.PER_YEAR
    assert kpis["K09"].target == 2
    assert kpis["K04"].is_manual
    # Counted from what staff record, not typed in.
    assert (kpis["K03"].measure, kpis["K09"].measure, kpis["K12"].measure) == (
        "research_results_shared",
        "board_consultations",
        "policy_inventories",
    )


def test_the_plans_average_per_year_adds_up_to_the_plan():
    assert sum(line.planned for line in BudgetLine.objects.all()) == 3_483_000


def test_it_loads_all_342_municipalities_with_province():
    assert Municipality.objects.count() == 342
    assert Municipality.objects.get(cbs_code="GM0363").province == "Noord-Holland"
    assert Municipality.objects.get(cbs_code="GM1992").name == "Voorne aan Zee"
    assert Municipality.objects.filter(province="Fryslân").count() == 18


def test_it_loads_the_twenty_focus_areas_in_nineteen_municipalities():
    assert FocusArea.objects.count() == 20
    assert FocusArea.objects.values("municipality").distinct().count() == 19
    assert FocusArea.objects.filter(municipality__cbs_code="GM0363").count() == 2


def test_loading_twice_changes_nothing():
    def state():
        return (
            Municipality.objects.count(),
            Municipality.history.count(),
            Kpi.history.count(),
            BudgetLine.history.count(),
            FocusArea.objects.count(),
            FocusArea.history.count(),
            list(Kpi.objects.values_list("code", "target", "deadline")),
            Programme.history.count(),
            ProtectiveFactor.history.count(),
            RelatedProgramme.history.count(),
            NeedTag.history.count(),
        )

    before = state()
    call_command("load_reference", verbosity=0)
    assert state() == before


def test_bad_municipality_file_names_file_and_line_and_changes_nothing(tmp_path):
    bad = tmp_path / "gemeenten_2026.csv"
    shutil.copy(MUNICIPALITIES_FILE, bad)
    lines = bad.read_text(encoding="utf-8").splitlines()
    lines[1] = "GM14,Groningen,Groningen"
    lines[3] = "GM0037,Stadskanaal (nieuw),Groningen"
    bad.write_text("\n".join(lines), encoding="utf-8")

    with pytest.raises(Exception, match=r"gemeenten_2026\.csv, regel 2: ongeldige CBS-code 'GM14'"):
        load_municipalities(bad)


def test_the_command_rolls_back_everything_on_bad_data(tmp_path, monkeypatch):
    bad = tmp_path / "programme.yaml"
    text = PROGRAMME_FILES[0].read_text(encoding="utf-8")
    text = text.replace("name: Versterken expertise", "name: Versterken expertise (gewijzigd)")
    text = text.replace("target: 30,", "target: -30,")
    bad.write_text(text, encoding="utf-8")
    monkeypatch.setattr("agenda.reference.PROGRAMME_FILES", [bad])
    monkeypatch.setattr("portal.management.commands.load_reference.load_programmes", lambda: [load_programme(bad)])

    with pytest.raises(CommandError) as error:
        call_command("load_reference", verbosity=0)

    line = next(n for n, row in enumerate(text.splitlines(), start=1) if "code: K08" in row)
    assert f"programme.yaml, regel {line}" in str(error.value)
    assert "negatief" in str(error.value)
    assert ActionLine.objects.get(code="AL1").name == "Versterken expertise"


def test_invalid_yaml_names_the_line(tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text("programme:\n  code: x\n  name: [unclosed\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"broken\.yaml, regel \d+: geen geldige YAML"):
        load_programme(bad)


def test_the_programme_is_loaded_in_its_own_words_in_dutch_and_english():
    programme = Programme.objects.get(code="agenda-2023-2025")
    for text in ("vision", "resilience_definition", "resistance_definition"):
        assert getattr(programme, text) and getattr(programme, f"{text}_en"), text
    for line in programme.action_lines.all():
        assert line.aim and line.aim_en and line.description_en, line.code
    for principle in programme.guiding_principles.all():
        assert principle.description and principle.description_en, principle.code
    for item in [*ProtectiveFactor.objects.all(), *Phenomenon.objects.all()]:
        assert item.description and item.description_en and item.source, item.code
    assert programme.related_programmes.count() == 6
