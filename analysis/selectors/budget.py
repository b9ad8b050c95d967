"""Reads behind the budget page: the programme's expenditures. The position itself is analysis.budget."""

from django.db.models import QuerySet

from agenda.models import ActionLine, Expenditure, Programme
from agenda.selectors import programme_years


def expenditure_list(*, programme: Programme) -> QuerySet[Expenditure]:
    """A programme's expenditures, newest first, with their action line and who recorded them."""
    return (
        Expenditure.objects.filter(programme=programme)
        .select_related("action_line", "recorded_by")
        .order_by("-date", "-pk")
    )


def expenditure_get(*, pk: int) -> Expenditure | None:
    return Expenditure.objects.select_related("programme", "action_line", "recorded_by").filter(pk=pk).first()


def action_lines(*, programme: Programme) -> QuerySet[ActionLine]:
    return programme.action_lines.order_by("order", "code")


def budget_years(*, programme: Programme) -> list[int]:
    """The years the programme has a budget for: the calendar years it runs in."""
    return programme_years(programme)
