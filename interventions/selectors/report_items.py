"""Reads for the report items as a table: one row per intervention per report, for the item-level export.

Every row comes from reports the user may see (``reports_visible_to``), so a municipality only
ever gets its own items, whatever the filter asks for.
"""

from django.db.models import OuterRef, QuerySet, Subquery

from agenda.models import ProtectiveFactor
from core.access import User
from interventions.models import Report, ReportItem, ReportItemOutcome
from interventions.selectors.reports import reports_visible_to


def report_export_base(*, user: User) -> QuerySet[Report]:
    """The reports the item export filters (with ReportFilter), before any filter."""
    return reports_visible_to(user=user)


def rated_factors(*, reports: QuerySet[Report]) -> list[ProtectiveFactor]:
    """The protective factors an outcome of these reports' items is rated on, in a fixed order; one query."""
    used = ReportItemOutcome.objects.filter(item__report__in=reports.values("pk")).values("protective_factor")
    return list(ProtectiveFactor.objects.filter(pk__in=used).order_by("code"))


def factor_key(factor: ProtectiveFactor) -> str:
    return f"rating_{factor.pk}"


def report_item_rows(*, reports: QuerySet[Report], factors: list[ProtectiveFactor]) -> QuerySet[ReportItem]:
    """The items of these reports with their report, municipality, period, intervention and area, and per
    factor its rating as ``rating_<pk>`` (None where not rated): one query however many rows."""
    ratings = {
        factor_key(factor): Subquery(
            ReportItemOutcome.objects.filter(item=OuterRef("pk"), protective_factor=factor).values("rating")[:1]
        )
        for factor in factors
    }
    return (
        ReportItem.objects.filter(report__in=reports.values("pk"))
        .select_related("report__municipality", "report__period", "intervention", "focus_area")
        .annotate(**ratings)
        .order_by("-report__period__year", "-report__period__half", "report__municipality__name", "intervention__name")
    )
