"""Loading the programme's reference data: what the file says ends up in the database, and bad files are named."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from agenda.models import ActionLine, Activity, BudgetLine, Kpi, Programme, ProtectiveFactor
from agenda.reference import PROGRAMME_FILES, load_programme, load_programmes
from core.datafiles import DataFileError

pytestmark = pytest.mark.django_db

SMALL = """\
programme:
  code: proef-2026
  name: Proefprogramma
  name_en: Trial programme
  starts_on: 2026-01-01
  ends_on: 2026-12-31
action_lines:
  - {code: A1, name: Eerste lijn, name_en: First line}
  - {code: A2, name: Tweede lijn}
guiding_principles:
  - {code: P1, name: Samen}
resilience_levels:
  - {code: proef-niveau, name: Proefniveau}
protective_factors:
  - {code: PX1, level: proef-niveau, name: Proeffactor}
phenomena:
  - {code: FX1, name: Proeffenomeen}
activities:
  A1:
    - {name: Proefconferentie, kind: conference}
    - {name: Proefwerkplaats, kind: workplace}
kpis:
  - {code: X1, action_line: A2, period: deadline, deadline: 2026-12-31, target: 4, unit: count, measure: manual,
     name: Vier proeven}
budget:
  lines:
    - {category: Proeven, action_line: A1, planned: 1000.50}
    - {category: Onvoorzien, planned: 200}
"""


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "programma.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_programme_file_is_loaded_with_everything_it_names(tmp_path):
    programme = load_programme(_file(tmp_path, SMALL))
    assert (programme.code, programme.name, programme.name_en) == ("proef-2026", "Proefprogramma", "Trial programme")
    assert (programme.starts_on, programme.ends_on) == (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    assert list(programme.action_lines.values_list("code", "order")) == [("A1", 1), ("A2", 2)]
    assert list(Activity.objects.filter(action_line__programme=programme).values_list("name", "kind", "order")) == [
        ("Proefconferentie", "conference", 1),
        ("Proefwerkplaats", "workplace", 2),
    ]
    assert ProtectiveFactor.objects.get(code="PX1").level.code == "proef-niveau"
    kpi = Kpi.objects.get(programme=programme, code="X1")
    assert (kpi.action_line.code, kpi.target, kpi.deadline, kpi.is_manual) == (
        "A2",
        Decimal("4.00"),
        datetime.date(2026, 12, 31),
        True,
    )
    assert sorted(BudgetLine.objects.filter(programme=programme).values_list("category", "planned")) == [
        ("Onvoorzien", Decimal("200.00")),
        ("Proeven", Decimal("1000.50")),
    ]
    assert BudgetLine.objects.get(programme=programme, category="Onvoorzien").action_line is None


def test_loading_a_changed_file_updates_in_place(tmp_path):
    first = load_programme(_file(tmp_path, SMALL))
    again = load_programme(_file(tmp_path, SMALL.replace("name: Eerste lijn", "name: Eerste lijn (herzien)")))
    assert again.pk == first.pk
    assert ActionLine.objects.filter(programme=first).count() == 2
    assert ActionLine.objects.get(programme=first, code="A1").name == "Eerste lijn (herzien)"


def test_the_shipped_file_loads_again_without_changing_the_counts():
    before = (Programme.objects.count(), ActionLine.objects.count(), Kpi.objects.count(), BudgetLine.objects.count())
    assert [p.code for p in load_programmes(PROGRAMME_FILES)] == ["agenda-2023-2025"]
    after = (Programme.objects.count(), ActionLine.objects.count(), Kpi.objects.count(), BudgetLine.objects.count())
    assert after == before


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (("  - {code: X1, action_line: A2,", "  - {code: X1, action_line: A9,"), "onbekende action_line 'A9'"),
        (("  A1:\n", "  A7:\n"), "onbekende actielijn 'A7'"),
        (("kind: workplace", "kind: feest"), "onbekende soort activiteit 'feest'"),
        (("planned: 200", "planned: veel"), "'planned' is geen getal"),
        (("planned: 200", "planned: -200"), "'planned' mag niet negatief zijn"),
        (("ends_on: 2026-12-31", "ends_on: eind 2026"), "'ends_on' is geen datum"),
        (("  - {code: PX1, level: proef-niveau,", "  - {code: PX1, level: hoog,"), "onbekende level 'hoog'"),
    ],
)
def test_a_bad_file_is_refused_with_a_message_that_says_what_is_wrong(tmp_path, change, words):
    old, new = change
    assert old in SMALL
    with pytest.raises(DataFileError) as error:
        load_programme(_file(tmp_path, SMALL.replace(old, new)))
    assert words in str(error.value)


def test_a_file_without_action_lines_is_refused(tmp_path):
    text = SMALL.replace("action_lines:\n  - {code: A1, name: Eerste lijn, name_en: First line}\n", "action_lines: x\n")
    text = text.replace("  - {code: A2, name: Tweede lijn}\n", "")
    with pytest.raises(DataFileError) as error:
        load_programme(_file(tmp_path, text))
    assert "'action_lines' ontbreekt of is geen lijst" in str(error.value)
