"""Server-rendered SVG charts, used by the web pages, the dashboards and the annual analysis PDF.

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
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from html import escape
from pathlib import Path

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

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


def fmt(value: Number | None, decimals: int = 0) -> str:
    """A number the Dutch (or English) way, with thousands separators; '-' for no value."""
    if value is None:
        return "-"
    return number_format(round(float(value), decimals), decimal_pos=decimals, force_grouping=True)


def _uid(*parts) -> str:
    digest = hashlib.sha1(json.dumps(parts, default=str, sort_keys=True).encode(), usedforsecurity=False)
    return "c" + digest.hexdigest()[:10]


def _svg(uid: str, width: int, height: int, title: str, description: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="{uid}-t {uid}-d" class="chart" font-family="{FONT}" font-size="12">'
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(description)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def _text(x: float, y: float, text: str, *, anchor: str = "start", size: int = 12, weight: str = "normal", fill=TEXT):
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" font-weight="{weight}" '
        f'fill="{fill}">{escape(text)}</text>'
    )


def _axis(value: float, count: int = 4) -> tuple[float, list[float]]:
    """A round top for an axis at or above ``value``, and its ticks at round steps."""
    if value <= 0:
        return 1, [0, 0.5, 1]
    raw = value / count
    exponent = math.floor(math.log10(raw))
    step = next(m * 10**exponent for m in (1, 2, 5, 10) if m * 10**exponent >= raw)
    top = step * math.ceil(value / step - 1e-9)
    return top, [step * i for i in range(round(top / step) + 1)]


def _tick(value: float) -> str:
    return fmt(value, 0 if float(value).is_integer() else 1)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------------------


def horizontal_bars(
    *,
    title: str,
    description: str,
    labels: Sequence[str],
    values: Sequence[Number | None],
    targets: Sequence[Number | None] | None = None,
    colours: Sequence[str] | None = None,
    value_header: str | None = None,
    target_header: str | None = None,
    unit: str = "",
    width: int = 640,
    decimals: int = 0,
) -> Chart:
    """One bar per label, with an optional target mark per bar (e.g. KPI actual against target)."""
    value_header = value_header or _("Waarde")
    target_header = target_header or _("Streefwaarde")
    uid = _uid("hbar", title, list(labels), [str(v) for v in values], [str(t) for t in (targets or [])])
    targets = list(targets) if targets else [None] * len(labels)
    label_width, row, top_pad = 260, 28, 28
    plot_left, plot_right = label_width + 10, width - 70
    height = top_pad + row * len(labels) + 28
    top, ticks = _axis(max([float(v) for v in [*values, *targets] if v is not None] or [1]))
    scale = (plot_right - plot_left) / top
    body = []
    for tick in ticks:
        x = plot_left + tick * scale
        body.append(f'<line x1="{x:.1f}" y1="{top_pad - 6}" x2="{x:.1f}" y2="{height - 24}" stroke="{GRID}"/>')
        body.append(_text(x, height - 8, _tick(tick), anchor="middle", size=11, fill=MUTED))
    for i, (label, value, target) in enumerate(zip(labels, values, targets, strict=True)):
        y = top_pad + i * row
        body.append(_text(label_width, y + 15, _shorten(label, 36), anchor="end"))
        colour = colours[i] if colours else PALETTE[0]
        if value is None:
            body.append(_text(plot_left + 4, y + 15, _("geen gegevens"), fill=MUTED, size=11))
        else:
            bar = max(float(value) * scale, 1.5)
            body.append(f'<rect x="{plot_left}" y="{y + 4}" width="{bar:.1f}" height="{row - 10}" fill="{colour}"/>')
            body.append(_text(plot_left + bar + 4, y + 15, f"{fmt(value, decimals)}{unit}", size=11))
        if target is not None:
            x = plot_left + float(target) * scale
            body.append(
                f'<line x1="{x:.1f}" y1="{y + 1}" x2="{x:.1f}" y2="{y + row - 3}" stroke="{TEXT}" stroke-width="2.5"/>'
            )
    if any(t is not None for t in targets):
        body.append(
            f'<line x1="{plot_left}" y1="12" x2="{plot_left + 14}" y2="12" stroke="{TEXT}" stroke-width="2.5"/>'
        )
        body.append(_text(plot_left + 20, 16, target_header, size=11))
    headers = ["", value_header] + ([target_header] if any(t is not None for t in targets) else [])
    rows = [
        [label, fmt(value, decimals)] + ([fmt(target, decimals)] if len(headers) == 3 else [])
        for label, value, target in zip(labels, values, targets, strict=True)
    ]
    return Chart(
        title,
        description,
        _svg(uid, width, height, title, description, body),
        Table(title, headers, rows),
        width,
        height,
    )


def line_chart(
    *,
    title: str,
    description: str,
    x_labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[Number | None]]],
    target: Number | None = None,
    target_label: str | None = None,
    width: int = 640,
    height: int = 260,
    decimals: int = 0,
) -> Chart:
    """Lines over time (e.g. a KPI's actual per half-year), with an optional horizontal target line."""
    target_label = target_label or _("Streefwaarde")
    uid = _uid("line", title, list(x_labels), [(n, [str(v) for v in vs]) for n, vs in series], str(target))
    left, right, top_pad, bottom = 48, 32, 24, 40 + 18 * ((len(series) + 1) // 2)
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    numbers = [float(v) for _name, vs in series for v in vs if v is not None]
    top, ticks = _axis(max([*numbers, float(target or 0), 1]))
    step = plot_w / max(len(x_labels) - 1, 1)
    body = []
    for tick in ticks:
        y = top_pad + plot_h - tick / top * plot_h
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{GRID}"/>')
        body.append(_text(left - 6, y + 4, _tick(tick), anchor="end", size=11, fill=MUTED))
    for i, label in enumerate(x_labels):
        x = left + i * step
        body.append(_text(x, top_pad + plot_h + 16, label, anchor="middle", size=11, fill=MUTED))
    if target is not None:
        y = top_pad + plot_h - float(target) / top * plot_h
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{TEXT}" '
            f'stroke-width="1.5" stroke-dasharray="6 4"/>'
        )
        body.append(_text(width - right, y - 5, f"{target_label} {fmt(target, decimals)}", anchor="end", size=11))
    legend = []
    for index, (name, vs) in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        points = [
            (left + i * step, top_pad + plot_h - float(v) / top * plot_h) for i, v in enumerate(vs) if v is not None
        ]
        # A missing value breaks the line: no line is drawn through a half-year without data.
        segments: list[list[tuple[float, float]]] = [[]]
        for i, v in enumerate(vs):
            if v is None:
                segments.append([])
            else:
                segments[-1].append((left + i * step, top_pad + plot_h - float(v) / top * plot_h))
        for segment in segments:
            if len(segment) > 1:
                path = " ".join(f"{x:.1f},{y:.1f}" for x, y in segment)
                body.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"/>')
        for x, y in points:
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>')
        legend.append((name, colour))
    y0 = height - 18 * ((len(series) + 1) // 2) - 4
    for index, (name, colour) in enumerate(legend):
        x, y = left + (index % 2) * (plot_w / 2), y0 + (index // 2) * 18
        body.append(f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="12" height="12" fill="{colour}"/>')
        body.append(_text(x + 18, y + 1, _shorten(name, 40), size=11))
    rows = [[label, *[fmt(vs[i], decimals) for _name, vs in series]] for i, label in enumerate(x_labels)]
    table = Table(title, ["", *[name for name, _vs in series]], rows)
    return Chart(title, description, _svg(uid, width, height, title, description, body), table, width, height, legend)


def sparkline(
    *, title: str, description: str, x_labels: Sequence[str], values: Sequence[Number | None], target: Number | None
) -> Chart:
    """A small trend line for a table cell: values over half-years with the target as a dashed line."""
    uid = _uid("spark", title, list(x_labels), [str(v) for v in values], str(target))
    width, height, pad = 132, 36, 4
    numbers = [float(v) for v in values if v is not None]
    top = max([*numbers, float(target or 0), 1])
    step = (width - 2 * pad) / max(len(values) - 1, 1)
    body = []
    if target is not None:
        y = height - pad - float(target) / top * (height - 2 * pad)
        body.append(
            f'<line x1="{pad}" y1="{y:.1f}" x2="{width - pad}" y2="{y:.1f}" stroke="{MUTED}" stroke-dasharray="3 3"/>'
        )
    points = [
        (pad + i * step, height - pad - float(v) / top * (height - 2 * pad))
        for i, v in enumerate(values)
        if v is not None
    ]
    # As in line_chart: no line through a half-year without data.
    segments: list[list[tuple[float, float]]] = [[]]
    for i, v in enumerate(values):
        if v is None:
            segments.append([])
        else:
            segments[-1].append((pad + i * step, height - pad - float(v) / top * (height - 2 * pad)))
    for segment in segments:
        if len(segment) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in segment)
            body.append(f'<polyline points="{path}" fill="none" stroke="{PALETTE[0]}" stroke-width="2"/>')
        elif len(segment) == 1 and segment[0] != points[-1]:
            x, y = segment[0]
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2" fill="{PALETTE[0]}"/>')
    if points:
        x, y = points[-1]
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{PALETTE[0]}"/>')
    rows = [
        [label, fmt(value, 2 if value is not None and float(value) % 1 else 0)]
        for label, value in zip(x_labels, values, strict=True)
    ]
    return Chart(
        title,
        description,
        _svg(uid, width, height, title, description, body),
        Table(title, ["", ""], rows),
        width,
        height,
    )


def stacked_bars(
    *,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[Number]]],
    reference: Sequence[Number | None] | None = None,
    reference_label: str | None = None,
    width: int = 640,
    height: int = 300,
    unit_prefix: str = "€ ",
) -> Chart:
    """Vertical stacked bars per category (e.g. spent and committed per action line), with an
    optional reference mark per bar (e.g. the planned budget)."""
    reference_label = reference_label or _("Begroot")
    uid = _uid("stack", title, list(categories), [(n, [str(v) for v in vs]) for n, vs in series])
    left, right, top_pad, bottom = 84, 16, 24, 56 + 18 * ((len(series) + 2) // 2)
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    totals = [sum(float(vs[i]) for _n, vs in series) for i in range(len(categories))]
    refs = list(reference) if reference else [None] * len(categories)
    top, ticks = _axis(max([*totals, *[float(r) for r in refs if r is not None], 1]))
    slot = plot_w / max(len(categories), 1)
    bar_w = min(64, slot * 0.6)
    body = []
    for tick in ticks:
        y = top_pad + plot_h - tick / top * plot_h
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{GRID}"/>')
        body.append(_text(left - 6, y + 4, f"{unit_prefix}{fmt(tick)}", anchor="end", size=11, fill=MUTED))
    for i, category in enumerate(categories):
        x = left + i * slot + (slot - bar_w) / 2
        base = top_pad + plot_h
        for index, (_name, vs) in enumerate(series):
            h = float(vs[i]) / top * plot_h
            if h > 0:
                base -= h
                body.append(
                    f'<rect x="{x:.1f}" y="{base:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                    f'fill="{PALETTE[index % len(PALETTE)]}" stroke="#ffffff" stroke-width="0.5"/>'
                )
        if refs[i] is not None:
            y = top_pad + plot_h - float(refs[i]) / top * plot_h
            body.append(
                f'<line x1="{x - 6:.1f}" y1="{y:.1f}" x2="{x + bar_w + 6:.1f}" y2="{y:.1f}" '
                f'stroke="{TEXT}" stroke-width="2.5"/>'
            )
        body.append(
            _text(left + i * slot + slot / 2, top_pad + plot_h + 16, _shorten(category, 18), anchor="middle", size=11)
        )
    legend = [(name, PALETTE[index % len(PALETTE)]) for index, (name, _vs) in enumerate(series)]
    y0 = height - 18 * ((len(series) + 2) // 2) - 4
    entries = [(name, colour, "rect") for name, colour in legend]
    if reference:
        entries.append((reference_label, TEXT, "line"))
    for index, (name, colour, shape) in enumerate(entries):
        x, y = left + (index % 2) * (plot_w / 2), y0 + (index // 2) * 18
        if shape == "rect":
            body.append(f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="12" height="12" fill="{colour}"/>')
        else:
            body.append(
                f'<line x1="{x:.1f}" y1="{y - 3:.1f}" x2="{x + 12:.1f}" y2="{y - 3:.1f}" '
                f'stroke="{colour}" stroke-width="2.5"/>'
            )
        body.append(_text(x + 18, y + 1, name, size=11))
    headers = ["", *[name for name, _vs in series]] + ([reference_label] if reference else [])
    rows = [
        [category, *[f"{unit_prefix}{fmt(vs[i])}" for _n, vs in series]]
        + ([f"{unit_prefix}{fmt(refs[i])}" if refs[i] is not None else "-"] if reference else [])
        for i, category in enumerate(categories)
    ]
    return Chart(
        title,
        description,
        _svg(uid, width, height, title, description, body),
        Table(title, headers, rows),
        width,
        height,
        legend,
    )


# ---------------------------------------------------------------------------
# Map of the municipalities


GEOJSON = Path(__file__).resolve().parent.parent / "municipalities" / "data" / "gemeenten_2026.geojson"
MAP_ATTRIBUTION = "Gemeente- en provinciegrenzen 2026: © CBS, via PDOK (CC BY); vereenvoudigd door cartomap/nl"


@lru_cache(maxsize=1)
def _municipality_paths() -> tuple[dict[str, str], dict[str, str], tuple[float, float]]:
    """SVG path data per CBS code, projected once per process: ({code: path}, {code: name}, (width, height))."""
    data = json.loads(GEOJSON.read_text(encoding="utf-8"))
    lat0 = math.radians(52.2)
    kx = math.cos(lat0)  # equirectangular with the right aspect at Dutch latitudes
    rings_by_code: dict[str, list[list[tuple[float, float]]]] = {}
    names = {}
    for feature in data["features"]:
        code = feature["properties"]["cbs_code"]
        names[code] = feature["properties"]["name"]
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        rings_by_code[code] = [[(lon * kx, -lat) for lon, lat in ring] for polygon in polygons for ring in polygon]
    xs = [x for rings in rings_by_code.values() for ring in rings for x, _y in ring]
    ys = [y for rings in rings_by_code.values() for ring in rings for _x, y in ring]
    min_x, min_y = min(xs), min(ys)
    width = 560.0
    scale = width / (max(xs) - min_x)
    height = (max(ys) - min_y) * scale
    paths = {}
    for code, rings in rings_by_code.items():
        parts = []
        for ring in rings:
            points = " ".join(f"{(x - min_x) * scale:.1f},{(y - min_y) * scale:.1f}" for x, y in ring)
            parts.append(f"M{points}Z")
        paths[code] = "".join(parts)
    return paths, names, (width, height)


@dataclass(frozen=True)
class MapClass:
    label: str
    colour: str


def nice_breaks(values: Sequence[Number], classes: int = 4) -> list[Number]:
    """Round lower bounds that split positive values into about ``classes`` groups of similar size."""
    numbers = sorted(float(v) for v in values if v is not None and float(v) > 0)
    if not numbers:
        return []
    bounds: list[Number] = []
    for i in range(1, classes):
        raw = numbers[min(len(numbers) - 1, len(numbers) * i // classes)]
        magnitude = 10 ** max(math.floor(math.log10(raw)) - 1, 0)
        bound = int(math.ceil(raw / magnitude) * magnitude)
        if bound > numbers[0] and (not bounds or bound > bounds[-1]):
            bounds.append(bound)
    return bounds


# Charts built from the same data are the same chart: keep the latest ones, keyed by a hash
# of everything that shapes them (the language too, as legends are translated).
_CHART_CACHE: OrderedDict[str, Chart] = OrderedDict()
_CHART_CACHE_SIZE = 32


def _cached(key: str, build) -> Chart:
    chart = _CHART_CACHE.get(key)
    if chart is None:
        chart = build()
        _CHART_CACHE[key] = chart
        while len(_CHART_CACHE) > _CHART_CACHE_SIZE:
            _CHART_CACHE.popitem(last=False)
    else:
        _CHART_CACHE.move_to_end(key)
    return chart


def choropleth(
    *,
    title: str,
    description: str,
    values: dict[str, Number | str | None],
    classes: Sequence[tuple[str, str]] | None = None,
    value_header: str | None = None,
    breaks: Sequence[Number] | None = None,
    table_rows: Sequence[Sequence[str]] | None = None,
    table_headers: Sequence[str] | None = None,
    class_colours: Sequence[str] | None = None,
    no_value_label: str | None = None,
    tooltips: dict[str, str] | None = None,
    unit_prefix: str = "",
    legend_in_svg: bool = True,
) -> Chart:
    """A map of the 342 municipalities, shaded by value.

    ``values`` maps CBS codes to a number (shaded on the SEQUENTIAL scale using
    ``breaks``, the lower bounds of each class after the first) or to a class key
    in ``classes`` ([(key, label)], coloured in PALETTE order or by ``class_colours``).
    Municipalities without a value are light grey, labelled ``no_value_label`` in the
    legend. ``tooltips`` replaces a municipality's name as the text shown on hover.
    The table lists only municipalities with a value. A page that shows ``Chart.legend``
    as HTML next to the map passes ``legend_in_svg=False``.

    The map is cached by a hash of its arguments: the same data gives the same chart.
    """
    arguments = {
        "title": title,
        "description": description,
        "values": sorted((k, str(v)) for k, v in values.items()),
        "classes": [list(c) for c in classes or []],
        "value_header": value_header,
        "breaks": [str(b) for b in breaks or []],
        "table_rows": [list(r) for r in table_rows] if table_rows is not None else None,
        "table_headers": list(table_headers) if table_headers is not None else None,
        "class_colours": list(class_colours or []),
        "no_value_label": no_value_label,
        "tooltips": sorted((tooltips or {}).items()),
        "unit_prefix": unit_prefix,
        "legend_in_svg": legend_in_svg,
    }
    key = _uid("choropleth", arguments, get_language())
    return _cached(
        key,
        lambda: _choropleth(
            title=title,
            description=description,
            values=values,
            classes=classes,
            value_header=value_header,
            breaks=breaks,
            table_rows=table_rows,
            table_headers=table_headers,
            class_colours=class_colours,
            no_value_label=no_value_label,
            tooltips=tooltips,
            unit_prefix=unit_prefix,
            legend_in_svg=legend_in_svg,
        ),
    )


def _choropleth(
    *,
    title,
    description,
    values,
    classes,
    value_header,
    breaks,
    table_rows,
    table_headers,
    class_colours,
    no_value_label,
    tooltips,
    unit_prefix,
    legend_in_svg,
) -> Chart:
    paths, names, (width, height) = _municipality_paths()
    legend_h = 24 + 20 * ((len(classes) if classes else len(breaks or []) + 1) + 1) if legend_in_svg else 0
    total_h = int(height + legend_h + 24)
    uid = _uid("map", title, sorted((k, str(v)) for k, v in values.items()))
    legend: list[tuple[str, str]] = []
    if classes:
        colours = list(class_colours) if class_colours else PALETTE
        colour_of = {key: colours[i % len(colours)] for i, (key, _label) in enumerate(classes)}
        legend = [(label, colour_of[key]) for key, label in classes]

        def colour(value):
            return colour_of.get(value, NO_VALUE)
    else:
        bounds = list(breaks or [])

        def colour(value):
            if value is None:
                return NO_VALUE
            index = sum(1 for bound in bounds if float(value) >= float(bound))
            return SEQUENTIAL[min(index, len(SEQUENTIAL) - 1)]

        edges = [None, *bounds]
        for i, low in enumerate(edges):
            high = edges[i + 1] if i + 1 < len(edges) else None
            p = unit_prefix
            if low is None:
                label = f"< {p}{fmt(high)}" if high is not None else _("alle")
            elif high is None:
                label = f"≥ {p}{fmt(low)}"
            else:
                label = f"{p}{fmt(low)} – {p}{fmt(float(high) - 1) if float(high) == int(high) else fmt(high)}"
            legend.append((label, SEQUENTIAL[min(i, len(SEQUENTIAL) - 1)]))
    legend.append((no_value_label or _("geen gegevens"), NO_VALUE))
    hover = tooltips or {}
    body = ['<g stroke="#ffffff" stroke-width="0.4">']
    for code, path in paths.items():
        value = values.get(code)
        text = hover.get(code) or names[code]
        body.append(f'<path d="{path}" fill="{colour(value)}"><title>{escape(text)}</title></path>')
    body.append("</g>")
    y = height + 24
    for i, (label, fill) in enumerate(legend if legend_in_svg else []):
        body.append(
            f'<rect x="8" y="{y + i * 20:.1f}" width="14" height="14" fill="{fill}" '
            f'stroke="{MUTED}" stroke-width="0.5"/>'
        )
        body.append(_text(30, y + i * 20 + 12, label, size=12))
    body.append(_text(width - 4, total_h - 6, MAP_ATTRIBUTION, anchor="end", size=9, fill=MUTED))
    if table_rows is None:
        labels = dict(classes or [])
        table_rows = sorted(
            (
                [names.get(code, code), code, labels.get(value, value) if classes else f"{unit_prefix}{fmt(value)}"]
                for code, value in values.items()
                if value is not None
            ),
            key=lambda row: row[0],
        )
        table_headers = [_("Gemeente"), _("CBS-code"), value_header or _("Waarde")]
    table = Table(title, table_headers or [], table_rows)
    return Chart(
        title, description, _svg(uid, int(width), total_h, title, description, body), table, int(width), total_h, legend
    )
