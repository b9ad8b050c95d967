"""Load the target groups interventions can address."""

from pathlib import Path

from core.datafiles import DataFileError, read_yaml, require, upsert
from interventions.models import TargetGroup

TARGET_GROUPS_FILE = Path(__file__).resolve().parent / "data" / "target_groups.yaml"


def load_target_groups(path: Path = TARGET_GROUPS_FILE) -> int:
    rows = read_yaml(path).get("target_groups")
    if not isinstance(rows, list):
        raise DataFileError(path, 1, "'target_groups' ontbreekt of is geen lijst")
    for order, row in enumerate(rows, start=1):
        upsert(
            TargetGroup,
            lookup={"code": require(row, "code", path)},
            values={"name": require(row, "name", path), "name_en": row.get("name_en", ""), "order": order},
            path=path,
            line=row.line,
        )
    return len(rows)
