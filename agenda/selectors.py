"""Reads of the programme frame: which programmes exist, which one runs today, which one a page is about."""

import datetime
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.http import HttpRequest
from django.utils import timezone

from agenda.models import ActionLine, BudgetLine, BudgetYearPlan, GuidingPrinciple, Kpi, Programme

# The query parameter that puts a programme in a page's address, so that a page can be linked.
PROGRAMME_PARAMETER = "programme"


def programme_list() -> QuerySet[Programme]:
    return Programme.objects.order_by("starts_on")


def running_programme(*, today: datetime.date) -> Programme | None:
    """The programme that runs today; between two programmes the latest one that started; else the first."""
    programmes = programme_list()
    running = programmes.filter(starts_on__lte=today, ends_on__gte=today).order_by("-starts_on").first()
    return running or programmes.filter(starts_on__lte=today).order_by("-starts_on").first() or programmes.first()


def current_programme(*, today: datetime.date, code: str | None = None) -> Programme | None:
    """The programme asked for by its code, else the one that runs today."""
    if code:
        chosen = programme_list().filter(code=code).first()
        if chosen:
            return chosen
    return running_programme(today=today)


def selected_programme(request: HttpRequest) -> Programme | None:
    """The programme a page is about: the one in its address, else the reader's choice, else the one running today."""
    return current_programme(today=timezone.localdate(), code=request.GET.get(PROGRAMME_PARAMETER))


# The programme's structure, for the pages where staff edit it.


def programme_years(programme: Programme) -> list[int]:
    """The calendar years a programme runs in, from its start to its end."""
    return list(range(programme.starts_on.year, programme.ends_on.year + 1))


def months_in_year(programme: Programme, year: int) -> int:
    """The calendar months of ``year`` in which the programme runs (a month it starts or ends in counts whole)."""
    first = max(programme.starts_on, datetime.date(year, 1, 1))
    last = min(programme.ends_on, datetime.date(year, 12, 31))
    return last.month - first.month + 1 if first <= last else 0


def pro_rata(average: Decimal, months: int) -> Decimal:
    """A year's share of an average per year: ``months`` twelfths of it, in cents."""
    return (average * months / 12).quantize(Decimal("0.01"))


def budget_averages(*, programme: Programme) -> dict[int | None, Decimal]:
    """The plan's table per action line (None: other costs): euros per year on average."""
    return {
        row["action_line"]: row["total"]
        for row in BudgetLine.objects.filter(programme=programme).values("action_line").annotate(total=Sum("planned"))
    }


def programme_get(*, code: str) -> Programme:
    """One programme by its code (raises Programme.DoesNotExist)."""
    return Programme.objects.get(code=code)


def programme_overview() -> QuerySet[Programme]:
    """Every programme with the number of its action lines, KPIs and KPIs still to complete."""
    return programme_list().annotate(
        action_line_count=Count("action_lines", distinct=True),
        kpi_count=Count("kpis", distinct=True),
        incomplete_kpi_count=Count("kpis", filter=Q(kpis__is_complete=False), distinct=True),
    )


def action_line_list(*, programme: Programme) -> QuerySet[ActionLine]:
    return programme.action_lines.order_by("order", "code")


def guiding_principle_list(*, programme: Programme) -> QuerySet[GuidingPrinciple]:
    return programme.guiding_principles.order_by("order", "code")


def kpi_definition_list(*, programme: Programme) -> QuerySet[Kpi]:
    return programme.kpis.select_related("action_line").order_by("order", "code")


def budget_line_list(*, programme: Programme) -> QuerySet[BudgetLine]:
    """The plan's budget table: categories with their average per year."""
    return programme.budget_lines.select_related("action_line").order_by("action_line__order", "category")


def budget_year_plan_list(*, programme: Programme) -> QuerySet[BudgetYearPlan]:
    return programme.budget_year_plans.select_related("action_line").order_by("year", "action_line__order")


def latest_programme() -> Programme | None:
    """The programme that ends last: beyond its end no programme runs."""
    return Programme.objects.order_by("-ends_on").first()


def budget_year_plan_history(*, programme: Programme, year: int, limit: int = 50) -> list:
    """Every entry, change and removal of a year's plans, newest first, with who made it."""
    return list(
        BudgetYearPlan.history.filter(programme_id=programme.pk, year=year)
        .select_related("history_user", "action_line")
        .order_by("-history_date", "-history_id")[:limit]
    )
