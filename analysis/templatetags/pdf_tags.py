"""Template helpers for the PDFs: shading of matrix cells, frozen names in the document's language."""

from django import template

from analysis import dashboards

register = template.Library()

# Counts at or above each bound get the next shade (see .heat-N in static/css/pdf.css).
HEAT_BOUNDS = (1, 3, 6, 10)


@register.filter
def heat(count) -> str:
    """The shade class of a count in the portfolio matrix: heat-0 for none up to heat-4."""
    value = int(count or 0)
    return f"heat-{sum(1 for bound in HEAT_BOUNDS if value >= bound)}"


@register.filter
def local_name(item: dict) -> str:
    return dashboards.local_name(item)
