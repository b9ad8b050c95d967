"""Load the society indicators, and the figures the programme's sources give, from analysis/data/indicators.yaml."""

from decimal import Decimal, InvalidOperation
from pathlib import Path

from agenda.models import Phenomenon, ProtectiveFactor, ResilienceLevel
from analysis.indicator_models import Indicator, IndicatorValue
from analysis.services.indicators import parse_period
from core.datafiles import DataFileError, Row, read_yaml, require, upsert

INDICATOR_FILE = Path(__file__).resolve().parent / "data" / "indicators.yaml"


def load_indicators(path: Path = INDICATOR_FILE) -> int:
    """Create or update every indicator in the file and its reference values; returns how many indicators."""
    data = read_yaml(path)
    rows = data.get("indicators")
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise DataFileError(path, data.line, "'indicators' ontbreekt of is geen lijst van mappings")
    levels = {level.code: level for level in ResilienceLevel.objects.all()}
    phenomena = {p.code: p for p in Phenomenon.objects.all()}
    factors = {f.code: f for f in ProtectiveFactor.objects.all()}
    for order, row in enumerate(rows, start=1):
        phenomenon = _known(phenomena, row, "phenomenon", path, optional=True)
        factor = _known(factors, row, "protective_factor", path, optional=True)
        if phenomenon is None and factor is None:
            raise DataFileError(path, row.line, "een indicator hoort bij een fenomeen of een beschermende factor")
        indicator = upsert(
            Indicator,
            lookup={"code": require(row, "code", path)},
            values={
                "name": require(row, "name", path),
                "name_en": row.get("name_en", ""),
                "definition": require(row, "definition", path).strip(),
                "definition_en": (row.get("definition_en") or "").strip(),
                "level": _known(levels, row, "level", path),
                "phenomenon": phenomenon,
                "protective_factor": factor,
                "unit": _choice(row, "unit", Indicator.Unit, path),
                "direction": _choice(row, "direction", Indicator.Direction, path),
                "source_publisher": require(row, "source_publisher", path),
                "source_table": row.get("source_table", ""),
                "source_url": row.get("source_url", ""),
                "licence": row.get("licence", ""),
                "order": order,
            },
            path=path,
            line=row.line,
        )
        for value_row in row.get("values") or []:
            _load_value(indicator, value_row, path)
    return len(rows)


def _load_value(indicator: Indicator, row: Row, path: Path) -> None:
    period = parse_period(str(require(row, "period", path)))
    if period is None:
        raise DataFileError(path, row.line, f"onbekende periode {row.get('period')!r}")
    try:
        value = Decimal(str(require(row, "value", path)))
    except InvalidOperation:
        raise DataFileError(path, row.line, f"'value' is geen getal: {row.get('value')!r}") from None
    breakdown = row.get("breakdown", "")
    stored = IndicatorValue.objects.filter(indicator=indicator, period=period.label, breakdown=breakdown).first()
    if stored is not None and stored.provenance != IndicatorValue.Provenance.REFERENCE:
        return  # imported or typed by staff since: theirs stands
    upsert(
        IndicatorValue,
        lookup={"indicator": indicator, "period": period.label, "breakdown": breakdown},
        values={
            "period_end": period.end,
            "value": value,
            "note": " ".join((row.get("note") or "").split()),
            "provenance": IndicatorValue.Provenance.REFERENCE,
        },
        path=path,
        line=row.line,
    )


def _known(known: dict, row: Row, key: str, path: Path, *, optional: bool = False):
    code = row.get(key)
    if not code and optional:
        return None
    code = require(row, key, path)
    if code not in known:
        raise DataFileError(path, row.line, f"onbekende {key} '{code}'")
    return known[code]


def _choice(row: Row, key: str, choices, path: Path) -> str:
    value = require(row, key, path)
    if value not in choices.values:
        raise DataFileError(path, row.line, f"'{key}' moet een van {', '.join(choices.values)} zijn, niet {value!r}")
    return value
