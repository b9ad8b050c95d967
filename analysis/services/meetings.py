"""Writes: which dashboards were presented at a meeting of the advisory board."""

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import transaction

from agenda.models import Event
from analysis.models import Dashboard
from core.history import save_with_history


def meeting_dashboards_set(*, meeting: Event, dashboards: Iterable[Dashboard], by: User) -> Event:
    """Set the dashboards presented at a board meeting; the meeting's history names who did it and which."""
    chosen = sorted(dashboards, key=lambda d: (d.year, d.half, d.version))
    with transaction.atomic():
        meeting.dashboards_presented.set(chosen)
        # Kept as the history entry's reason: the meeting itself has no field that changed.
        reason = "Gepresenteerde dashboards: " + (", ".join(str(d) for d in chosen) or "geen")
        return save_with_history(instance=meeting, by=by, reason=reason[:100])
