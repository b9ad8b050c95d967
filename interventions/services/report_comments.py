"""Writes for the comment thread of a report: staff remarks and the municipality's replies.

`report_comment_add` is the one way a comment is written outside the workflow steps, so
whatever must happen when one is placed (a notification, say) hooks in here.
"""

from django.contrib.auth.models import User
from django.utils.translation import gettext

from core import outbox, roles
from core.history import save_with_history
from interventions.models import Report, ReportComment
from interventions.services.report_problems import Problem, ReportError

MAX_COMMENT_LENGTH = 5000


def report_comment_add(*, report: Report, by: User, text: str, intervention_id: int | None = None) -> ReportComment:
    """Place a comment on the whole report or on one intervention's row; staff remark, the municipality replies.

    The caller has checked that `by` may comment on this report (``can_comment_on_report``).
    """
    text = (text or "").strip()
    if not text:
        raise ReportError(Problem(gettext("Schrijf een opmerking."), "text"))
    if len(text) > MAX_COMMENT_LENGTH:
        raise ReportError(
            Problem(gettext("Een opmerking is ten hoogste %(max)d tekens lang.") % {"max": MAX_COMMENT_LENGTH}, "text")
        )
    if intervention_id is not None and not report.items.filter(intervention_id=intervention_id).exists():
        raise ReportError(Problem(gettext("Deze interventie staat niet in het verslag."), "intervention"))
    kind = ReportComment.Kind.NOTE if roles.is_staff_member(by) else ReportComment.Kind.REPLY
    comment = ReportComment(report=report, intervention_id=intervention_id, author=by, kind=kind, text=text)
    comment = save_with_history(instance=comment, by=by, validate=False)
    # The other side hears of it after the commit, through the outbox: a broker that is away delays it.
    from interventions.tasks import notify_of_comment

    outbox.send_on_commit(notify_of_comment, comment.pk)
    return comment
