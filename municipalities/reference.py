"""Load the 342 municipalities and the NPLV focus areas from the project's data files."""

import re
from pathlib import Path

from core.datafiles import DataFileError, read_csv, require, upsert
from municipalities.models import CBS_CODE_PATTERN, FocusArea, Municipality, Province

DATA_DIR = Path(__file__).resolve().parent / "data"
MUNICIPALITIES_FILE = DATA_DIR / "gemeenten_2026.csv"
FOCUS_AREAS_FILE = DATA_DIR / "focus_areas.csv"


def load_municipalities(path: Path = MUNICIPALITIES_FILE) -> int:
    seen: set[str] = set()
    for row in read_csv(path, required=["cbs_code", "name", "province"]):
        code = require(row, "cbs_code", path)
        if not re.match(CBS_CODE_PATTERN, code):
            raise DataFileError(path, row.line, f"ongeldige CBS-code {code!r}: verwacht GM gevolgd door vier cijfers")
        if code in seen:
            raise DataFileError(path, row.line, f"CBS-code {code} komt twee keer voor")
        if row.get("province") not in Province.values:
            raise DataFileError(path, row.line, f"onbekende provincie {row.get('province')!r}")
        seen.add(code)
        upsert(
            Municipality,
            lookup={"cbs_code": code},
            values={"name": require(row, "name", path), "province": row["province"]},
            path=path,
            line=row.line,
        )
    return len(seen)


def load_focus_areas(path: Path = FOCUS_AREAS_FILE) -> int:
    municipalities = {m.cbs_code: m for m in Municipality.objects.all()}
    count = 0
    for row in read_csv(path, required=["name", "cbs_code"]):
        code = require(row, "cbs_code", path)
        if code not in municipalities:
            raise DataFileError(path, row.line, f"onbekende gemeente {code!r}")
        upsert(
            FocusArea,
            lookup={"name": require(row, "name", path), "kind": FocusArea.Kind.NPLV},
            values={"municipality": municipalities[code]},
            path=path,
            line=row.line,
        )
        count += 1
    return count
