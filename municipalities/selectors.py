"""Reads of municipalities, organisations, grants, partnerships and learning-community membership."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models
from django.db.models import Count, Prefetch, QuerySet
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _
from simple_history.utils import get_m2m_reverse_field_name

from municipalities.models import (
    FocusArea,
    Grant,
    LearningCommunityMembership,
    Municipality,
    Organisation,
    Partnership,
)


def municipality_for_user(*, user: AbstractBaseUser | AnonymousUser) -> Municipality | None:
    """The one municipality a municipality user acts for, or None."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_portal_municipality"):
        membership = user.memberships.select_related("municipality").filter(municipality__isnull=False).first()
        user._portal_municipality = membership.municipality if membership else None
    return user._portal_municipality


# Register lists. Each returns a queryset whose shape does not grow with the rows shown.


def municipality_list() -> QuerySet[Municipality]:
    """All 342 municipalities with how many grants and interventions each has."""
    return Municipality.objects.annotate(
        grant_count=Count("grants", distinct=True),
        intervention_count=Count("interventions", distinct=True),
    ).order_by("name")


def municipality_detail(*, cbs_code: str) -> Municipality:
    """One municipality with everything its register page shows."""
    return Municipality.objects.prefetch_related(
        Prefetch("grants", queryset=Grant.objects.select_related("focus_area", "programme")),
        "focus_areas",
        Prefetch(
            "learning_community_memberships",
            queryset=LearningCommunityMembership.objects.order_by("-joined_on"),
        ),
        Prefetch("interventions", queryset=_interventions().select_related("owner")),
        Prefetch("organisations", queryset=Organisation.objects.order_by("name")),
        Prefetch("partnerships", queryset=Partnership.objects.order_by("name")),
    ).get(cbs_code=cbs_code)


def _interventions() -> QuerySet:
    # Reached through the reverse relation: the interventions app depends on this one, not the other way.
    return Municipality._meta.get_field("interventions").related_model.objects.order_by("name")


def grant_list() -> QuerySet[Grant]:
    return Grant.objects.select_related("municipality", "focus_area", "programme").order_by(
        "municipality__name", "tranche", "first_year"
    )


def grant_detail(*, pk: int) -> Grant:
    return grant_list().get(pk=pk)


def organisation_list() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("municipality").order_by("name")


def organisation_detail(*, pk: int) -> Organisation:
    return (
        Organisation.objects.select_related("municipality")
        .prefetch_related(
            Prefetch("partnerships", queryset=Partnership.objects.order_by("name")),
            Prefetch(
                "owned_interventions",
                queryset=_interventions(),
            ),
            Prefetch(
                "partner_interventions",
                queryset=_interventions(),
            ),
            "activityparticipation_set__activity",
        )
        .get(pk=pk)
    )


def partnership_list() -> QuerySet[Partnership]:
    return Partnership.objects.annotate(
        member_count=Count("members", distinct=True),
        municipality_count=Count("municipalities", distinct=True),
    ).order_by("name")


def partnership_list_for_api() -> QuerySet[Partnership]:
    return Partnership.objects.prefetch_related(
        Prefetch("members", queryset=Organisation.objects.order_by("name")),
        Prefetch("municipalities", queryset=Municipality.objects.order_by("name")),
    ).order_by("name")


def partnership_detail(*, pk: int) -> Partnership:
    return Partnership.objects.prefetch_related(
        Prefetch("members", queryset=Organisation.objects.order_by("name")),
        Prefetch("municipalities", queryset=Municipality.objects.order_by("name")),
    ).get(pk=pk)


def learning_community_membership_list() -> QuerySet[LearningCommunityMembership]:
    return LearningCommunityMembership.objects.select_related("municipality").order_by(
        "municipality__name", "-joined_on"
    )


def learning_community_membership_detail(*, pk: int) -> LearningCommunityMembership:
    return learning_community_membership_list().get(pk=pk)


def focus_areas_by_municipality() -> QuerySet[FocusArea]:
    return FocusArea.objects.select_related("municipality").order_by("municipality__name", "name")


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


HISTORY_KINDS = {"+": _("Aangemaakt"), "~": _("Gewijzigd"), "-": _("Verwijderd")}
EMPTY = "—"


def change_history(*, instance: models.Model, limit: int = 20) -> list[HistoryEntry]:
    """The instance's history, newest first: who changed which fields and when, with field labels."""
    records = list(
        instance.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    if not records:
        return []
    model = type(instance)
    m2m_fields = [f for f in model._meta.many_to_many if hasattr(records[0], f.name)]
    plain_fields = [
        f.name
        for f in records[0].tracked_fields
        if f.editable and f.name not in {m.name for m in m2m_fields} and not f.primary_key
    ]
    m2m_values = _m2m_values(records=records, fields=m2m_fields)

    raw: list[tuple] = []
    for index, record in enumerate(records[:limit]):
        older = records[index + 1] if index + 1 < len(records) else None
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
            )
        )
    # A change that altered nothing we show (a save without changes) still says who saved it.
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
    wanted: dict[type, set] = {}
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
