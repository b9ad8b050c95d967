"""The annual analysis at national scale: generation time and the peak memory of the process that makes it.

``measure()`` asks for a new version of an analysis and runs the Celery task in a
fresh Python process, as a worker's pool process would (``python -m
benchmarks.annual <id>``). That process reports how long each stage took and its
peak resident memory, and then lays out a plain WeasyPrint document of the same
number of pages (text and tables, no charts), so the pages-per-second figure of
the analysis stands next to what WeasyPrint does with a plain document in the
same run.

Targets (issue: the annual analysis): the whole PDF in at most 15 s, at most
0.2 s per page, at most 600 MB peak memory.
"""

import datetime
import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

TARGET_SECONDS = 15.0
TARGET_SECONDS_PER_PAGE = 0.2
TARGET_PEAK_MB = 600.0
ROOT = Path(__file__).resolve().parent.parent


@dataclass
class AnalysisFigures:
    year: int
    pages: int
    seconds: float
    stages: dict[str, float]
    peak_mb: float
    plain_seconds: float
    status: str
    error: str = ""

    @property
    def seconds_per_page(self) -> float:
        return self.seconds / self.pages if self.pages else float("inf")

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    @property
    def plain_pages_per_second(self) -> float:
        return self.pages / self.plain_seconds if self.plain_seconds else 0.0

    @property
    def passed(self) -> bool:
        return (
            self.status == "done"
            and self.seconds <= TARGET_SECONDS
            and self.seconds_per_page <= TARGET_SECONDS_PER_PAGE
            and self.peak_mb <= TARGET_PEAK_MB
        )


def latest_year() -> int:
    """The last programme year that has ended, the year the analysis is usually made for."""
    from django.utils import timezone

    from agenda.models import Programme
    from analysis import annual

    programme = Programme.objects.order_by("starts_on").first()
    years = [y for y in annual.programme_years(programme) if y < timezone.localdate().year]
    return years[-1]


def measure(*, year: int | None = None, by=None) -> AnalysisFigures:
    """Queue a new version (not sent to any worker) and build it in a separate process."""
    from django.db.models import Max

    from agenda.models import Programme
    from analysis.models import AnnualAnalysis

    programme = Programme.objects.order_by("starts_on").first()
    year = year or latest_year()
    version = (AnnualAnalysis.objects.filter(programme=programme, year=year).aggregate(v=Max("version"))["v"] or 0) + 1
    analysis = AnnualAnalysis.objects.create(programme=programme, year=year, version=version, requested_by=by)
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks.annual", str(analysis.pk)],
        cwd=ROOT,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"the analysis process failed:\n{completed.stderr[-3000:]}")
    report = json.loads(completed.stdout.strip().splitlines()[-1])
    return AnalysisFigures(year=year, **report)


def table(figures: AnalysisFigures) -> str:
    def verdict(ok: bool) -> str:
        return "pass" if ok else "MISSED"

    rows = [
        (
            "Annual analysis: whole PDF",
            f"{figures.seconds:.2f} s",
            f"<= {TARGET_SECONDS:g} s",
            figures.seconds <= TARGET_SECONDS,
        ),
        (
            "Annual analysis: per page",
            f"{figures.seconds_per_page:.3f} s ({figures.pages} pages)",
            f"<= {TARGET_SECONDS_PER_PAGE:g} s",
            figures.seconds_per_page <= TARGET_SECONDS_PER_PAGE,
        ),
        (
            "Annual analysis: peak memory",
            f"{figures.peak_mb:.0f} MB",
            f"<= {TARGET_PEAK_MB:g} MB",
            figures.peak_mb <= TARGET_PEAK_MB,
        ),
    ]
    width = max(len(label) for label, *_ in rows)
    lines = [f"{label:<{width}}  {value:>24}  target {target:<10} {verdict(ok)}" for label, value, target, ok in rows]
    lines.append(
        f"{'Pages per second':<{width}}  {figures.pages_per_second:>22.1f}/s  "
        f"plain WeasyPrint document of {figures.pages} pages: {figures.plain_pages_per_second:.1f}/s "
        f"({figures.plain_seconds:.2f} s)"
    )
    stages = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in figures.stages.items())
    lines.append(f"{'Stages':<{width}}  {stages}")
    if figures.status != "done":
        lines.append(f"The analysis did not finish: {figures.status} {figures.error}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# The separate process


def _plain_document(pages: int) -> str:
    """About ``pages`` A4 pages of headings, paragraphs and tables, without charts."""
    paragraph = (
        "<p>Gemeenten werken met interventies aan de veerkracht en weerbaarheid van hun inwoners. "
        "Deze tekst vult een pagina zoals een gewoon rapport dat doet, met een tabel eronder.</p>"
    )
    rows = "".join(f"<tr><td>Regel {i}</td><td>{i * 37}</td><td>{i * 1234} euro</td></tr>" for i in range(18))
    page = f"<h2>Hoofdstuk</h2>{paragraph * 4}<table>{rows}</table>"
    return (
        "<html><head><style>@page { size: A4; margin: 20mm; @bottom-right { content: counter(page) } } "
        "body { font-family: 'DejaVu Sans'; font-size: 10pt } section { break-after: page } "
        "table { width: 100%; border-collapse: collapse } td { border-bottom: 0.2mm solid #ccc }</style></head><body>"
        + "".join(f"<section>{page}</section>" for _ in range(pages))
        + "</body></html>"
    )


def _child(analysis_id: int) -> None:
    import django

    django.setup()
    from analysis import pdf as pdf_module
    from analysis.models import AnnualAnalysis
    from analysis.services import rendering
    from analysis.tasks import generate_annual_analysis

    stages: dict[str, float] = {}
    clock = {"stage": None, "at": time.perf_counter()}
    set_stage = rendering.set_stage

    def timed_stage(job, stage, progress=-1):
        now = time.perf_counter()
        if clock["stage"]:
            stages[clock["stage"]] = round(now - clock["at"], 3)
        clock.update(stage=stage, at=now)
        return set_stage(job, stage, progress)

    rendering.set_stage = timed_stage
    started = time.perf_counter()
    generate_annual_analysis.apply(args=(analysis_id,))
    seconds = time.perf_counter() - started
    if clock["stage"]:
        stages[clock["stage"]] = round(time.perf_counter() - clock["at"], 3)
    analysis = AnnualAnalysis.objects.get(pk=analysis_id)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    pages = analysis.page_count or 0
    plain_started = time.perf_counter()
    pages_plain = 0
    if pages:
        created = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
        pages_plain = pdf_module.render_pdf(
            _plain_document(pages), title="plain", language="nl", created=created
        ).page_count
    plain_seconds = time.perf_counter() - plain_started
    print(
        json.dumps(
            {
                "pages": pages,
                "seconds": round(seconds, 3),
                "stages": stages,
                "peak_mb": round(peak_mb, 1),
                # Scaled to exactly the analysis's page count, in case the plain document came out a page off.
                "plain_seconds": round(plain_seconds * pages / pages_plain, 3) if pages_plain else 0.0,
                "status": analysis.status,
                "error": analysis.error,
            }
        )
    )


if __name__ == "__main__":
    _child(int(sys.argv[1]))
