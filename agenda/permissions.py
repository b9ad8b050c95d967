"""Who may read and keep the programme's own records: events, research results, inventories, the board."""

from core import roles
from core.access import User


def can_read_records(user: User) -> bool:
    """Programme staff keep the records; the advisory board reads them. Municipalities see none of it."""
    return roles.is_staff_member(user) or roles.is_board_member(user)


def can_keep_records(user: User) -> bool:
    return roles.is_staff_member(user)
