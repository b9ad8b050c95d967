"""Who may edit the programme's structure: its programmes, action lines, principles, KPIs and budget."""

from core import roles
from core.access import User


def can_edit_programmes(user: User) -> bool:
    """Programme staff start programmes and keep their structure."""
    return roles.is_staff_member(user)
