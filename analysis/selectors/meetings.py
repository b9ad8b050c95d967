"""Reads for the dashboards presented at a meeting of the advisory board."""

from django.db.models import QuerySet

from agenda.models import Activity, Event
from analysis.models import Dashboard


def board_meeting(*, pk: int) -> Event:
    """A meeting of the advisory board (an event of a board activity), with the dashboards presented at it."""
    return (
        Event.objects.filter(activity__kind=Activity.Kind.ADVISORY_BOARD)
        .select_related("activity")
        .prefetch_related("dashboards_presented")
        .get(pk=pk)
    )


def presentable_dashboards() -> QuerySet[Dashboard]:
    """Dashboards that can be presented to the board: the published ones, newest first."""
    return Dashboard.objects.filter(status=Dashboard.Status.PUBLISHED).order_by("-year", "-half", "-version")
