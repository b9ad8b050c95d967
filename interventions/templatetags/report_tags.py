"""Formatting for report pages: euros, periods, states and people, the same on every page."""

from decimal import Decimal

from django import template
from django.utils import formats

from interventions.selectors.report_checks import field_label, format_factor
from interventions.selectors.reports import STATUS_LABELS, period_label

register = template.Library()


@register.filter
def euro(amount) -> str:
    """€ 1.234 for whole euros, € 1.234,50 otherwise (English: € 1,234.50)."""
    if amount is None or amount == "":
        return "—"
    value = Decimal(amount)
    places = 0 if value == value.to_integral_value() else 2
    return "€\u00a0" + formats.number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


@register.filter
def period(period) -> str:
    return period_label(period) if period else ""


@register.filter
def status_label(code: str) -> str:
    return str(STATUS_LABELS.get(code, code))


@register.filter
def person(user) -> str:
    if not user:
        return "—"
    return user.get_full_name() or user.get_username()


@register.filter
def figure(value, field: str) -> str:
    """A checked figure of a report item: euros for spending, a whole number of people otherwise."""
    if value is None or value == "":
        return "—"
    if field == "spending":
        return euro(value)
    return formats.number_format(Decimal(value), decimal_pos=0, use_l10n=True, force_grouping=True)


@register.filter
def check_field_label(name: str) -> str:
    return field_label(name)


@register.filter
def factor(value) -> str:
    """A factor as people write it: 5, 2,5 (English: 2.5)."""
    return "—" if value is None or value == "" else format_factor(Decimal(value))


@register.filter
def thread_for(threads, intervention_id) -> list:
    """The comments at one intervention's row: ``threads|thread_for:item.intervention_id``."""
    return threads.for_row(intervention_id) if threads else []
