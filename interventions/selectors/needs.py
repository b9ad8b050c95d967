"""Reads of the municipalities' needs and questions to the programme, sent with their half-yearly reports.

A need is the report's `needs` text; staff see it once the report has been submitted. Lists are
scoped to one programme: the reports over the half-years it runs in.
"""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from agenda.models import Programme
from core import roles
from core.access import User
from core.halves import half_of
from interventions.models import NeedResponse, NeedTag, Report
from interventions.permissions.reports import BOARD_VISIBLE_STATUSES

RECENT = 5


def in_programme(programme: Programme) -> Q:
    """Reports over a half-year that lies in the programme's period (from its first half to its last)."""
    first_year, first_half = half_of(programme.starts_on)
    last_year, last_half = half_of(programme.ends_on)
    return (Q(period__year__gt=first_year) | Q(period__year=first_year, period__half__gte=first_half)) & (
        Q(period__year__lt=last_year) | Q(period__year=last_year, period__half__lte=last_half)
    )


def reports_with_needs(*, user: User) -> QuerySet[Report]:
    """Submitted reports with needs: every one for staff, the ones it reads elsewhere for the board."""
    reports = Report.objects.exclude(needs="").filter(submitted_at__isnull=False)
    if roles.is_staff_member(user):
        return reports
    if roles.is_board_member(user):
        return reports.filter(status__in=BOARD_VISIBLE_STATUSES)
    return reports.none()


def _with_response(reports: QuerySet[Report]) -> QuerySet[Report]:
    return reports.select_related("municipality", "period", "need_response").prefetch_related(
        Prefetch("need_response__tags", queryset=NeedTag.objects.order_by("name"))
    )


def need_list(*, user: User, programme: Programme, status: str = "", tag: NeedTag | None = None) -> QuerySet[Report]:
    """The needs of one programme, newest half-year first, optionally with one status or tag."""
    reports = reports_with_needs(user=user).filter(in_programme(programme))
    if status == NeedResponse.Status.OPEN:
        reports = reports.filter(Q(need_response__isnull=True) | Q(need_response__status=status))
    elif status:
        reports = reports.filter(need_response__status=status)
    if tag is not None:
        reports = reports.filter(need_response__tags=tag)
    return _with_response(reports).order_by("-period__year", "-period__half", "municipality__name")


def need_detail_queryset(*, user: User) -> QuerySet[Report]:
    return _with_response(reports_with_needs(user=user)).select_related("need_response__answered_by")


@dataclass(frozen=True)
class NeedSummary:
    total: int
    by_status: list[tuple[str, int]]  # (label, count) per status, in the order of the workflow
    by_tag: list[tuple[NeedTag, int]]  # tags with at least one need, most used first
    untagged: int
    recent: list[Report]


def need_summary(*, user: User, programme: Programme) -> NeedSummary:
    """Counts per status and per tag, and the most recent needs, of one programme."""
    reports = reports_with_needs(user=user).filter(in_programme(programme))
    # distinct: the join with the tags gives a report with two tags two rows.
    counts = reports.aggregate(
        total=Count("pk", distinct=True),
        answered=Count("pk", distinct=True, filter=Q(need_response__status=NeedResponse.Status.ANSWERED)),
        followed_up=Count("pk", distinct=True, filter=Q(need_response__status=NeedResponse.Status.FOLLOWED_UP)),
        untagged=Count("pk", distinct=True, filter=Q(need_response__tags__isnull=True)),
    )
    total = counts["total"]
    open_count = total - counts["answered"] - counts["followed_up"]
    by_tag = (
        NeedTag.objects.filter(responses__report__in=reports)
        .annotate(count=Count("responses"))
        .order_by("-count", "name")
    )
    recent = _with_response(reports).order_by("-submitted_at", "-pk")[:RECENT]
    return NeedSummary(
        total=total,
        by_status=[
            (NeedResponse.Status.OPEN.label, open_count),
            (NeedResponse.Status.ANSWERED.label, counts["answered"]),
            (NeedResponse.Status.FOLLOWED_UP.label, counts["followed_up"]),
        ],
        by_tag=[(tag, tag.count) for tag in by_tag],
        untagged=counts["untagged"],
        recent=list(recent),
    )
