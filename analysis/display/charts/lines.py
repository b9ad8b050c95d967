"""Line charts: a trend with its target, and the small sparkline of a KPI row."""

from collections.abc import Sequence

from django.utils.translation import gettext as _

from analysis.display.charts.svg import (
    GRID,
    MUTED,
    PALETTE,
    TEXT,
    Chart,
    Number,
    Table,
    chart_id,
    round_axis,
    shorten,
    svg_document,
    svg_text,
    tick_label,
)
from analysis.display.format import fmt


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
    uid = chart_id("line", title, list(x_labels), [(n, [str(v) for v in vs]) for n, vs in series], str(target))
    left, right, top_pad, bottom = 48, 32, 24, 40 + 18 * ((len(series) + 1) // 2)
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    numbers = [float(v) for _name, vs in series for v in vs if v is not None]
    top, ticks = round_axis(max([*numbers, float(target or 0), 1]))
    step = plot_w / max(len(x_labels) - 1, 1)
    body = []
    for tick in ticks:
        y = top_pad + plot_h - tick / top * plot_h
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{GRID}"/>')
        body.append(svg_text(left - 6, y + 4, tick_label(tick), anchor="end", size=11, fill=MUTED))
    for i, label in enumerate(x_labels):
        x = left + i * step
        body.append(svg_text(x, top_pad + plot_h + 16, label, anchor="middle", size=11, fill=MUTED))
    if target is not None:
        y = top_pad + plot_h - float(target) / top * plot_h
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{TEXT}" '
            f'stroke-width="1.5" stroke-dasharray="6 4"/>'
        )
        body.append(svg_text(width - right, y - 5, f"{target_label} {fmt(target, decimals)}", anchor="end", size=11))
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
        body.append(svg_text(x + 18, y + 1, shorten(name, 40), size=11))
    rows = [[label, *[fmt(vs[i], decimals) for _name, vs in series]] for i, label in enumerate(x_labels)]
    table = Table(title, ["", *[name for name, _vs in series]], rows)
    return Chart(
        title, description, svg_document(uid, width, height, title, description, body), table, width, height, legend
    )


def sparkline(
    *, title: str, description: str, x_labels: Sequence[str], values: Sequence[Number | None], target: Number | None
) -> Chart:
    """A small trend line for a table cell: values over half-years with the target as a dashed line."""
    uid = chart_id("spark", title, list(x_labels), [str(v) for v in values], str(target))
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
        svg_document(uid, width, height, title, description, body),
        Table(title, ["", ""], rows),
        width,
        height,
    )
