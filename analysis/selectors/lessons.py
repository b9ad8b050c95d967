"""Reads for the lessons pages: report lines to pick passages from, and the passages picked.

Each returns a queryset whose number of queries does not grow with the rows a page shows.
"""

from django.db.models import Count, Prefetch, Q, QuerySet

from agenda.models import ProtectiveFactor
from analysis.lessons import published_passages
from analysis.models import LessonPassage
from interventions.models import Report, ReportItem, ReportItemOutcome


def candidate_items() -> QuerySet[ReportItem]:
    """Lines of accepted reports with lessons or an explanation written, newest half-year first."""
    return (
        ReportItem.objects.filter(report__status=Report.Status.ACCEPTED)
        .exclude(Q(lessons_learned="") & Q(notes=""))
        .select_related("report__municipality", "report__period", "intervention")
        .prefetch_related(
            Prefetch("intervention__protective_factors", queryset=ProtectiveFactor.objects.order_by("code")),
            Prefetch("outcomes", queryset=ReportItemOutcome.objects.select_related("protective_factor")),
        )
        .annotate(picked=Count("lesson_passages", distinct=True))
        .order_by("-report__period__year", "-report__period__half", "report__municipality__name", "intervention__name")
    )


def candidate_item(*, pk: int) -> ReportItem:
    """One line of an accepted report, with what the pick form offers."""
    return candidate_items().get(pk=pk)


def passage_list() -> QuerySet[LessonPassage]:
    """Every picked passage, for staff (real names: staff see whose it is and whether it is shown by name)."""
    return LessonPassage.objects.select_related(
        "protective_factor",
        "item__intervention",
        "item__report__period",
        "item__report__municipality",
        "picked_by",
    ).order_by("-item__report__period__year", "-item__report__period__half", "protective_factor__code", "-pk")


def passage_detail(*, pk: int) -> LessonPassage:
    return (
        passage_list()
        .prefetch_related("item__intervention__protective_factors", "item__outcomes__protective_factor")
        .get(pk=pk)
    )


def board_passages() -> QuerySet[LessonPassage]:
    """Passages the board may read: of accepted reports only, grouped later by protective factor."""
    return published_passages()
