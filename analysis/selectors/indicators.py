"""Reads of the society indicators: the register with its national figures, one indicator, the imports.

Each returns a queryset shaped for its page, so the number of queries does not grow with
the rows shown.
"""

from django.db.models import Count, Prefetch, QuerySet

from analysis.indicator_models import Indicator, IndicatorImport, IndicatorValue


def indicator_list() -> QuerySet[Indicator]:
    """Every indicator, with its level, topic and national figures (oldest first) in one prefetch."""
    national = IndicatorValue.objects.filter(breakdown="").order_by("period_end")
    return (
        Indicator.objects.select_related("level", "phenomenon", "protective_factor")
        .prefetch_related(Prefetch("values", queryset=national, to_attr="national_values"))
        .annotate(value_count=Count("values"))
        .order_by("level__order", "order", "code")
    )


def indicator_get(*, code: str) -> Indicator | None:
    return Indicator.objects.select_related("level", "phenomenon", "protective_factor").filter(code=code).first()


def indicator_values(*, indicator: Indicator) -> QuerySet[IndicatorValue]:
    """All figures of an indicator, national ones first, with the import and the person they came from."""
    return (
        IndicatorValue.objects.filter(indicator=indicator)
        .select_related("source_import", "recorded_by")
        .order_by("breakdown", "period_end")
    )


def import_list(*, indicator: Indicator | None = None) -> QuerySet[IndicatorImport]:
    imports = IndicatorImport.objects.select_related("indicator", "uploaded_by", "applied_by").defer("content")
    if indicator is not None:
        imports = imports.filter(indicator=indicator)
    return imports.order_by("-uploaded_at", "-pk")


def import_visible() -> QuerySet[IndicatorImport]:
    return IndicatorImport.objects.select_related("indicator", "uploaded_by", "applied_by")
