"""Writes to the register: grants, organisations, partnerships and learning-community membership.

Every write goes through the kernel's `save_with_history`, so a change made in one form is one
entry in the object's history, many-to-many fields included.
"""

from collections.abc import Iterable

from django.contrib.auth.models import User

from core.history import save_with_history
from municipalities.models import (
    ActivityParticipation,
    FocusArea,
    Grant,
    LearningCommunityMembership,
    Municipality,
    Organisation,
    Partnership,
)


def grant_save(*, grant: Grant, by: User, focus_areas: Iterable[FocusArea] | None = None) -> Grant:
    """Create or change a grant (specifieke uitkering), with the areas it is spent in when given."""
    return save_with_history(
        instance=grant, by=by, m2m={"focus_areas": focus_areas} if focus_areas is not None else None
    )


def focus_area_save(*, area: FocusArea, by: User) -> FocusArea:
    """Create or change an area a municipality delimits itself; NPLV areas are reference data."""
    area.kind = FocusArea.Kind.OWN
    return save_with_history(instance=area, by=by)


def organisation_save(*, organisation: Organisation, by: User) -> Organisation:
    """Create or change an organisation."""
    return save_with_history(instance=organisation, by=by)


def partnership_save(*, partnership: Partnership, members: Iterable, municipalities: Iterable, by: User) -> Partnership:
    """Create or change a partnership with its member organisations and municipalities."""
    return save_with_history(instance=partnership, by=by, m2m={"members": members, "municipalities": municipalities})


def learning_community_membership_save(
    *, membership: LearningCommunityMembership, by: User
) -> LearningCommunityMembership:
    """Record a municipality joining (or leaving) the learning community."""
    return save_with_history(instance=membership, by=by)


def activity_participation_save(*, participation: ActivityParticipation, by: User) -> ActivityParticipation:
    """Record an organisation taking part in one of the programme's activities, from a date."""
    return save_with_history(instance=participation, by=by)


def municipality_set_lesson_consent(*, municipality: Municipality, shares_by_name: bool, by: User) -> Municipality:
    """Record whether passages from the municipality's reports may carry its name; a change is in its history."""
    if municipality.shares_lessons_by_name == shares_by_name:
        return municipality
    municipality.shares_lessons_by_name = shares_by_name
    return save_with_history(instance=municipality, by=by, validate=False)
