"""Read the project's own data files, keeping line numbers for error messages."""

import csv
from collections.abc import Iterator
from pathlib import Path

import yaml


class DataFileError(Exception):
    """Bad data in a data file; the message names the file and the line."""

    def __init__(self, path: Path | str, line: int | None, message: str):
        self.path, self.line = Path(path), line
        location = f"{self.path.name}, regel {line}" if line else self.path.name
        super().__init__(f"{location}: {message}")


class Row(dict):
    """A mapping read from a data file that remembers the line it started on."""

    line: int | None = None


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_row(loader: _LineLoader, node: yaml.MappingNode) -> Row:
    row = Row(loader.construct_mapping(node, deep=True))
    row.line = node.start_mark.line + 1
    return row


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_row)


def read_yaml(path: Path) -> Row:
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise DataFileError(path, line, f"geen geldige YAML: {exc.problem}") from None
    except OSError as exc:
        raise DataFileError(path, None, f"kan het bestand niet lezen: {exc.strerror}") from None
    if not isinstance(data, Row):
        raise DataFileError(path, 1, "het bestand moet een YAML-mapping bevatten")
    return data


def read_csv(path: Path, required: list[str]) -> Iterator[Row]:
    try:
        handle = open(path, encoding="utf-8", newline="")  # noqa: SIM115 - closed by the with-block below
    except OSError as exc:
        raise DataFileError(path, None, f"kan het bestand niet lezen: {exc.strerror}") from None
    with handle:
        reader = csv.DictReader(handle)
        missing = [column for column in required if column not in (reader.fieldnames or [])]
        if missing:
            raise DataFileError(path, 1, f"kolom(men) ontbreken: {', '.join(missing)}")
        for record in reader:
            row = Row({key: (value or "").strip() for key, value in record.items() if key})
            row.line = reader.line_num
            if None in record:
                raise DataFileError(path, row.line, "meer waarden dan kolommen")
            yield row


def require(row: Row, key: str, path: Path):
    value = row.get(key)
    if value in (None, ""):
        raise DataFileError(path, row.line, f"'{key}' ontbreekt")
    return value


def upsert(model, *, lookup: dict, values: dict, path: Path, line: int | None):
    """Create or update one row so that loading the same file twice changes nothing.

    A row that already holds the values is not saved again, so no history entry is made.
    """
    from django.core.exceptions import ValidationError

    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values)
    elif all(_same(getattr(instance, field), value) for field, value in values.items()):
        return instance
    else:
        for field, value in values.items():
            setattr(instance, field, value)
    try:
        instance.full_clean(validate_unique=False)
    except ValidationError as exc:
        messages = "; ".join(f"{field}: {' '.join(errors)}" for field, errors in exc.message_dict.items())
        raise DataFileError(path, line, messages) from None
    instance.save()
    return instance


def _same(current, new) -> bool:
    from decimal import Decimal

    if isinstance(current, Decimal) or isinstance(new, Decimal):
        try:
            return Decimal(str(current)) == Decimal(str(new))
        except ArithmeticError:
            return False
    if hasattr(current, "pk") and hasattr(new, "pk"):
        return current.pk == new.pk
    return current == new
