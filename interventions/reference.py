"""Load the target groups interventions can address."""

from pathlib import Path

from core.datafiles import DataFileError, read_yaml, require, upsert
from interventions.models import NeedTag, TargetGroup

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


NEED_TAGS_FILE = Path(__file__).resolve().parent / "data" / "need_tags.yaml"


def load_need_tags(path: Path = NEED_TAGS_FILE) -> int:
    """The fixed subjects of municipalities' needs; free tags that staff add stay as they are."""
    rows = read_yaml(path).get("need_tags")
    if not isinstance(rows, list):
        raise DataFileError(path, 1, "'need_tags' ontbreekt of is geen lijst")
    for row in rows:
        upsert(
            NeedTag,
            lookup={"name": require(row, "name", path)},
            values={"name_en": row.get("name_en", ""), "is_fixed": True},
            path=path,
            line=row.line,
        )
    return len(rows)
