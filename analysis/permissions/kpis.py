"""Who may see the KPIs, the budget and the map, and who may record measurements and expenditures.

Plain functions returning a bool, used by the views, the templates and the API alike.
"""

from agenda.models import Kpi
from core.access import User
from core.roles import is_staff_member


def can_view_kpis(user: User) -> bool:
    return is_staff_member(user)


def can_record_measurement(user: User, kpi: Kpi | None = None) -> bool:
    """Staff record values of manual KPIs only; a computed KPI takes no measurements."""
    return is_staff_member(user) and (kpi is None or kpi.is_manual)


def can_view_budget(user: User) -> bool:
    return is_staff_member(user)


def can_record_expenditure(user: User) -> bool:
    return is_staff_member(user)


def can_view_map(user: User) -> bool:
    return is_staff_member(user)
