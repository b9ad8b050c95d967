"""The history of one report: who changed what, and when, across the report, its items,
outcomes, attachments and comments. Built from django-simple-history records by diffing
each record against the previous record of the same object.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from agenda.models import ProtectiveFactor
from core.history import channel_label
from core.models import ApiToken
from interventions.models import Intervention, Report, ReportAttachment, ReportComment, ReportItem, ReportItemOutcome

# Records written within this many seconds by the same person are one change.
GROUP_SECONDS = 5

REASON_LABELS = {
    "created": _("Verslag begonnen"),
    "submitted": _("Ingediend"),
    "returned": _("Teruggestuurd"),
    "accepted": _("Geaccepteerd"),
    "reopened": _("Heropend"),
}
COMMENT_LABELS = {
    ReportComment.Kind.RETURN: _("Toelichting bij terugsturen"),
    ReportComment.Kind.REOPEN: _("Reden van heropenen"),
    ReportComment.Kind.ACCEPT: _("Opmerking bij accepteren"),
    ReportComment.Kind.NOTE: _("Opmerking"),
    ReportComment.Kind.REPLY: _("Reactie van de gemeente"),
}

# Fields never shown: keys to the parent, and bookkeeping that changes with every save.
_HIDDEN = {
    Report: {"id", "municipality", "period", "revision"},
    ReportItem: {"id", "report", "intervention"},
    ReportItemOutcome: {"id", "item", "protective_factor"},
    ReportAttachment: {"id", "report", "file"},
}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEvent:
    when: datetime.datetime
    user_id: int | None
    action: str  # created, changed, deleted, comment
    subject: str
    reason: str = ""
    changes: list[FieldChange] = field(default_factory=list)
    text: str = ""
    via: str = ""  # how the change came in: "via de API (sleutel ‘laptop’)"


@dataclass
class HistoryGroup:
    when: datetime.datetime
    user: object | None
    events: list[HistoryEvent]

    @property
    def reasons(self) -> list[str]:
        return [event.reason for event in self.events if event.reason]

    @property
    def via(self) -> str:
        return next((event.via for event in self.events if event.via), "")


@dataclass
class _Names:
    users: dict[int, object]
    interventions: dict[int, str]
    factors: dict[int, str]
    items: dict[int, int]  # item id -> intervention id
    tokens: dict[int, str]  # API key id -> its name


def report_history(*, report: Report, since: datetime.datetime | None = None) -> list[HistoryGroup]:
    """Every change to the report, newest first; with `since`, only changes after that moment."""
    report_records = list(Report.history.filter(id=report.pk).order_by("history_date", "history_id"))
    item_records = list(ReportItem.history.filter(report_id=report.pk).order_by("history_date", "history_id"))
    item_ids = {record.id for record in item_records}
    outcome_records = list(
        ReportItemOutcome.history.filter(item_id__in=item_ids).order_by("history_date", "history_id")
    )
    attachment_records = list(
        ReportAttachment.history.filter(report_id=report.pk).order_by("history_date", "history_id")
    )
    comments = list(ReportComment.objects.filter(report_id=report.pk))
    names = _names(report_records, item_records, outcome_records, attachment_records, comments)

    events: list[HistoryEvent] = []
    events += _events(Report, report_records, names, lambda r: str(_("Verslag")))
    events += _events(ReportItem, item_records, names, lambda r: names.interventions.get(r.intervention_id, "?"))
    events += _events(ReportItemOutcome, outcome_records, names, lambda r: _outcome_subject(r, names))
    events += _events(
        ReportAttachment,
        attachment_records,
        names,
        lambda r: str(_("Bijlage ‘%(name)s’") % {"name": r.original_name}),
    )
    events += [
        HistoryEvent(
            when=comment.created_at,
            user_id=comment.author_id,
            action="comment",
            subject=_comment_subject(comment, names),
            text=comment.text,
        )
        for comment in comments
    ]
    if since is not None:
        events = [event for event in events if event.when > since]
    return _group(events, names)


def changes_since(*, report: Report, revision: int) -> list[HistoryGroup]:
    """What others changed after the person now saving loaded the report at this revision."""
    loaded = (
        Report.history.filter(id=report.pk, revision=revision)
        .order_by("-history_date")
        .values_list("history_date", flat=True)
    ).first()
    return report_history(report=report, since=loaded) if loaded else report_history(report=report)


# What a reviewer compares in a report handed in again: its content, not the workflow's bookkeeping.
_REPORT_CONTENT = ("summary", "needs")
_RETURN_REASONS = ("returned", "reopened")


@dataclass
class ChangedPart:
    """One part of a report changed since its return: the report's texts, an intervention's row, a file."""

    subject: str
    action: str  # changed, added, removed
    changes: list[FieldChange] = field(default_factory=list)
    intervention_id: int | None = None


@dataclass
class ReturnChanges:
    """What changed between a report's return and its next submission."""

    returned_at: datetime.datetime
    returned_by: object | None
    submitted_at: datetime.datetime
    parts: list[ChangedPart]


def changes_since_return(*, report: Report) -> ReturnChanges | None:
    """For a report submitted again after a return: each part that changed, field by field, old and new.

    None when the report was never returned, or was returned and not yet submitted again. The
    queries do not grow with the rows: four of the history and three for the names.
    """
    report_records = list(Report.history.filter(id=report.pk).order_by("history_date", "history_id"))
    submitted = [r for r in report_records if r.history_change_reason == "submitted"]
    if not submitted:
        return None
    last_submission = submitted[-1]
    returns = [
        r
        for r in report_records
        if r.history_change_reason in _RETURN_REASONS and r.history_date < last_submission.history_date
    ]
    if not returns:
        return None
    returned, since, until = returns[-1], returns[-1].history_date, last_submission.history_date

    item_records = list(ReportItem.history.filter(report_id=report.pk).order_by("history_date", "history_id"))
    outcome_records = list(
        ReportItemOutcome.history.filter(item_id__in={r.id for r in item_records}).order_by(
            "history_date", "history_id"
        )
    )
    attachment_records = list(
        ReportAttachment.history.filter(report_id=report.pk).order_by("history_date", "history_id")
    )
    names = _names(report_records, item_records, outcome_records, attachment_records, [])

    parts: list[ChangedPart] = []
    report_hidden = {f.name for f in Report._meta.concrete_fields} - set(_REPORT_CONTENT)
    before, after = _state_at(report_records, since, _by_id), _state_at(report_records, until, _by_id)
    if before.get(report.pk) and after.get(report.pk):
        changes = _field_changes(Report, before[report.pk], after[report.pk], names, hidden=report_hidden)
        if changes:
            parts.append(ChangedPart(subject=str(_("Verslag")), action="changed", changes=changes))

    rows: dict[int, ChangedPart] = {}
    before, after = _state_at(item_records, since, _by_intervention), _state_at(item_records, until, _by_intervention)
    for intervention_id in sorted(set(before) | set(after)):
        part = _part_changes(ReportItem, before.get(intervention_id), after.get(intervention_id), names)
        if part is not None:
            part.subject, part.intervention_id = names.interventions.get(intervention_id, "?"), intervention_id
            rows[intervention_id] = part

    before, after = _state_at(outcome_records, since, _by_factor), _state_at(outcome_records, until, _by_factor)
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        old_rating = getattr(old, "rating", None)
        new_rating = getattr(new, "rating", None)
        if old_rating == new_rating:
            continue
        item_id, factor_id = key
        intervention_id = names.items.get(item_id)
        if intervention_id is None:
            continue
        row = rows.setdefault(
            intervention_id,
            ChangedPart(
                subject=names.interventions.get(intervention_id, "?"),
                action="changed",
                intervention_id=intervention_id,
            ),
        )
        row.changes.append(
            FieldChange(
                str(_("Resultaat voor %(factor)s") % {"factor": names.factors.get(factor_id, "?")}),
                _display(ReportItemOutcome, "rating", old_rating, names),
                _display(ReportItemOutcome, "rating", new_rating, names),
            )
        )
    parts += sorted(rows.values(), key=lambda part: part.subject.lower())

    before, after = _state_at(attachment_records, since, _by_id), _state_at(attachment_records, until, _by_id)
    for attachment_id in sorted(set(before) | set(after)):
        old, new = before.get(attachment_id), after.get(attachment_id)
        if (old is None) == (new is None):
            continue
        name = (new or old).original_name
        parts.append(
            ChangedPart(
                subject=str(_("Bijlage ‘%(name)s’") % {"name": name}), action="added" if new is not None else "removed"
            )
        )
    return ReturnChanges(
        returned_at=since, returned_by=names.users.get(returned.history_user_id), submitted_at=until, parts=parts
    )


def _by_id(record) -> int:
    return record.id


def _by_intervention(record) -> int:
    return record.intervention_id


def _by_factor(record) -> tuple[int, int]:
    return (record.item_id, record.protective_factor_id)


def _state_at(records, moment: datetime.datetime, key) -> dict:
    """The last record of each object (by `key`) written at or before `moment`; deleted objects left out."""
    state: dict = {}
    for record in records:  # oldest first
        if record.history_date > moment:
            break
        if record.history_type == "-":
            state.pop(key(record), None)
        else:
            state[key(record)] = record
    return state


def _part_changes(model, before, after, names: _Names) -> ChangedPart | None:
    """An object's record at the return against its record at the submission, or None if nothing changed."""
    if before is None and after is None:
        return None
    if before is None:
        changes = [
            FieldChange(_label(model, name), str(_("(leeg)")), _display(model, name, value, names))
            for name in _tracked(model, _HIDDEN[model])
            if (value := getattr(after, _attname(model, name))) is not None and value != ""
        ]
        return ChangedPart(subject="", action="added", changes=changes)
    if after is None:
        return ChangedPart(subject="", action="removed")
    changes = _field_changes(model, before, after, names)
    return ChangedPart(subject="", action="changed", changes=changes) if changes else None


def _names(report_records, item_records, outcome_records, attachment_records, comments) -> _Names:
    user_ids = {r.history_user_id for r in [*report_records, *item_records, *outcome_records, *attachment_records]}
    for record in report_records:
        user_ids |= {record.created_by_id, record.submitted_by_id, record.reviewed_by_id}
    user_ids |= {record.uploaded_by_id for record in attachment_records}
    user_ids |= {comment.author_id for comment in comments}
    user_ids.discard(None)
    users = {user.pk: user for user in get_user_model().objects.filter(pk__in=user_ids)}
    items = {record.id: record.intervention_id for record in item_records}
    interventions = dict(Intervention.objects.filter(pk__in=set(items.values())).values_list("pk", "name"))
    factor_ids = {record.protective_factor_id for record in outcome_records}
    factors = {factor.pk: str(factor) for factor in ProtectiveFactor.objects.filter(pk__in=factor_ids)}
    token_ids = {r.history_token_id for r in [*report_records, *item_records, *outcome_records, *attachment_records]}
    token_ids.discard(None)
    tokens = dict(ApiToken.objects.filter(pk__in=token_ids).values_list("pk", "name")) if token_ids else {}
    return _Names(users=users, interventions=interventions, factors=factors, items=items, tokens=tokens)


def _comment_subject(comment: ReportComment, names: _Names) -> str:
    label = str(COMMENT_LABELS.get(comment.kind, comment.kind))
    if comment.intervention_id is None:
        return label
    return f"{label}: {names.interventions.get(comment.intervention_id, '?')}"


def _outcome_subject(record, names: _Names) -> str:
    intervention = names.interventions.get(names.items.get(record.item_id), "?")
    factor = names.factors.get(record.protective_factor_id, "?")
    return f"{intervention}: {factor}"


def _events(model, records, names: _Names, subject) -> list[HistoryEvent]:
    hidden = _HIDDEN[model]
    previous: dict[int, object] = {}
    events = []
    for record in records:
        before = previous.get(record.id)
        previous[record.id] = record
        if record.history_type == "+" or before is None:
            action = "created"
            changes = [
                FieldChange(
                    _label(model, name), "", _display(model, name, getattr(record, _attname(model, name)), names)
                )
                for name in _tracked(model, hidden)
                if not _is_blank(getattr(record, _attname(model, name)))
            ]
        elif record.history_type == "-":
            action, changes = "deleted", []
        else:
            action = "changed"
            changes = _field_changes(model, before, record, names)
        reason = str(REASON_LABELS.get(record.history_change_reason or "", record.history_change_reason or ""))
        if action == "changed" and not changes and not reason:
            continue
        if model is Report and action == "created":
            # The first record of a report says "begun"; its field values are in the items.
            changes, reason = [], reason or str(REASON_LABELS["created"])
        events.append(
            HistoryEvent(
                when=record.history_date,
                user_id=record.history_user_id,
                action=action,
                subject=subject(record),
                reason=reason,
                changes=changes,
                via=channel_label(record.history_via, names.tokens.get(record.history_token_id)),
            )
        )
    return events


def _field_changes(model, before, after, names: _Names, *, hidden: set[str] | None = None) -> list[FieldChange]:
    """The fields that differ between two historical records of one object, old and new for people."""
    delta = after.diff_against(before, excluded_fields=_HIDDEN[model] if hidden is None else hidden)
    return [
        FieldChange(
            _label(model, change.field),
            _display(model, change.field, change.old, names),
            _display(model, change.field, change.new, names),
        )
        for change in delta.changes
    ]


def _group(events: list[HistoryEvent], names: _Names) -> list[HistoryGroup]:
    events.sort(key=lambda event: event.when)
    groups: list[HistoryGroup] = []
    for event in events:
        last = groups[-1] if groups else None
        if (
            last
            and last.events[0].user_id == event.user_id
            # A change through the API and one in the browser are two changes; a comment has no channel.
            and (not event.via or not last.via or last.via == event.via)
            and (event.when - last.events[0].when).total_seconds() <= GROUP_SECONDS
            # Each step of the workflow (submitted, returned...) starts a change of its own.
            and not (event.reason and last.reasons)
        ):
            last.events.append(event)
            last.when = event.when
        else:
            groups.append(HistoryGroup(when=event.when, user=names.users.get(event.user_id), events=[event]))
    groups.reverse()
    return groups


def _tracked(model, hidden: set[str]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if f.editable and f.name not in hidden]


def _attname(model, name: str) -> str:
    return model._meta.get_field(name).attname


def _label(model, name: str) -> str:
    return capfirst(str(model._meta.get_field(name).verbose_name))


def _is_blank(value) -> bool:
    return value in (None, "", 0, Decimal("0"))


def _display(model, name: str, value, names: _Names) -> str:
    if value is None or value == "":
        return str(_("(leeg)"))
    model_field = model._meta.get_field(name)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.ForeignKey):
        pk = value.pk if hasattr(value, "pk") else value
        if model_field.related_model is get_user_model():
            user = names.users.get(pk)
            return (user.get_full_name() or user.get_username()) if user else str(_("(onbekend)"))
        return str(pk)
    if isinstance(value, Decimal):
        return formats.number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "j F Y H:i")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "j F Y")
    if isinstance(value, int):
        return formats.number_format(value, use_l10n=True, force_grouping=True)
    return str(value)
