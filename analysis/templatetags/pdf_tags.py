"""Template helpers for the PDFs: shading of matrix cells, frozen names in the document's language."""

from django import template

from analysis.display import format

register = template.Library()

# Shares of the largest cell at or above which a cell gets the next shade (see .heat-N in
# static/css/pdf.css): the matrix reads the same for 40 interventions as for 1,000.
HEAT_SHARES = (0.25, 0.5, 0.75)


@register.filter
def heat(count, largest=None) -> str:
    """The shade class of a count in the portfolio matrix: heat-0 for none, heat-1 to heat-4 by its share of the
    largest count."""
    value = int(count or 0)
    if value <= 0:
        return "heat-0"
    top = max(int(largest or 0), value)
    return f"heat-{1 + sum(1 for share in HEAT_SHARES if value >= share * top)}"


@register.filter
def largest_count(matrix) -> int:
    """The largest cell of a portfolio matrix: rows of (label, counts, total)."""
    return max((max(counts, default=0) for _label, counts, _total in matrix), default=0)


@register.filter
def local_name(item: dict) -> str:
    return format.local_name(item)


@register.inclusion_tag("analysis/annual/_conclusion.html", takes_context=True)
def chapter_conclusion(context, key: str) -> dict:
    """The programme's conclusion at the end of the chapter with this id, from the frozen texts (or nothing)."""
    texts = context.get("texts") or {}
    return {"conclusion": (texts.get("conclusions") or {}).get(key), "key": key}


@register.filter
def answer_for(advice: dict, texts: dict | None):
    """The answer written in this version to a piece of the board's advice (frozen Markdown and HTML), or None."""
    return ((texts or {}).get("advice_answers") or {}).get(str(advice.get("id")))


@register.filter
def markdown_html(text: str) -> str:
    """Markdown as the clean HTML the analysis shows (already sanitised by nh3; mark it safe where it is shown)."""
    from analysis.texts import to_html

    return to_html(text or "")
