"""Who may see and do what with the annual analysis.

Plain functions returning a bool, used by the views and the templates alike.
Which versions a user sees at all is scoped in ``analysis.selectors.annual``.
"""

from analysis.models import AnnualAnalysis
from core.access import User
from core.roles import is_staff_member


def can_generate_analyses(user: User) -> bool:
    """Ask for a version, follow its progress, preview, publish and retry: programme staff."""
    return is_staff_member(user)


def can_view_analysis(user: User, analysis: AnnualAnalysis) -> bool:
    """Staff see every version; everyone else (the board, the public) only published ones."""
    return is_staff_member(user) or analysis.published_at is not None


def can_publish_analysis(user: User, analysis: AnnualAnalysis) -> bool:
    return (
        is_staff_member(user)
        and analysis.published_at is None
        and analysis.status == AnnualAnalysis.Status.DONE
        and bool(analysis.pdf)
    )
