"""Who may see and do what with the advisory board's dashboards and advice.

Plain functions returning a bool, used by the views, the templates and the API
alike. Which dashboards a user sees at all is scoped in the selectors: a board
member's queries never hold a draft.
"""

from analysis.models import Advice, Dashboard
from core.access import User
from core.roles import is_board_member, is_staff_member


def can_view_dashboards(user: User) -> bool:
    return is_staff_member(user) or is_board_member(user)


def can_view_dashboard(user: User, dashboard: Dashboard) -> bool:
    """Staff see drafts and published dashboards; the board only published ones."""
    if is_staff_member(user):
        return True
    return is_board_member(user) and dashboard.status == Dashboard.Status.PUBLISHED


def can_prepare_dashboards(user: User) -> bool:
    """Start a dashboard or a correction, write its texts, publish it."""
    return is_staff_member(user)


def can_edit_dashboard(user: User, dashboard: Dashboard) -> bool:
    return is_staff_member(user) and dashboard.status == Dashboard.Status.DRAFT


def can_view_advice(user: User) -> bool:
    return is_staff_member(user) or is_board_member(user)


def can_record_advice(user: User) -> bool:
    return is_board_member(user)


def can_respond_to_advice(user: User, advice: Advice | None = None) -> bool:
    return is_staff_member(user)


def can_reply_to_advice(user: User, advice: Advice | None = None) -> bool:
    """The board continues the conversation about its advice; the programme answers with its response."""
    return is_board_member(user)


def can_download_dashboard_pdf(user: User, dashboard: Dashboard) -> bool:
    """A published dashboard as a PDF: for everyone who may read it."""
    return dashboard.status == Dashboard.Status.PUBLISHED and can_view_dashboard(user, dashboard)
