"""``python -m benchmarks``: national-scale data in a database of its own, then pages and API lists timed.

    DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:5432/veerkracht make bench
    BENCH_ARGS="--runs 50 --only kpi" make bench
    BENCH_ARGS="--scales 1,3,10" make bench

Options: --runs N (timed requests per case, default 30), --warmup N (default 3),
--scale S (data size, 1 = national scale), --scales 1,3,10 (growth curves: every case
at each size, each in a database of its own, and how the medians grow; see
benchmarks/scales.py), --fresh (drop and rebuild the benchmark database), --only TEXT
(cases whose name contains TEXT; "annual analysis" for the PDF alone). After the pages,
the annual analysis is made in a separate process and its time and peak memory are
reported (benchmarks/annual.py). The exit status is 1 when a target is missed.
"""

import argparse
import os
import sys
import time

from benchmarks.database import BenchmarkDatabaseError, benchmark_url, database_name, ensure_database, use


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--scales", default="", help="growth curves at these scales, e.g. 1,3,10")
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--only", default="")
    parser.add_argument("--database", default=None, help="name of the benchmark database (must end in _bench)")
    options = parser.parse_args(argv)

    from benchmarks import scales as growth

    try:
        scales = growth.parse_scales(options.scales) if options.scales else [options.scale]
        url = benchmark_url(os.environ.get("DATABASE_URL", ""), name=options.database)
        urls = {
            scale: benchmark_url(url, name=growth.database_name(database_name(url), scale)) if options.scales else url
            for scale in scales
        }
        created = {scale: ensure_database(target, fresh=options.fresh) for scale, target in urls.items()}
    except (BenchmarkDatabaseError, ValueError) as error:
        print(f"Benchmark not run: {error}", file=sys.stderr)
        return 2
    use(urls[scales[0]])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")

    import django

    django.setup()
    from django.conf import settings

    # collectstatic is not run for the benchmark; plain static storage gives the same pages.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    if settings.DEBUG:
        print("Warning: DEBUG is on; run through `make bench` for production-like figures.", file=sys.stderr)

    by_scale, annual_seconds, missed = {}, {}, []
    for scale in scales:
        switch(urls[scale])
        print(f"\n=== Scale {scale:g} - database {database_name(urls[scale])}{' (created)' if created[scale] else ''}")
        outcome = measure_one(scale, options)
        if outcome is None:
            return 2
        results, annual_figures, scale_missed = outcome
        by_scale[scale] = results
        annual_seconds[scale] = annual_figures.seconds if annual_figures else None
        # The per-page targets are for national scale: at other sizes the growth targets judge.
        if not options.scales or scale == 1:
            missed += [f"{label} ({scale:g}x)" if options.scales else label for label in scale_missed]
    if options.scales:
        text = growth.growth_table(by_scale, annual_seconds)
        lines = growth.growth_targets(by_scale, annual_seconds)
        print(f"\nGrowth from {scales[0]:g}x to {scales[-1]:g}x (medians and p95 in ms, q = queries)\n")
        print(text)
        print("\nTargets:")
        print(growth.verdicts(lines))
        path = write_growth(text, lines, scales)
        print(f"\nGrowth curves written to {path.relative_to(path.parents[2])}")
        missed += [line for line, met in lines if not met]
    if missed:
        print("Missed: " + "; ".join(missed), file=sys.stderr)
        return 1
    return 0


def switch(url: str) -> None:
    """Point the process (and the annual analysis's child process) at another benchmark database."""
    from django.db import connections

    use(url)
    connections.close_all()
    connections["default"].settings_dict["NAME"] = database_name(url)


def measure_one(scale: float, options):
    from django.core.management import call_command
    from django.db import connection

    from benchmarks import generate, measure

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_reference", verbosity=0)
    try:
        data = generate.ensure_national_data(scale=scale, stdout=sys.stdout)
    except generate.OtherDataError as error:
        print(f"Benchmark not run: {error} Use --fresh to rebuild the benchmark database.", file=sys.stderr)
        return None
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print("Data: " + ", ".join(f"{count} {name}" for name, count in data.items()))
    print(f"Timing {options.runs} requests per case after {options.warmup} to warm up...\n", flush=True)

    results, floor = measure.run(
        user=generate.staff_user(), runs=options.runs, warmup=options.warmup, only=options.only
    )
    text = measure.table(results, floor)
    missed = [r.label for r in results if r.passed is False]
    if not measure.floor_passed(floor):
        missed.append("KPI page / floor")
    figures = None
    if not options.only or options.only in "annual analysis":
        from benchmarks import annual

        print("Making the annual analysis in a separate process, as a worker would...", flush=True)
        figures = annual.measure(by=generate.staff_user())
        text += "\n\n" + annual.table(figures)
        if not figures.passed:
            missed.append("annual analysis")
    print(text)
    path = measure.write(results, floor, text, measure.environment(data))
    print(f"\nResults written to {path.relative_to(path.parents[2])}", flush=True)
    return results, figures, missed


def write_growth(text: str, lines: list[tuple[str, bool]], scales: list[float]):
    from benchmarks import measure
    from benchmarks.scales import verdicts

    measure.RESULTS.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = measure.RESULTS / f"growth-{stamp}.md"
    body = "\n".join(
        [
            f"# Growth curves {stamp}, scales {', '.join(f'{s:g}x' for s in scales)}",
            "",
            "```",
            text,
            "",
            "Targets:",
            verdicts(lines),
            "```",
            "",
        ]
    )
    path.write_text(body, encoding="utf-8")
    (measure.RESULTS / "growth-latest.md").write_text(body, encoding="utf-8")
    return path


if __name__ == "__main__":
    sys.exit(main())
