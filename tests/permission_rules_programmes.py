"""The permission rules of the pages where staff keep a programme's structure (agenda:...), and of
withdrawing a KPI measurement. Staff only; everyone else is refused before any lookup."""

from agenda.models import ActionLine, BudgetLine, GuidingPrinciple, Kpi
from tests.permission_kinds import FROM_A, Rule, staff_only

CODE = "agenda-2023-2025"


def _programme(w) -> dict:
    return {"code": CODE}


def _part(model, **lookup):
    return lambda w: {"code": CODE, "pk": model.objects.get(programme__code=CODE, **lookup).pk}


def _missing(w) -> dict:
    return {"code": "bestaat-niet"}


def _form(kwargs, post: int = 400, missing=None) -> Rule:
    return staff_only(kwargs=kwargs, post=post, scoped=FROM_A, missing=missing)


def _new(post: int = 400) -> Rule:
    """A form for a new part of a programme: the programme is in the address."""
    return _form(_programme, post=post, missing=_missing)


RULES: dict[str, Rule] = {
    "agenda:programme_list": staff_only(),
    "agenda:programme_copy": staff_only(post=400),
    "agenda:programme_detail": staff_only(kwargs=_programme, scoped=FROM_A, missing=_missing),
    "agenda:programme_edit": _new(),
    "agenda:action_line_create": _new(),
    "agenda:action_line_edit": _form(_part(ActionLine, code="AL1")),
    "agenda:guiding_principle_create": _new(),
    "agenda:guiding_principle_edit": _form(_part(GuidingPrinciple, code="P1")),
    "agenda:kpi_create": _new(),
    "agenda:kpi_edit": _form(_part(Kpi, code="K03")),
    "agenda:budget_line_create": _new(),
    "agenda:budget_line_edit": _form(_part(BudgetLine, action_line__code="AL1")),
    # Every field of a year's plan may be empty (pro rata): an empty form is saved.
    "agenda:budget_year_edit": _form(lambda w: {"code": CODE, "year": 2024}, post=302),
    "analysis:kpi_measurement_withdraw": _form(lambda w: {"code": "K10", "pk": w.measurement.pk}),
}
