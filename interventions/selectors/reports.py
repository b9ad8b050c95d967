"""Reads for half-yearly reporting. Every list of reports starts from `reports_visible_to`,
so a page or endpoint that forgets a permission check still cannot show another
municipality's report.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import roles
from core.access import User
from core.halves import half_year_name
from interventions.models import (
    Intervention,
    Report,
    ReportAttachment,
    ReportComment,
    ReportingPeriod,
    ReportItem,
    ReportItemOutcome,
)
from interventions.permissions.reports import BOARD_VISIBLE_STATUSES, EDITABLE_STATUSES
from interventions.services.report_totals import SUMS
from municipalities.models import Grant, Municipality
from municipalities.selectors import municipality_for_user

MISSING = "missing"
# A report still owed: not started, a draft, or returned for correction.
OUTSTANDING_STATUSES = EDITABLE_STATUSES
ZERO = Decimal("0")
STATUS_LABELS = {MISSING: _("Niet begonnen"), **dict(Report.Status.choices)}


def today() -> datetime.date:
    return timezone.localdate()


# Scoping ---------------------------------------------------------------------


def reports_visible_to(*, user: User) -> QuerySet[Report]:
    """The reports this user may see: all for staff, their own for a municipality, handed-in ones for the board."""
    reports = Report.objects.all()
    if roles.is_staff_member(user):
        return reports
    if roles.is_board_member(user):
        return reports.filter(status__in=BOARD_VISIBLE_STATUSES)
    if roles.is_municipality_user(user):
        municipality = municipality_for_user(user=user)
        return reports.filter(municipality=municipality) if municipality else reports.none()
    return reports.none()


def reports_awaiting_review(*, user: User) -> int:
    """How many submitted reports wait for a review by programme staff; 0 for anyone else."""
    if not roles.is_staff_member(user):
        return 0
    return Report.objects.filter(status=Report.Status.SUBMITTED).count()


def report_list(*, user: User) -> QuerySet[Report]:
    """Visible reports with what a list row shows, in a fixed number of queries."""
    return (
        reports_visible_to(user=user)
        .select_related("municipality", "period", "submitted_by", "reviewed_by")
        .annotate(
            total_spending=Sum("items__spending"),
            total_participants=Sum("items__participants_total"),
        )
        .order_by("-period__year", "-period__half", "municipality__name")
    )


def _items_prefetch() -> Prefetch:
    return Prefetch(
        "items",
        queryset=ReportItem.objects.select_related("intervention", "focus_area")
        .prefetch_related(
            Prefetch("outcomes", queryset=ReportItemOutcome.objects.select_related("protective_factor")),
            "intervention__protective_factors",
            "checks",
        )
        .order_by("intervention__name"),
    )


def report_detail_queryset(*, user: User) -> QuerySet[Report]:
    """Visible reports with items, outcomes, attachments and comments loaded for one page."""
    return (
        reports_visible_to(user=user)
        .select_related(
            "municipality",
            "period",
            "created_by",
            "submitted_by",
            "reviewed_by",
            "need_response",
            "need_response__answered_by",
        )
        .prefetch_related(
            _items_prefetch(),
            Prefetch("attachments", queryset=ReportAttachment.objects.select_related("uploaded_by")),
            Prefetch("comments", queryset=ReportComment.objects.select_related("author")),
        )
    )


@dataclass(frozen=True)
class ReportTotals:
    """The report's figures added up over its items; an empty figure adds nothing."""

    participants: int
    spending: Decimal


def report_totals(report: Report) -> ReportTotals:
    """Totals of a report loaded with its items (report_detail_queryset), without another query."""
    items = list(report.items.all())
    return ReportTotals(
        participants=sum(item.participants_total or 0 for item in items),
        spending=sum((item.spending or ZERO for item in items), ZERO),
    )


API_ITEM_VALUES = (
    "id",
    "report_id",
    "intervention_id",
    "intervention__name",
    "participants_total",
    *ReportItem.AGE_BANDS,
    "activities",
    "spending",
    "lessons_learned",
    "notes",
)


def report_api_queryset(*, user: User) -> QuerySet[Report]:
    """Visible reports with everything the API shows but their items (see ``with_api_items``)."""
    return (
        reports_visible_to(user=user)
        .select_related("municipality", "period", "created_by", "submitted_by", "reviewed_by")
        .prefetch_related("attachments")
        .order_by("-period__year", "-period__half", "municipality__name")
    )


@dataclass(frozen=True)
class ApiTotals:
    """What a report's items add up to, as the API shows it: the figures filled in, summed."""

    items: int = 0
    participants: int = 0
    spending: Decimal = Decimal(0)

    @classmethod
    def of(cls, rows: list[dict]) -> "ApiTotals":
        return cls(
            items=len(rows),
            participants=sum(row["participants_total"] or 0 for row in rows),
            spending=sum((row["spending"] for row in rows if row["spending"] is not None), Decimal(0)),
        )


def with_api_totals(reports: list[Report]) -> list[Report]:
    """Give each report the sums of its items (``report.api_totals``) without reading the items; one query.

    The list of reports shows these, so a page costs the same however many items its reports hold.
    """
    sums = {
        row["report_id"]: ApiTotals(
            items=row["items"], participants=row["reach"] or 0, spending=row["spending"] or Decimal(0)
        )
        for row in ReportItem.objects.filter(report_id__in=[report.pk for report in reports])
        .order_by()
        .values("report_id")
        .annotate(**SUMS)  # the same three sums a report freezes when it is handed in
    }
    for report in reports:
        report.api_totals = sums.get(report.pk, ApiTotals())
    return reports


def with_api_items(reports: list[Report]) -> list[Report]:
    """Give each report its items, with their outcomes, as plain rows (``report.api_items``), and the sums
    of them (``report.api_totals``); two queries.

    A page of reports holds hundreds of items. As model instances, with the related
    objects and caches that tie them together, they cost more to build and to free
    again than everything else in the answer.
    """
    ids = [report.pk for report in reports]
    outcomes: dict[int, list[dict]] = {}
    for item_id, code, name, rating in (
        ReportItemOutcome.objects.filter(item__report_id__in=ids)
        .order_by("item_id", "pk")
        .values_list("item_id", "protective_factor__code", "protective_factor__name", "rating")
    ):
        outcomes.setdefault(item_id, []).append(
            {"protective_factor": code, "protective_factor_name": name, "rating": rating}
        )
    items: dict[int, list[dict]] = {}
    for row in (
        ReportItem.objects.filter(report_id__in=ids)
        .order_by("report_id", "intervention__name")
        .values(*API_ITEM_VALUES)
    ):
        row["outcomes"] = outcomes.get(row["id"], [])
        items.setdefault(row["report_id"], []).append(row)
    for report in reports:
        report.api_items = items.get(report.pk, [])
        report.api_totals = ApiTotals.of(report.api_items)
    return reports


def report_items_visible_to(*, user: User) -> QuerySet[ReportItem]:
    return ReportItem.objects.filter(report__in=reports_visible_to(user=user))


def attachments_visible_to(*, user: User) -> QuerySet[ReportAttachment]:
    return ReportAttachment.objects.filter(report__in=reports_visible_to(user=user)).select_related("report")


# Periods ---------------------------------------------------------------------


def period_label(period: ReportingPeriod) -> str:
    """ "eerste halfjaar 2026", for people; str(period) is "2026-H1", for files and machines."""
    return half_year_name(period.year, period.half)


def period_is_open(period: ReportingPeriod, *, on: datetime.date) -> bool:
    """A report for this period can be started on this day."""
    return period.opens_on <= on and (period.closes_on is None or on <= period.closes_on)


def open_periods(*, on: datetime.date) -> QuerySet[ReportingPeriod]:
    return ReportingPeriod.objects.filter(opens_on__lte=on).filter(Q(closes_on__isnull=True) | Q(closes_on__gte=on))


def default_overview_period(*, on: datetime.date) -> ReportingPeriod | None:
    """The latest period that has opened; before any has, the first one."""
    return (
        ReportingPeriod.objects.filter(opens_on__lte=on).order_by("-opens_on").first()
        or ReportingPeriod.objects.order_by("opens_on").first()
    )


def is_overdue(*, period: ReportingPeriod, status: str, on: datetime.date) -> bool:
    """Past the deadline and not handed in (missing, draft or returned)."""
    return on > period.deadline and status in (MISSING, *OUTSTANDING_STATUSES)


def expected_municipalities(*, year: int) -> QuerySet[Municipality]:
    """Municipalities with a grant covering the year: they are the ones expected to report."""
    return Municipality.objects.filter(grants__first_year__lte=year, grants__last_year__gte=year).distinct()


def municipalities_of_period(*, period: ReportingPeriod) -> QuerySet[Municipality]:
    """The municipalities a reporting period concerns: expected to report on it, or with a report on it."""
    return Municipality.objects.filter(
        Q(pk__in=expected_municipalities(year=period.year).values("pk")) | Q(reports__period=period)
    ).distinct()


def running_interventions(*, municipality: Municipality) -> QuerySet[Intervention]:
    return Intervention.objects.filter(municipalities=municipality).order_by("name")


# Grants and spending ---------------------------------------------------------


@dataclass
class Budget:
    """Grants of one municipality whose years overlap, with what was reported spent in those years.

    Reports are per municipality, not per grant, so two grants over the same years
    (Amsterdam has two focus areas) share one budget.
    """

    first_year: int
    last_year: int
    grants: list[Grant] = field(default_factory=list)
    amount: Decimal = ZERO
    spent: Decimal = ZERO

    def covers(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year

    @property
    def remaining(self) -> Decimal:
        return self.amount - self.spent

    @property
    def percentage_spent(self) -> int:
        if not self.amount:
            return 0
        return min(100, int(self.spent * 100 / self.amount))

    @property
    def sisa_codes(self) -> str:
        return ", ".join(sorted({grant.sisa_code for grant in self.grants if grant.sisa_code}))


def spending_by_year(
    *,
    municipality_ids: list[int] | None = None,
    exclude_report_id: int | None = None,
    statuses: tuple[str, ...] | None = None,
) -> dict[tuple[int, int], Decimal]:
    """Reported spending per (municipality id, year), in one query: of reports in every state, or in ``statuses``."""
    items = ReportItem.objects.all()
    if municipality_ids is not None:
        items = items.filter(report__municipality_id__in=municipality_ids)
    if statuses is not None:
        items = items.filter(report__status__in=statuses)
    if exclude_report_id is not None:
        items = items.exclude(report_id=exclude_report_id)
    rows = items.values_list("report__municipality_id", "report__period__year").annotate(total=Sum("spending"))
    return {(municipality_id, year): total or ZERO for municipality_id, year, total in rows}


def budgets_from(grants: list[Grant], spending: dict[int, Decimal]) -> list[Budget]:
    """The budgets of a municipality's grants (overlapping grants form one budget), with what was spent."""
    budgets: list[Budget] = []
    for grant in sorted(grants, key=lambda g: (g.first_year, g.last_year, g.pk)):
        if budgets and grant.first_year <= budgets[-1].last_year:
            budget = budgets[-1]
            budget.last_year = max(budget.last_year, grant.last_year)
        else:
            budget = Budget(first_year=grant.first_year, last_year=grant.last_year)
            budgets.append(budget)
        budget.grants.append(grant)
        budget.amount += grant.amount
    for budget in budgets:
        budget.spent = sum(
            (amount for year, amount in spending.items() if budget.covers(year)),
            ZERO,
        )
    return budgets


def budgets_for(*, municipality: Municipality, exclude_report_id: int | None = None) -> list[Budget]:
    """The municipality's grants as budgets, with spending reported so far (optionally leaving one report out)."""
    grants = list(Grant.objects.filter(municipality=municipality).select_related("focus_area"))
    by_year = spending_by_year(municipality_ids=[municipality.pk], exclude_report_id=exclude_report_id)
    return budgets_from(grants, {year: total for (_m, year), total in by_year.items()})


def budget_for_year(*, municipality: Municipality, year: int, exclude_report_id: int | None = None) -> Budget | None:
    return next(
        (b for b in budgets_for(municipality=municipality, exclude_report_id=exclude_report_id) if b.covers(year)),
        None,
    )


# The municipality's workspace ------------------------------------------------


@dataclass
class PeriodRow:
    period: ReportingPeriod
    report: Report | None
    is_open: bool
    is_overdue: bool

    @property
    def status(self) -> str:
        return self.report.status if self.report else MISSING

    @property
    def can_start(self) -> bool:
        return self.report is None and self.is_open


@dataclass
class Workspace:
    municipality: Municipality
    budgets: list[Budget]
    interventions: list[Intervention]
    periods: list[PeriodRow]
    earlier_reports: list[Report]

    @property
    def to_do(self) -> list[PeriodRow]:
        return [row for row in self.periods if row.can_start or (row.report and row.status in EDITABLE_STATUSES)]


def workspace(*, municipality: Municipality, on: datetime.date) -> Workspace:
    """Grants, interventions, periods and reports of one municipality."""
    reports = {
        report.period_id: report
        for report in Report.objects.filter(municipality=municipality)
        .select_related("period", "submitted_by")
        .annotate(total_spending=Sum("items__spending"))
    }
    periods = [
        PeriodRow(
            period=period,
            report=reports.get(period.pk),
            is_open=period_is_open(period, on=on),
            is_overdue=is_overdue(
                period=period, status=reports[period.pk].status if period.pk in reports else MISSING, on=on
            ),
        )
        for period in ReportingPeriod.objects.order_by("-year", "-half")
    ]
    interventions = list(
        running_interventions(municipality=municipality).select_related("owner").prefetch_related("protective_factors")
    )
    earlier = [
        row.report
        for row in periods
        if row.report and row.report.status in (Report.Status.SUBMITTED, Report.Status.ACCEPTED)
    ]
    return Workspace(
        municipality=municipality,
        budgets=budgets_for(municipality=municipality),
        interventions=interventions,
        periods=periods,
        earlier_reports=earlier,
    )
