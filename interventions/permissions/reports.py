"""Who may do what with half-yearly reports. Plain functions: views, the API and templates share them.

Which reports a user can see at all is decided by the selector
`interventions.selectors.reports.reports_visible_to`; these functions answer the
next question, what the user may do with a report they can see.
"""

from core import roles
from core.access import User
from interventions.models import Report
from municipalities.selectors import municipality_for_user

EDITABLE_STATUSES = (Report.Status.DRAFT, Report.Status.RETURNED)
# The advisory board reads reports once the municipality has handed them in; never drafts
# or returned reports, which are still the municipality's work in progress.
BOARD_VISIBLE_STATUSES = (Report.Status.SUBMITTED, Report.Status.ACCEPTED)


def can_use_reports(user: User) -> bool:
    """Any role that has something to do with reports: staff, municipality users, the board."""
    return roles.role_of(user) in (roles.STAFF, roles.MUNICIPALITY, roles.BOARD)


def can_use_workspace(user: User) -> bool:
    return roles.is_municipality_user(user)


def can_review_reports(user: User) -> bool:
    """Staff work: the overview, exports, review, and which API keys exist."""
    return roles.is_staff_member(user)


def can_have_api_tokens(user: User) -> bool:
    """A municipality user makes and revokes their own API keys; nobody makes one for someone else."""
    return roles.is_municipality_user(user)


def is_own_report(user: User, report: Report) -> bool:
    if not roles.is_municipality_user(user):
        return False
    municipality = municipality_for_user(user=user)
    return municipality is not None and report.municipality_id == municipality.pk


def can_view_report(user: User, report: Report) -> bool:
    if roles.is_staff_member(user):
        return True
    if roles.is_board_member(user):
        return report.status in BOARD_VISIBLE_STATUSES
    return is_own_report(user, report)


def can_edit_report(user: User, report: Report) -> bool:
    """Only the municipality itself edits, and only while the report is a draft or returned."""
    return is_own_report(user, report) and report.status in EDITABLE_STATUSES


def can_submit_report(user: User, report: Report) -> bool:
    return can_edit_report(user, report)


def can_review_report(user: User, report: Report) -> bool:
    return roles.is_staff_member(user) and report.status == Report.Status.SUBMITTED


def can_reopen_report(user: User, report: Report) -> bool:
    return roles.is_staff_member(user) and report.status == Report.Status.ACCEPTED


def can_view_history(user: User, report: Report) -> bool:
    """The history shows every draft value, so the board, which never sees drafts, does not get it."""
    return roles.is_staff_member(user) or is_own_report(user, report)


def can_comment_on_report(user: User, report: Report) -> bool:
    """Staff comment on any report; the municipality replies on its own. The board only reads."""
    return roles.is_staff_member(user) or is_own_report(user, report)


def can_download_attachment(user: User, report: Report) -> bool:
    return can_view_report(user, report)


def can_configure_report_checks(user: User) -> bool:
    """Programme staff set the factors of the checks against the previous half-year."""
    return roles.is_staff_member(user)


def can_export_report_items(user: User) -> bool:
    """Staff export the items of every report, a municipality those of its own (the selector scopes them)."""
    return roles.is_staff_member(user) or roles.is_municipality_user(user)
