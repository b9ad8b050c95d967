"""Who may see and do what with the annual analysis.

Plain functions returning a bool, used by the views and the templates alike.
Which versions a user sees at all is scoped in ``analysis.selectors.annual``.
"""

from analysis.models import AnnualAnalysis
from core.access import User
from core.roles import is_board_member, is_staff_member


def can_generate_analyses(user: User) -> bool:
    """Ask for a version, follow its progress, preview, publish and retry: programme staff."""
    return is_staff_member(user)


def can_view_analysis(user: User, analysis: AnnualAnalysis) -> bool:
    """Staff see every version; the board also finished drafts (to advise on them); the public published ones."""
    return (
        is_staff_member(user)
        or analysis.published_at is not None
        or (is_board_member(user) and is_draft_for_review(analysis))
    )


def is_draft_for_review(analysis: AnnualAnalysis) -> bool:
    """A finished version that is not published: the board reads it and may give advice on it."""
    return analysis.published_at is None and analysis.status == AnnualAnalysis.Status.DONE


def can_advise_on_analysis(user: User, analysis: AnnualAnalysis) -> bool:
    return is_board_member(user) and is_draft_for_review(analysis)


def can_write_texts(user: User, analysis: AnnualAnalysis) -> bool:
    """The programme's texts are written on a version whose figures are frozen, until it is published."""
    return is_staff_member(user) and analysis.published_at is None and bool(analysis.data_hash)


def can_withdraw_analysis(user: User, analysis: AnnualAnalysis) -> bool:
    return is_staff_member(user) and analysis.published_at is not None and analysis.withdrawn_at is None


def can_publish_analysis(user: User, analysis: AnnualAnalysis) -> bool:
    return (
        is_staff_member(user)
        and analysis.published_at is None
        and analysis.status == AnnualAnalysis.Status.DONE
        and bool(analysis.pdf)
    )
