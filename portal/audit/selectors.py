"""Reads of the audit trail: the security log, and one change history over several history tables."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Group, User
from django.db.models import CharField, OuterRef, Q, QuerySet, Subquery, Value
from django.utils.translation import gettext_lazy as _

from core.history import HistoryEntry, history_entries
from core.models import SecurityEvent
from interventions.models import ReportingPeriod
from municipalities.models import Membership


def security_event_list() -> QuerySet[SecurityEvent]:
    """Every security event, newest first."""
    return SecurityEvent.objects.order_by("-time", "-pk")


def security_event_names() -> list[str]:
    """The names of the events that occur, for the filter."""
    return list(SecurityEvent.objects.order_by().values_list("event", flat=True).distinct())


@dataclass(frozen=True)
class Tracked:
    """A model whose history the change history shows."""

    model: Any
    label: Any
    subject_user: str | None  # the lookup of the account a record is about, if any
    related: tuple[str, ...] = ()


TRACKED = {
    "user": Tracked(User, _("Gebruiker"), "username"),
    "group": Tracked(Group, _("Groep"), None),
    "membership": Tracked(Membership, _("Lidmaatschap"), "user__username", ("user", "municipality", "organisation")),
    "period": Tracked(ReportingPeriod, _("Verslagperiode"), None),
}


@dataclass
class Change:
    kind: str
    kind_label: str
    subject: str
    entry: HistoryEntry


def change_list(
    *,
    kind: str | None = None,
    user: str | None = None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet:
    """The history rows of the tracked models, newest first, as (kind, history_id, history_date) values.

    ``user`` matches who made the change, and for accounts and memberships also whom it is about.
    """
    parts = []
    for name, tracked in TRACKED.items():
        if kind and name != kind:
            continue
        rows = tracked.model.history.order_by()
        if user:
            condition = Q(history_user__username__icontains=user)
            if tracked.subject_user:
                condition |= Q(**{f"{tracked.subject_user}__icontains": user})
            rows = rows.filter(condition)
        if since:
            rows = rows.filter(history_date__date__gte=since)
        if until:
            rows = rows.filter(history_date__date__lte=until)
        parts.append(
            rows.annotate(kind=Value(name, output_field=CharField())).values("history_id", "history_date", "kind")
        )
    first, *others = parts
    return (
        first.union(*others, all=True).order_by("-history_date", "-history_id")
        if others
        else first.order_by("-history_date", "-history_id")
    )


def changes_for(rows: list[dict]) -> list[Change]:
    """What each row of a page of ``change_list`` changed: two queries per kind on the page, and one per
    many-to-many field and related model the changes name."""
    by_kind: dict[str, list[int]] = {}
    for row in rows:
        by_kind.setdefault(row["kind"], []).append(row["history_id"])
    found: dict[tuple[str, int], Change] = {}
    for name, ids in by_kind.items():
        tracked = TRACKED[name]
        history = tracked.model.history.model
        earlier = history.objects.filter(
            **{tracked.model._meta.pk.attname: OuterRef(tracked.model._meta.pk.attname)},
            history_id__lt=OuterRef("history_id"),
        ).order_by("-history_id")
        records = list(
            history.objects.filter(history_id__in=ids)
            .select_related("history_user", *tracked.related)
            .annotate(earlier_id=Subquery(earlier.values("history_id")[:1]))
        )
        older = history.objects.in_bulk([r.earlier_id for r in records if r.earlier_id])
        pairs = [(record, older.get(record.earlier_id)) for record in records]
        for record, entry in zip(records, history_entries(model=tracked.model, pairs=pairs), strict=True):
            found[(name, record.history_id)] = Change(name, str(tracked.label), _subject(name, record), entry)
    return [found[(row["kind"], row["history_id"])] for row in rows if (row["kind"], row["history_id"]) in found]


def _subject(kind: str, record: Any) -> str:
    if kind == "user":
        return record.username
    if kind == "group":
        return record.name
    if kind == "membership":
        target = record.municipality or record.organisation
        return f"{record.user.username if record.user else '—'} – {target or '—'}"
    return f"{record.year}-H{record.half}"
