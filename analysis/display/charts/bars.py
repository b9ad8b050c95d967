"""Bar charts: horizontal bars with optional targets, and stacked columns."""

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
    uid = chart_id("hbar", title, list(labels), [str(v) for v in values], [str(t) for t in (targets or [])])
    targets = list(targets) if targets else [None] * len(labels)
    label_width, row, top_pad = 260, 28, 28
    plot_left, plot_right = label_width + 10, width - 70
    height = top_pad + row * len(labels) + 28
    top, ticks = round_axis(max([float(v) for v in [*values, *targets] if v is not None] or [1]))
    scale = (plot_right - plot_left) / top
    body = []
    for tick in ticks:
        x = plot_left + tick * scale
        body.append(f'<line x1="{x:.1f}" y1="{top_pad - 6}" x2="{x:.1f}" y2="{height - 24}" stroke="{GRID}"/>')
        body.append(svg_text(x, height - 8, tick_label(tick), anchor="middle", size=11, fill=MUTED))
    for i, (label, value, target) in enumerate(zip(labels, values, targets, strict=True)):
        y = top_pad + i * row
        body.append(svg_text(label_width, y + 15, shorten(label, 36), anchor="end"))
        colour = colours[i] if colours else PALETTE[0]
        if value is None:
            body.append(svg_text(plot_left + 4, y + 15, _("geen gegevens"), fill=MUTED, size=11))
        else:
            bar = max(float(value) * scale, 1.5)
            body.append(f'<rect x="{plot_left}" y="{y + 4}" width="{bar:.1f}" height="{row - 10}" fill="{colour}"/>')
            body.append(svg_text(plot_left + bar + 4, y + 15, f"{fmt(value, decimals)}{unit}", size=11))
        if target is not None:
            x = plot_left + float(target) * scale
            body.append(
                f'<line x1="{x:.1f}" y1="{y + 1}" x2="{x:.1f}" y2="{y + row - 3}" stroke="{TEXT}" stroke-width="2.5"/>'
            )
    if any(t is not None for t in targets):
        body.append(
            f'<line x1="{plot_left}" y1="12" x2="{plot_left + 14}" y2="12" stroke="{TEXT}" stroke-width="2.5"/>'
        )
        body.append(svg_text(plot_left + 20, 16, target_header, size=11))
    headers = ["", value_header] + ([target_header] if any(t is not None for t in targets) else [])
    rows = [
        [label, fmt(value, decimals)] + ([fmt(target, decimals)] if len(headers) == 3 else [])
        for label, value, target in zip(labels, values, targets, strict=True)
    ]
    return Chart(
        title,
        description,
        svg_document(uid, width, height, title, description, body),
        Table(title, headers, rows),
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
    uid = chart_id("stack", title, list(categories), [(n, [str(v) for v in vs]) for n, vs in series])
    left, right, top_pad, bottom = 84, 16, 24, 56 + 18 * ((len(series) + 2) // 2)
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    totals = [sum(float(vs[i]) for _n, vs in series) for i in range(len(categories))]
    refs = list(reference) if reference else [None] * len(categories)
    top, ticks = round_axis(max([*totals, *[float(r) for r in refs if r is not None], 1]))
    slot = plot_w / max(len(categories), 1)
    bar_w = min(64, slot * 0.6)
    body = []
    for tick in ticks:
        y = top_pad + plot_h - tick / top * plot_h
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{GRID}"/>')
        body.append(svg_text(left - 6, y + 4, f"{unit_prefix}{fmt(tick)}", anchor="end", size=11, fill=MUTED))
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
            svg_text(left + i * slot + slot / 2, top_pad + plot_h + 16, shorten(category, 18), anchor="middle", size=11)
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
        body.append(svg_text(x + 18, y + 1, name, size=11))
    headers = ["", *[name for name, _vs in series]] + ([reference_label] if reference else [])
    rows = [
        [category, *[f"{unit_prefix}{fmt(vs[i])}" for _n, vs in series]]
        + ([f"{unit_prefix}{fmt(refs[i])}" if refs[i] is not None else "-"] if reference else [])
        for i, category in enumerate(categories)
    ]
    return Chart(
        title,
        description,
        svg_document(uid, width, height, title, description, body),
        Table(title, headers, rows),
        width,
        height,
        legend,
    )
