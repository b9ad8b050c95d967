"""Template helpers for the dashboards: a change as an arrow with words, figures the Dutch way."""

import datetime
from decimal import Decimal

from django import template

from analysis.comparison import Change
from analysis.display import format

register = template.Library()


@register.inclusion_tag("analysis/dashboards/_change.html")
def change(change: Change | None) -> dict:
    """An arrow and the signed delta for the eye, the change in words for screen readers."""
    return {"change": change}


@register.filter
def dashboard_title(dashboard) -> str:
    return format.dashboard_title(dashboard) if dashboard else ""


@register.filter
def figure(value, unit: str = "count") -> str:
    """A number with Dutch separators; unit 'euro' adds the euro sign, 'percent' a percent sign."""
    return format.format_figure(format.number(value), unit)


@register.filter
def short_hash(value: str) -> str:
    return value[:12] if value else ""


@register.filter
def status_name(code: str) -> str:
    """The label of a KPI status code."""
    return format.status_label(code)


@register.filter
def share(value) -> str:
    """A share (0.85) as a percentage (85%)."""
    number = format.number(value)
    return format.format_figure(Decimal(round(number * 100)) if number is not None else None, format.UNIT_PERCENT)


@register.filter
def to_date(value: str):
    """A frozen ISO date as a date, so the date filter can show it the Dutch way."""
    return datetime.date.fromisoformat(value) if value else None
