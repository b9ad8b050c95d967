"""Load the programme's reference data (action lines, factors, KPIs, budget) from its YAML file."""

import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

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
from core.datafiles import DataFileError, Row, read_yaml, require, upsert

DATA_DIR = Path(__file__).resolve().parent / "data"
PROGRAMME_FILES = [DATA_DIR / "programme_2023_2025.yaml"]
# The multi-year plan 2025-2030 as an example: loaded with the demo, never as reference data.
DEMO_PROGRAMME_FILE = DATA_DIR / "demo_programme_2025_2030.yaml"


def load_programmes(paths: list[Path] = PROGRAMME_FILES) -> list[Programme]:
    return [load_programme(path) for path in paths]


def load_programme(path: Path) -> Programme:
    data = read_yaml(path)
    info = _mapping(data, "programme", path)
    programme = upsert(
        Programme,
        lookup={"code": require(info, "code", path)},
        values={
            "name": require(info, "name", path),
            "name_en": info.get("name_en", ""),
            "owner": info.get("owner", ""),
            "mission": (info.get("mission") or "").strip(),
            "mission_en": (info.get("mission_en") or "").strip(),
            "starts_on": _date(info, "starts_on", path),
            "ends_on": _date(info, "ends_on", path),
            **_texts(info, "vision", "resilience_definition", "resistance_definition"),
        },
        path=path,
        line=info.line,
    )
    lines = {}
    for order, row in enumerate(_list(data, "action_lines", path), start=1):
        lines[row.get("code")] = upsert(
            ActionLine,
            lookup={"programme": programme, "code": require(row, "code", path)},
            values={**_names(row, path), **_texts(row, "description", "aim"), "order": order},
            path=path,
            line=row.line,
        )
    for order, row in enumerate(_list(data, "guiding_principles", path), start=1):
        upsert(
            GuidingPrinciple,
            lookup={"programme": programme, "code": require(row, "code", path)},
            values={**_names(row, path), **_texts(row, "description"), "order": order},
            path=path,
            line=row.line,
        )
    levels = {}
    for order, row in enumerate(_optional_list(data, "resilience_levels", path), start=1):
        levels[row.get("code")] = upsert(
            ResilienceLevel,
            lookup={"code": require(row, "code", path)},
            values={**_names(row, path), "order": order},
            path=path,
            line=row.line,
        )
    for row in _optional_list(data, "protective_factors", path):
        level = _lookup(levels, row, "level", path)
        upsert(
            ProtectiveFactor,
            lookup={"code": require(row, "code", path)},
            values={**_names(row, path), "level": level, **_texts(row, "description"), "source": _text(row, "source")},
            path=path,
            line=row.line,
        )
    for row in _optional_list(data, "phenomena", path):
        upsert(
            Phenomenon,
            lookup={"code": require(row, "code", path)},
            values={**_names(row, path), **_texts(row, "description"), "source": _text(row, "source")},
            path=path,
            line=row.line,
        )
    for order, row in enumerate(data.get("related_programmes") or [], start=1):
        require(row, "ministry", path)
        upsert(
            RelatedProgramme,
            lookup={"programme": programme, "name": require(row, "name", path)},
            values={
                "name_en": row.get("name_en", ""),
                **_texts(row, "ministry", "connection"),
                "website": row.get("website", ""),
                "order": order,
            },
            path=path,
            line=row.line,
        )
    activities = _mapping(data, "activities", path)
    for line_code, rows in activities.items():
        line = lines.get(line_code)
        if line is None:
            raise DataFileError(path, activities.line, f"onbekende actielijn '{line_code}' bij activiteiten")
        for order, row in enumerate(rows or [], start=1):
            if row.get("kind") not in Activity.Kind.values:
                raise DataFileError(path, row.line, f"onbekende soort activiteit '{row.get('kind')}'")
            upsert(
                Activity,
                lookup={"action_line": line, "name": require(row, "name", path)},
                values={"name_en": row.get("name_en", ""), "kind": row["kind"], "order": order},
                path=path,
                line=row.line,
            )
    for order, row in enumerate(_list(data, "kpis", path), start=1):
        upsert(
            Kpi,
            lookup={"programme": programme, "code": require(row, "code", path)},
            values={
                **_names(row, path),
                "action_line": _lookup(lines, row, "action_line", path),
                "target": _amount(row, "target", path),
                "unit": row.get("unit", Kpi.Unit.COUNT),
                "period": require(row, "period", path),
                "deadline": _date(row, "deadline", path) if row.get("deadline") else None,
                "measure": require(row, "measure", path),
                **_texts(row, "description", "measure_description"),
                "due_month": row.get("due_month"),
                "order": order,
            },
            path=path,
            line=row.line,
        )
    # The plan's budget table: an average per year per category (analysis.budget derives each year's plan).
    budget = _mapping(data, "budget", path)
    for row in _list(budget, "lines", path):
        upsert(
            BudgetLine,
            lookup={"programme": programme, "category": require(row, "category", path)},
            values={
                "action_line": _lookup(lines, row, "action_line", path) if row.get("action_line") else None,
                "planned": _amount(row, "planned", path),
            },
            path=path,
            line=row.line,
        )
    return programme


def _mapping(data: Row, key: str, path: Path) -> Row:
    value = data.get(key)
    if not isinstance(value, dict):
        raise DataFileError(path, getattr(data, "line", None), f"'{key}' ontbreekt of is geen mapping")
    return value


def _list(data: Row, key: str, path: Path) -> list[Row]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise DataFileError(path, getattr(data, "line", None), f"'{key}' ontbreekt of is geen lijst van mappings")
    return value


def _optional_list(data: Row, key: str, path: Path) -> list[Row]:
    """A list a later programme may leave out: what it shares with an earlier one (factors, phenomena)."""
    return _list(data, key, path) if key in data else []


def _names(row: Row, path: Path) -> dict:
    return {"name": require(row, "name", path), "name_en": row.get("name_en", "")}


def _text(row: Row, key: str) -> str:
    return str(row.get(key) or "").strip()


def _texts(row: Row, *keys: str) -> dict[str, str]:
    """A text and its English version: ``description`` and ``description_en``."""
    values = {}
    for key in keys:
        values[key] = _text(row, key)
        values[f"{key}_en"] = _text(row, f"{key}_en")
    return values


def _lookup(known: dict, row: Row, key: str, path: Path):
    code = require(row, key, path)
    if code not in known:
        raise DataFileError(path, row.line, f"onbekende {key} '{code}'")
    return known[code]


def _date(row: Row, key: str, path: Path) -> datetime.date:
    value = require(row, key, path)
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise DataFileError(path, row.line, f"'{key}' is geen datum (JJJJ-MM-DD): {value!r}") from None


def _amount(row: Row, key: str, path: Path) -> Decimal:
    value = require(row, key, path)
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise DataFileError(path, row.line, f"'{key}' is geen getal: {value!r}") from None
    if amount < 0:
        raise DataFileError(path, row.line, f"'{key}' mag niet negatief zijn: {value}")
    return amount
