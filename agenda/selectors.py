"""Reads of the programme frame: which programmes exist, which one runs today, which one a page is about."""

import datetime

from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from agenda.models import Activity, BoardMembership, Event, PolicyThemeInventory, Programme, ResearchResult

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
