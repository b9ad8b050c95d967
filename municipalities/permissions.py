"""Who may do what with municipalities, organisations, grants and partnerships."""

from core import roles
from core.access import User


def can_keep_focus_areas(user: User) -> bool:
    """A municipality records its own focus areas; staff keep those of every municipality."""
    return roles.is_staff_member(user) or roles.is_municipality_user(user)


def can_use_register(user: User) -> bool:
    """Only programme staff keep the register."""
    return roles.is_staff_member(user)


def can_set_own_lesson_consent(user: User) -> bool:
    """A municipality user decides for their own municipality whether its lessons carry its name."""
    return roles.is_municipality_user(user)
