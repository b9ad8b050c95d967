"""Who may do what with municipalities, organisations, grants and partnerships."""

from core import roles
from core.access import User


def can_use_register(user: User) -> bool:
    """Only programme staff keep the register."""
    return roles.is_staff_member(user)
