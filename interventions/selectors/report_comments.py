"""Reads for the comment thread of a report: which comments a user may see, and where each belongs."""

from dataclasses import dataclass, field

from django.db.models import QuerySet

from core.access import User
from interventions.models import Report, ReportComment
from interventions.selectors.reports import reports_visible_to


def comments_visible_to(*, user: User) -> QuerySet[ReportComment]:
    """The comments on reports this user may see; never those of another municipality."""
    return ReportComment.objects.filter(report__in=reports_visible_to(user=user))


@dataclass
class CommentThreads:
    """A report's comments split by where they apply: the whole report, or one intervention's row."""

    report: list[ReportComment] = field(default_factory=list)
    rows: dict[int, list[ReportComment]] = field(default_factory=dict)

    def for_row(self, intervention_id: int) -> list[ReportComment]:
        return self.rows.get(intervention_id, [])


def comment_threads(*, report: Report) -> CommentThreads:
    """The threads of a report loaded by a user-scoped selector; uses its prefetched comments, no query of its own."""
    threads = CommentThreads()
    for comment in report.comments.all():
        if comment.intervention_id is None:
            threads.report.append(comment)
        else:
            threads.rows.setdefault(comment.intervention_id, []).append(comment)
    return threads
