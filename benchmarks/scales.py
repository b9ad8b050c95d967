"""Growth curves (``--scales 1,3,10``): the same cases at several data sizes, and how they grow.

Each scale has a database of its own next to the benchmark's: scale 1 is ``veerkracht_bench``,
scale 3 ``veerkracht_x3_bench``, and so on, so a size once built is reused.

Targets (issue 14): from the smallest to the largest scale the KPI page and the API lists at
most double their median, with the same number of queries; the annual analysis stays within
15 s at every scale; the map page's p95 is at most 80 ms at 1x.
"""

from benchmarks.database import SUFFIX

GROWTH_LIMIT = 2.0
ANNUAL_LIMIT_SECONDS = 15.0
MAP_P95_MS = 80.0


def parse_scales(text: str) -> list[float]:
    scales = sorted({float(part) for part in text.split(",") if part.strip()})
    if not scales or any(scale <= 0 for scale in scales):
        raise ValueError(f"--scales wants positive numbers separated by commas, got {text!r}")
    return scales


def database_name(base: str, scale: float) -> str:
    """``veerkracht_bench`` at 1x, ``veerkracht_x3_bench`` at 3x (``x0-5`` for 0.5)."""
    stem = base.removesuffix(SUFFIX)
    if scale == 1:
        return stem + SUFFIX
    return f"{stem}_x{format(scale, 'g').replace('.', '-')}{SUFFIX}"


# Reported at every scale but not judged on growth: a page of reports with every item of each report
# holds more the more interventions a municipality runs (20 reports, 400 items at 1x, 2,900 at 10x).
GROWS_WITH_ITS_CONTENT = {"API reports, with items"}


def grows(label: str) -> bool:
    """The cases the growth target is about: the KPI page and the API lists of a fixed page size."""
    return label.startswith(("KPI page", "API ")) and label not in GROWS_WITH_ITS_CONTENT


def _x(scale: float) -> str:
    return f"{scale:g}x"


def growth_table(by_scale: dict, annual: dict) -> str:
    """Per case: median, p95 and queries at each scale, and the ratio of the largest scale's median to the smallest's.

    ``by_scale``: scale -> list of results (label, median_ms, p95_ms, queries);
    ``annual``: scale -> seconds of the annual analysis (None when not made).
    """
    scales = sorted(by_scale)
    first, last = scales[0], scales[-1]
    labels = [r.label for r in by_scale[first]]
    found = {scale: {r.label: r for r in results} for scale, results in by_scale.items()}
    head = f"{'case':36}" + "".join(f" {_x(s) + ' median':>12} {'p95':>8} {'q':>4}" for s in scales)
    head += f" {_x(last) + '/' + _x(first):>9}"
    lines = [head, "-" * len(head)]
    for label in labels:
        cells = []
        for scale in scales:
            r = found[scale].get(label)
            cells.append(
                f" {r.median_ms:10.1f}ms {r.p95_ms:6.1f}ms {r.queries:4d}" if r else f" {'-':>12} {'':8} {'':4}"
            )
        ratio = _ratio(found[first].get(label), found[last].get(label))
        lines.append(f"{label:36}" + "".join(cells) + (f" {ratio:8.2f}x" if ratio is not None else f" {'-':>9}"))
    if any(seconds is not None for seconds in annual.values()):
        cells = "".join(
            f" {annual[s]:11.2f}s {'':8} {'':4}" if annual.get(s) is not None else f" {'-':>12} {'':8} {'':4}"
            for s in scales
        )
        lines.append(f"{'Annual analysis (whole PDF)':36}" + cells)
    return "\n".join(lines)


def _ratio(small, large) -> float | None:
    if small is None or large is None or not small.median_ms:
        return None
    return large.median_ms / small.median_ms


def growth_targets(by_scale: dict, annual: dict) -> list[tuple[str, bool]]:
    """(line, met) for each target."""
    scales = sorted(by_scale)
    first, last = scales[0], scales[-1]
    found = {scale: {r.label: r for r in results} for scale, results in by_scale.items()}
    lines = []
    if last > first:
        for label in [r.label for r in by_scale[first] if grows(r.label)]:
            small, large = found[first].get(label), found[last].get(label)
            if small is None or large is None:
                continue
            ratio = _ratio(small, large)
            same = small.queries == large.queries
            lines.append(
                (
                    f"{label}: {_x(last)}/{_x(first)} median {ratio:.2f}x (<= {GROWTH_LIMIT:g}x), "
                    f"queries {small.queries} -> {large.queries} (the same)",
                    ratio is not None and ratio <= GROWTH_LIMIT and same,
                )
            )
    for scale in scales:
        if annual.get(scale) is not None:
            lines.append(
                (
                    f"Annual analysis at {_x(scale)}: {annual[scale]:.1f} s (<= {ANNUAL_LIMIT_SECONDS:g} s)",
                    annual[scale] <= ANNUAL_LIMIT_SECONDS,
                )
            )
    if 1.0 in found:
        for label, r in found[1.0].items():
            if label.startswith("Map"):
                lines.append((f"{label} at 1x: p95 {r.p95_ms:.1f} ms (<= {MAP_P95_MS:g} ms)", r.p95_ms <= MAP_P95_MS))
    return lines


def verdicts(lines: list[tuple[str, bool]]) -> str:
    return "\n".join(f"  {'met   ' if met else 'MISSED'}  {line}" for line, met in lines)
