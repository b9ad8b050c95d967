"""The choropleth map of the municipalities, and the class breaks it is coloured by."""

import json
import math
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from analysis.display.charts.svg import (
    MUTED,
    NO_VALUE,
    PALETTE,
    SEQUENTIAL,
    Chart,
    Number,
    Table,
    chart_id,
    svg_document,
    svg_text,
)
from analysis.display.format import fmt

GEOJSON = Path(__file__).resolve().parents[3] / "municipalities" / "data" / "gemeenten_2026.geojson"
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
    key = chart_id("choropleth", arguments, get_language())
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
    uid = chart_id("map", title, sorted((k, str(v)) for k, v in values.items()))
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
        body.append(svg_text(30, y + i * 20 + 12, label, size=12))
    body.append(svg_text(width - 4, total_h - 6, MAP_ATTRIBUTION, anchor="end", size=9, fill=MUTED))
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
        title,
        description,
        svg_document(uid, int(width), total_h, title, description, body),
        table,
        int(width),
        total_h,
        legend,
    )
