"""The change history of any model with simple-history: one way to write it, one way to read it.

Every tracked model declares ``history = tracked_history()``: its history rows also record how the
change came in (the website, the API, or the system itself) and, through the API, with which key.

Every write of a tracked object goes through `save_with_history`, so a change made in one
form is one entry in the object's history, many-to-many fields included; `change_history`
reads it back with field labels, for the history shown on every detail page.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser
from django.db import models, transaction
from django.dispatch import receiver
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record
from simple_history.utils import get_m2m_reverse_field_name

from core.models import ApiToken, ChangeChannel, HistoryChannel

M = TypeVar("M", bound=models.Model)

# Requests to this path prefix came through the API, whether signed in with a key or a session.
API_PATH_PREFIX = "/api/"


def tracked_history(**options: Any) -> HistoricalRecords:
    """simple-history's records for a model, with the channel and API key of each change."""
    return HistoricalRecords(bases=[HistoryChannel], **options)


@receiver(pre_create_historical_record)
def record_channel(sender: Any, history_instance: Any, **kwargs: Any) -> None:
    """Fill in how a change came in, from the request simple-history's middleware keeps."""
    if not isinstance(history_instance, HistoryChannel):
        return
    request = getattr(HistoricalRecords.context, "request", None)
    if request is None:
        history_instance.history_via = ChangeChannel.SYSTEM  # a command, a task, a migration
        return
    # DRF puts the key it authenticated with on the request as ``auth``.
    token = getattr(request, "auth", None)
    if isinstance(token, ApiToken):
        history_instance.history_via = ChangeChannel.API
        history_instance.history_token = token
    elif request.path_info.startswith(API_PATH_PREFIX):
        history_instance.history_via = ChangeChannel.API
    else:
        history_instance.history_via = ChangeChannel.WEB


def save_with_history(
    *,
    instance: M,
    by: AbstractBaseUser | None,
    m2m: dict[str, Iterable] | None = None,
    reason: str | None = None,
    validate: bool = True,
) -> M:
    """Validate and save an instance and its many-to-many fields, recorded as ONE history entry by `by`.

    ``reason`` is kept as the entry's change reason. ``validate=False`` is for callers that have
    validated already (a report's workflow checks its state itself), to save the queries.
    """
    if validate:
        instance.full_clean()
    tracked: Any = instance  # simple-history reads these attributes, set at run time
    if by is not None:
        tracked._history_user = by
    tracked._change_reason = reason
    if not m2m:
        instance.save()
        return instance
    with transaction.atomic():
        return _save_with_m2m(instance, m2m)


def _save_with_m2m(instance: M, m2m: dict[str, Iterable]) -> M:
    tracked: Any = instance
    creating = instance._state.adding
    # simple-history writes a record per save and per m2m change; hold them back...
    tracked.skip_history_when_saving = True
    try:
        if creating:
            instance.save()  # the row must exist before its many-to-many rows can
        for name, values in m2m.items():
            getattr(instance, name).set(values)
    finally:
        del tracked.skip_history_when_saving
    # ...and write one record now, holding the many-to-many state too.
    instance.save()
    if creating:
        latest = tracked.history.order_by("-history_id").values("pk")[:1]
        tracked.history.filter(pk__in=latest).update(history_type="+")
    return instance


# Change history, shown on every register detail page.


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime.datetime
    who: str
    kind: str
    kind_label: str
    changes: list[FieldChange] = field(default_factory=list)
    record: Any = None  # the historical record itself
    via: str = ""


def channel_label(via: str, token_name: str | None = None) -> str:
    """How a change came in, for people: "via de API (sleutel ‘laptop’)"; empty when not recorded."""
    if via == ChangeChannel.API and token_name:
        return _("via de API (sleutel ‘%(name)s’)") % {"name": token_name}
    if via in ChangeChannel.values:
        return str(ChangeChannel(via).label)
    return ""  # written before the portal recorded it


def _token_relation(instance: Any) -> tuple[str, ...]:
    """The key's relation to read along, where the model's history records one."""
    return ("history_token",) if issubclass(instance.history.model, HistoryChannel) else ()


def _channel_of(record: Any) -> str:
    if not isinstance(record, HistoryChannel):
        return ""
    token = record.history_token if record.history_token_id else None
    return channel_label(record.history_via, token.name if token is not None else None)


HISTORY_KINDS = {"+": _("Aangemaakt"), "~": _("Gewijzigd"), "-": _("Verwijderd")}
EMPTY = "—"


def change_history(*, instance: Any, limit: int = 20) -> list[HistoryEntry]:
    """The instance's history, newest first: who changed which fields and when, with field labels."""
    records = list(
        instance.history.select_related("history_user", *_token_relation(instance)).order_by(
            "-history_date", "-history_id"
        )[: limit + 1]
    )
    pairs = [(record, records[index + 1] if index + 1 < len(records) else None) for index, record in enumerate(records)]
    return history_entries(model=type(instance), pairs=pairs[:limit])


def history_entries(*, model: type[models.Model], pairs: list[tuple[Any, Any]]) -> list[HistoryEntry]:
    """An entry per (record, the record before it or None) of one model's history, in the order given.

    The queries do not grow with the pairs: one per many-to-many field and one per related model named.
    A save that altered nothing shown still says who saved it.
    """
    if not pairs:
        return []
    first = pairs[0][0]
    m2m_fields = [f for f in model._meta.many_to_many if hasattr(first, f.name)]
    plain_fields = [
        f.name
        for f in first.tracked_fields
        if f.editable and f.name not in {m.name for m in m2m_fields} and not f.primary_key
    ]
    every = [r for pair in pairs for r in pair if r is not None]
    m2m_values = _m2m_values(records=every, fields=m2m_fields)

    raw: list[tuple] = []
    for record, older in pairs:
        changes = []
        if older is not None and record.history_type == "~":
            delta = record.diff_against(older, included_fields=plain_fields)
            changes = [(model._meta.get_field(c.field), c.old, c.new) for c in delta.changes]
            for m2m in m2m_fields:
                old, new = m2m_values[m2m.name].get(older.pk, set()), m2m_values[m2m.name].get(record.pk, set())
                if old != new:
                    changes.append((m2m, old, new))
        raw.append((record, changes))

    names = _related_names(raw)
    entries = []
    for record, changes in raw:
        user = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=(user.get_full_name() or user.get_username()) if user else "",
                kind=record.history_type,
                kind_label=str(HISTORY_KINDS.get(record.history_type, record.history_type)),
                changes=[
                    FieldChange(str(f.verbose_name).capitalize(), _display(f, old, names), _display(f, new, names))
                    for f, old, new in changes
                ],
                record=record,
                via=_channel_of(record),
            )
        )
    return entries


def _m2m_values(*, records: list, fields: list) -> dict[str, dict[int, set]]:
    """Per m2m field: history id -> the set of related ids it held; one query per field."""
    values: dict[str, dict[int, set]] = {}
    ids = [r.pk for r in records]
    for m2m in fields:
        through_history = getattr(records[0], m2m.name).model
        target = get_m2m_reverse_field_name(m2m)
        by_record: dict[int, set] = {}
        for row in through_history.objects.filter(history_id__in=ids).values("history_id", f"{target}_id"):
            by_record.setdefault(row["history_id"], set()).add(row[f"{target}_id"])
        values[m2m.name] = by_record
    return values


def _related_names(raw: list) -> dict[tuple, str]:
    """(model, pk) -> str(object) for every related object a change mentions; one query per model."""
    wanted: dict[type[models.Model], set] = {}
    for _record, changes in raw:
        for f, old, new in changes:
            if f.is_relation:
                for value in (old, new):
                    pks = value if isinstance(value, set) else {value}
                    wanted.setdefault(f.related_model, set()).update(pk for pk in pks if pk is not None)
    names = {}
    for related, pks in wanted.items():
        for obj in related._default_manager.filter(pk__in=pks):
            names[(related, obj.pk)] = str(obj)
    return names


def _display(f, value, names: dict) -> str:
    if f.many_to_many:
        if not value:
            return EMPTY
        return ", ".join(sorted(_name(f.related_model, pk, names) for pk in value))
    if value is None or value == "":
        return EMPTY
    if f.is_relation:
        return _name(f.related_model, value, names)
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _gettext("ja") if value else _gettext("nee")
    if isinstance(value, datetime.datetime):
        return date_format(value, "j F Y H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    if isinstance(value, Decimal):
        return number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)
    text = str(value)
    return text if len(text) <= 200 else f"{text[:200]}…"


def _name(model, pk, names: dict) -> str:
    return names.get((model, pk)) or _gettext("(verwijderd, #%(pk)s)") % {"pk": pk}
