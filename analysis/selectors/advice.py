"""Reads of the advisory board's advice: scoped lists, counts per follow-up state and the change history."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Q, QuerySet

from analysis.models import Advice, AdviceMessage, Dashboard
from analysis.permissions.dashboards import can_view_advice

# Fields whose changes the history shows; who responded and when is the entry itself.
HISTORY_FIELDS = ["follow_up", "response", "kind", "subject", "text", "dashboard", "action_line", "kpi"]


def advice_for(*, user: AbstractBaseUser | AnonymousUser) -> QuerySet[Advice]:
    """All advice for staff and board members (the board sees each other's advice); none for anyone else."""
    if not can_view_advice(user):
        return Advice.objects.none()
    return (
        Advice.objects.select_related("author", "dashboard", "analysis", "action_line", "kpi", "responded_by")
        .defer("analysis__snapshot")  # the frozen data of an analysis version is never needed here
        .filter(Q(dashboard__isnull=True) | Q(dashboard__status=Dashboard.Status.PUBLISHED))
    )


def advice_list(*, user: AbstractBaseUser | AnonymousUser, filters: dict | None = None) -> QuerySet[Advice]:
    """The advice a user may see, newest first, filtered with AdviceFilter."""
    from analysis.filters.advice import AdviceFilter

    queryset = advice_for(user=user).order_by("-given_at", "-pk")
    if filters is None:
        return queryset
    return AdviceFilter(filters, queryset=queryset, user=user).qs


def advice_get(*, user: AbstractBaseUser | AnonymousUser, pk: int) -> Advice | None:
    return advice_for(user=user).filter(pk=pk).first()


def advice_counts(*, user: AbstractBaseUser | AnonymousUser, queryset: QuerySet[Advice] | None = None) -> list[dict]:
    """How much advice there is in each follow-up state: [{code, label, count}] in the usual order."""
    queryset = advice_for(user=user) if queryset is None else queryset
    found = dict(queryset.order_by().values_list("follow_up").annotate(n=Count("pk")).values_list("follow_up", "n"))
    return [{"code": code, "label": label, "count": found.get(code, 0)} for code, label in Advice.FollowUp.choices]


@dataclass(frozen=True)
class HistoryChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    who: str
    created: bool
    changes: list[HistoryChange]
    reply: str = ""  # a reply of the board in the conversation


def _display(record, name: str) -> str:
    value = getattr(record, name)
    if value in (None, ""):
        return "–"
    field = Advice._meta.get_field(name)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        related = getattr(record, name)
        return str(related) if related else "–"
    return str(value)


def advice_history(advice: Advice) -> list[HistoryEntry]:
    """Who changed what in an advice, and when; oldest first."""
    records = list(
        advice.history.select_related("history_user", "dashboard", "action_line", "kpi").order_by(
            "history_date", "history_id"
        )
    )
    entries = []
    previous = None
    for record in records:
        user = record.history_user
        who = (user.get_full_name() or user.get_username()) if user else "–"
        if previous is None:
            entries.append(HistoryEntry(record.history_date, who, True, []))
        else:
            delta = record.diff_against(previous, included_fields=HISTORY_FIELDS)
            changes = [
                HistoryChange(
                    str(Advice._meta.get_field(change.field).verbose_name),
                    _display(previous, change.field),
                    _display(record, change.field),
                )
                for change in delta.changes
            ]
            if changes:
                entries.append(HistoryEntry(record.history_date, who, False, changes))
        previous = record
    # The programme's answers are changes of the response above; the board's replies are entries of their own.
    replies = AdviceMessage.objects.filter(advice=advice, side=AdviceMessage.Side.BOARD).select_related("author")
    for message in replies:
        author = message.author
        who = (author.get_full_name() or author.get_username()) if author else "–"
        entries.append(HistoryEntry(message.written_at, who, False, [], reply=message.text))
    return sorted(entries, key=lambda entry: entry.when)


def advice_thread(advice: Advice) -> list[AdviceMessage]:
    """The conversation about an advice, oldest first, with who wrote each message."""
    return list(AdviceMessage.objects.filter(advice=advice).select_related("author").order_by("written_at", "pk"))
