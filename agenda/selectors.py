"""Reads of the programme frame: which programmes exist, which one runs today, which one a page is about."""

import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from agenda.models import (
    Activity,
    BoardMembership,
    Event,
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
