"""What every chart shares: the colours, the chart and its table, and the SVG helpers.

Charts are server-rendered SVG, used by the web pages, the dashboards and the annual analysis PDF.

Hand-written SVG: about a tenth of a millisecond per chart, no JavaScript, real
text (so screen readers and PDF text extraction see the labels). Every chart has
a <title>, a <desc>, role="img", and the numbers behind it as a table
(``Chart.table``) for a text alternative. Element ids are prefixed per chart, so
several charts can sit inline on one page.

On web pages include ``chart.svg`` inline; in a PDF use ``chart.data_uri`` in an
<img>, which WeasyPrint renders faster and without duplicate-anchor warnings.
"""

import base64
import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

from analysis.display.format import fmt

FONT = "Fira Sans, Noto Sans, DejaVu Sans, sans-serif"
TEXT = "#1b1b1b"
GRID = "#cccccc"
MUTED = "#545454"

# Central-government blues first, then colours that stay apart for common colour blindness.
PALETTE = ["#01689b", "#e17000", "#39870c", "#a90061", "#154273", "#ffb612", "#42145f", "#8fcae7"]
STATUS_COLOURS = {
    "achieved": "#39870c",
    "on_track": "#01689b",
    "at_risk": "#e17000",
    "behind": "#d52b1e",
    "no_data": "#8a8a8a",
}
# Light to dark, for maps; the lightest still differs from "no value" grey.
SEQUENTIAL = ["#ddefff", "#a8d4f0", "#5fa8d3", "#01689b", "#154273"]
NO_VALUE = "#e6e6e6"

Number = int | float | Decimal


@dataclass(frozen=True)
class Table:
    """The numbers behind a chart: a caption, column headers and rows of cells."""

    caption: str
    headers: Sequence[str]
    rows: Sequence[Sequence[str]]


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    svg_markup: str
    table: Table
    width: int
    height: int
    legend: list[tuple[str, str]] = field(default_factory=list)

    @property
    def svg(self) -> SafeString:
        return mark_safe(self.svg_markup)  # noqa: S308 - every text in it went through escape()

    @property
    def data_uri(self) -> str:
        encoded = base64.b64encode(self.svg_markup.encode("utf-8")).decode("ascii")
        return f"data:image/svg+xml;base64,{encoded}"


def chart_id(*parts) -> str:
    digest = hashlib.sha1(json.dumps(parts, default=str, sort_keys=True).encode(), usedforsecurity=False)
    return "c" + digest.hexdigest()[:10]


def svg_document(uid: str, width: int, height: int, title: str, description: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="{uid}-t {uid}-d" class="chart" font-family="{FONT}" font-size="12">'
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(description)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def svg_text(
    x: float, y: float, text: str, *, anchor: str = "start", size: int = 12, weight: str = "normal", fill=TEXT
):
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" font-weight="{weight}" '
        f'fill="{fill}">{escape(text)}</text>'
    )


def round_axis(value: float, count: int = 4) -> tuple[float, list[float]]:
    """A round top for an axis at or above ``value``, and its ticks at round steps."""
    if value <= 0:
        return 1, [0, 0.5, 1]
    raw = value / count
    exponent = math.floor(math.log10(raw))
    step = next(m * 10**exponent for m in (1, 2, 5, 10) if m * 10**exponent >= raw)
    top = step * math.ceil(value / step - 1e-9)
    return top, [step * i for i in range(round(top / step) + 1)]


def tick_label(value: float) -> str:
    return fmt(value, 0 if float(value).is_integer() else 1)


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
