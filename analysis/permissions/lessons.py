"""Who may pick lessons from municipal reports, and who reads them."""

from core.access import User
from core.roles import is_board_member, is_staff_member


def can_pick_lessons(user: User) -> bool:
    """Pick, change and remove passages: programme staff."""
    return is_staff_member(user)


def can_read_lessons(user: User) -> bool:
    """The lessons grouped by protective factor, anonymised where a municipality did not consent."""
    return is_staff_member(user) or is_board_member(user)
