"""Writes to the register of interventions and evaluations."""

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.utils import timezone

from core.history import save_with_history
from interventions.models import Evaluation, Intervention

INTERVENTION_M2M = ("partners", "municipalities", "action_lines", "protective_factors", "phenomena", "target_groups")


def developed_on_for(*, stage: str, developed_on: datetime.date | None) -> datetime.date | None:
    """The date an intervention became "developed": kept (or today) from that stage on, empty before it.

    KPI K05 counts interventions by this date, and the database refuses any other combination.
    """
    if stage in Intervention.DEVELOPED_STAGES:
        return developed_on or timezone.localdate()
    return None


def intervention_save(*, intervention: Intervention, by: User, m2m: dict[str, Iterable] | None = None) -> Intervention:
    """Create or change an intervention with its many-to-many fields, as one history entry."""
    unknown = set(m2m or {}) - set(INTERVENTION_M2M)
    if unknown:
        raise ValueError(f"not a many-to-many field of an intervention: {sorted(unknown)}")
    intervention.developed_on = developed_on_for(stage=intervention.stage, developed_on=intervention.developed_on)
    return save_with_history(instance=intervention, by=by, m2m=m2m)


def evaluation_save(*, evaluation: Evaluation, by: User) -> Evaluation:
    """Create or change an evaluation of an intervention."""
    return save_with_history(instance=evaluation, by=by)
