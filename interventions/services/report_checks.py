"""Writes for the checks on reports: the flags kept with a report's items, and the factors staff set."""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from core.history import save_with_history
from interventions.models import Report, ReportCheckFactor, ReportItem, ReportItemCheck
from interventions.selectors.report_checks import CHECKED_FIELDS, check_basis, item_figures, report_flags

MAX_EXPLANATION = 2000


def report_checks_save(
    *,
    report: Report,
    items: Mapping[int, ReportItem],
    explanations: Mapping[int, Mapping[str, str]],
    by: User,
) -> list[ReportItemCheck]:
    """Keep a flag for every figure of the report's items (by intervention id) that stands out, with its explanation.

    A flag whose figure no longer stands out goes. An intervention missing from
    ``explanations`` keeps the explanations it had (the API sends none).
    """
    flags = report_flags(
        basis=check_basis(report=report),
        figures={iid: item_figures(item) for iid, item in items.items()},
    )
    existing = {(check.item_id, check.field): check for check in ReportItemCheck.objects.filter(item__report=report)}
    kept = []
    for iid, item_flags in flags.items():
        item = items[iid]
        for flag in item_flags:
            check = existing.pop((item.pk, flag.field), None) or ReportItemCheck(item=item, field=flag.field)
            values: dict[str, Any] = {
                "change": flag.change,
                "over_pace": flag.over_pace,
                "current": flag.current,
                "previous": flag.previous,
                "factor": flag.factor,
                "pace": flag.pace,
                "report_spending": flag.report_spending,
            }
            if iid in explanations:
                values["explanation"] = (explanations[iid].get(flag.field) or "").strip()[:MAX_EXPLANATION]
            if check.pk is None or any(_differs(getattr(check, name), value) for name, value in values.items()):
                for name, value in values.items():
                    setattr(check, name, value)
                save_with_history(instance=check, by=by, validate=False)
            kept.append(check)
    for gone in existing.values():
        tracked: Any = gone  # simple-history reads _history_user, set at run time
        tracked._history_user = by
        gone.delete()
    return kept


def _differs(old: Any, new: Any) -> bool:
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        return (None if old is None else Decimal(old)) != (None if new is None else Decimal(new))
    return old != new


def check_factors_save(*, factors: Mapping[str, Decimal | None], by: User) -> None:
    """Set the factor of each named field; None brings a field back to the default factor."""
    unknown = set(factors) - set(CHECKED_FIELDS)
    if unknown:
        raise ValueError(f"not a checked field: {sorted(unknown)}")
    with transaction.atomic():
        current = {row.field: row for row in ReportCheckFactor.objects.filter(field__in=list(factors))}
        for name, factor in factors.items():
            row = current.get(name)
            if factor is None:
                if row is not None:
                    tracked: Any = row
                    tracked._history_user = by
                    row.delete()
            elif row is None:
                save_with_history(instance=ReportCheckFactor(field=name, factor=factor), by=by)
            elif row.factor != factor:
                row.factor = factor
                save_with_history(instance=row, by=by)
