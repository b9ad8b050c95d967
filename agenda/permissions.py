"""Who may do what with the programme frame, the programme's structure and its own records."""

from core import roles
from core.access import User


def can_switch_programme(user: User) -> bool:
    """Staff and the board look at figures of more than one programme; municipalities report, whatever runs."""
    return roles.is_staff_member(user) or roles.is_board_member(user)


def can_read_records(user: User) -> bool:
    """Programme staff keep the records (events, research results, inventories, the board); the advisory board
    reads them. Municipalities see none of it."""
    return roles.is_staff_member(user) or roles.is_board_member(user)


def can_keep_records(user: User) -> bool:
    return roles.is_staff_member(user)


def can_edit_programmes(user: User) -> bool:
    """Programme staff start programmes and keep their structure."""
    return roles.is_staff_member(user)
