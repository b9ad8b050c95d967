"""Who may do what with the programme frame."""

from core import roles


def can_switch_programme(user: roles.User) -> bool:
    """Staff and the board look at figures of more than one programme; municipalities report, whatever runs."""
    return roles.is_staff_member(user) or roles.is_board_member(user)
