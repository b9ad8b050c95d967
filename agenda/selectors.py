"""Reads of the programme frame: which programmes exist, which one runs today, which one a page is about."""

import datetime
from decimal import Decimal

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, QuerySet, Sum
from django.http import HttpRequest
from django.utils import timezone

from agenda.models import (
    ActionLine,
    Activity,
    BoardMembership,
    BudgetLine,
    BudgetYearPlan,
    Event,
    GuidingPrinciple,
    Kpi,
    PolicyThemeInventory,
    Programme,
    ProgrammeChoice,
    ResearchResult,
)

# The query parameter that puts a programme in a page's address, so that a page can be linked.
PROGRAMME_PARAMETER = "programme"


def programme_list() -> QuerySet[Programme]:
    return Programme.objects.order_by("starts_on")


def running_programme(*, today: datetime.date, programmes: list[Programme] | None = None) -> Programme | None:
    """The programme that runs today; between two programmes the latest one that started; else the first."""
    programmes = list(programme_list()) if programmes is None else programmes
    started = [p for p in programmes if p.starts_on <= today]
    running = [p for p in started if p.ends_on >= today]
    if running or started:
        return (running or started)[-1]
    return programmes[0] if programmes else None


def current_programme(*, today: datetime.date, code: str | None = None) -> Programme | None:
    """The programme asked for by its code, else the one that runs today."""
    programmes = list(programme_list())
    chosen = next((p for p in programmes if p.code == code), None) if code else None
    return chosen or running_programme(today=today, programmes=programmes)


def chosen_programme(user: AbstractBaseUser | AnonymousUser) -> Programme | None:
    """The programme a user last chose in the header, if any."""
    if not user.is_authenticated:
        return None
    choice = ProgrammeChoice.objects.filter(user_id=user.pk).select_related("programme").first()
    return choice.programme if choice else None


def programmes_of_request(request: HttpRequest) -> list[Programme]:
    """Every programme, read once per request: the header and the page both need them."""
    cached = getattr(request, "_programmes", None)
    if cached is None:
        cached = list(programme_list())
        request._programmes = cached  # type: ignore[attr-defined]
    return cached


def selected_programme(request: HttpRequest) -> Programme | None:
    """The programme a page is about: the one in its address, else the reader's choice, else the one running today.

    Read once per request: the header and the page ask for it both.
    """
    cached = getattr(request, "_selected_programme", None)
    if cached is not None:
        return cached
    programmes = programmes_of_request(request)
    code = request.GET.get(PROGRAMME_PARAMETER)
    programme = next((p for p in programmes if p.code == code), None) if code else None
    if programme is None and len(programmes) > 1:
        programme = chosen_programme(request.user)
    programme = programme or running_programme(today=timezone.localdate(), programmes=programmes)
    request._selected_programme = programme  # type: ignore[attr-defined]
    return programme


# The programme's records: what its KPIs count. Each list is scoped to one programme;
# its shape does not grow with the rows shown.


def event_list(*, programme: Programme | None) -> QuerySet[Event]:
    """The events of a programme's activities, newest first, with how many dashboards each presented."""
    return (
        Event.objects.filter(activity__action_line__programme=programme)
        .select_related("activity")
        .annotate(dashboard_count=Count("dashboards_presented"))
        .order_by("-held_on", "title")
    )


def event_detail(*, pk: int) -> Event:
    """One event with its activity and the dashboards presented at it (through their reverse relation)."""
    return (
        Event.objects.select_related("activity__action_line__programme")
        .prefetch_related("dashboards_presented")
        .get(pk=pk)
    )


def activity_choices(*, programme: Programme | None) -> QuerySet[Activity]:
    return Activity.objects.filter(action_line__programme=programme).select_related("action_line")


def research_result_list(*, programme: Programme | None) -> QuerySet[ResearchResult]:
    return (
        ResearchResult.objects.filter(programme=programme).select_related("action_line").order_by("-shared_on", "title")
    )


def research_result_detail(*, pk: int) -> ResearchResult:
    return ResearchResult.objects.select_related("action_line", "programme").get(pk=pk)


def policy_inventory_list(*, programme: Programme | None) -> QuerySet[PolicyThemeInventory]:
    return PolicyThemeInventory.objects.filter(programme=programme).order_by("-year", "-held_on")


def policy_inventory_detail(*, pk: int) -> PolicyThemeInventory:
    return PolicyThemeInventory.objects.select_related("programme").get(pk=pk)


def board_membership_list(*, programme: Programme | None) -> QuerySet[BoardMembership]:
    return BoardMembership.objects.filter(programme=programme).order_by("constituency", "person", "-starts_on")


def board_membership_detail(*, pk: int) -> BoardMembership:
    return BoardMembership.objects.select_related("programme").get(pk=pk)


def record_counts(*, programme: Programme | None) -> dict[str, int]:
    """How many of each record a programme holds, for the index page."""
    activities = Activity.objects.filter(action_line__programme=programme)
    return {
        "events": Event.objects.filter(activity__in=activities).count(),
        # Participation lives in the municipalities app; reached through the reverse relation.
        "participation": activities.aggregate(n=Count("activityparticipation"))["n"],
        "research": ResearchResult.objects.filter(programme=programme).count(),
        "inventories": PolicyThemeInventory.objects.filter(programme=programme).count(),
        "board": BoardMembership.objects.filter(programme=programme).count(),
    }


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
