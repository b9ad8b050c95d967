"""The one place where a KPI's actual value is computed.

Every page, the API, the dashboards and the annual analysis ask this package, so a
figure shown anywhere agrees with every other place it is shown.

A KPI names a *measure*: either one of the computed measures (``measures``), which
count objects in the portal's own data as of a date, or ``manual``, which takes the
latest value staff recorded (``KpiMeasurement``). ``status`` holds the rules that
turn a value into a status; ``evaluate`` puts the two together.

Each measure answers, in one query, for any number of dates, so a page showing
twelve KPIs with their trends needs about a dozen queries whatever the data size.
"""

from analysis.kpis.evaluate import (
    KpiResult,
    evaluate,
    evaluate_all,
    members,
    programme_kpis,
    programme_results,
    values,
)
from analysis.kpis.measures import MEASURES, Counted, measure_choices
from analysis.kpis.status import (
    AT_RISK_SHARE,
    ON_TRACK_SHARE,
    Status,
    expected_share,
    half_year_ends,
    period_of,
    status_for,
    status_rules,
)

__all__ = [
    "AT_RISK_SHARE",
    "MEASURES",
    "ON_TRACK_SHARE",
    "Counted",
    "KpiResult",
    "Status",
    "evaluate",
    "evaluate_all",
    "expected_share",
    "half_year_ends",
    "measure_choices",
    "members",
    "period_of",
    "programme_kpis",
    "programme_results",
    "status_for",
    "status_rules",
    "values",
]
