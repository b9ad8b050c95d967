"""``python -m benchmarks``: national-scale data in a database of its own, then pages and API lists timed.

    DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:5432/veerkracht make bench
    BENCH_ARGS="--runs 50 --only kpi" make bench

Options: --runs N (timed requests per case, default 30), --warmup N (default 3),
--scale S (data size, 1 = national scale), --fresh (drop and rebuild the
benchmark database), --only TEXT (cases whose name contains TEXT; "annual analysis"
for the PDF alone). After the pages, the annual analysis is made in a separate
process and its time and peak memory are reported (benchmarks/annual.py).
The exit status is 1 when a target is missed.
"""

import argparse
import os
import sys

from benchmarks.database import BenchmarkDatabaseError, benchmark_url, database_name, ensure_database, use


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--only", default="")
    parser.add_argument("--database", default=None, help="name of the benchmark database (must end in _bench)")
    options = parser.parse_args(argv)

    try:
        url = benchmark_url(os.environ.get("DATABASE_URL", ""), name=options.database)
        created = ensure_database(url, fresh=options.fresh)
    except BenchmarkDatabaseError as error:
        print(f"Benchmark not run: {error}", file=sys.stderr)
        return 2
    use(url)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    print(f"Benchmark database: {database_name(url)}{' (created)' if created else ''}")

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    # collectstatic is not run for the benchmark; plain static storage gives the same pages.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    if settings.DEBUG:
        print("Warning: DEBUG is on; run through `make bench` for production-like figures.", file=sys.stderr)

    from benchmarks import generate, measure

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_reference", verbosity=0)
    try:
        data = generate.ensure_national_data(scale=options.scale, stdout=sys.stdout)
    except generate.OtherDataError as error:
        print(f"Benchmark not run: {error} Use --fresh to rebuild the benchmark database.", file=sys.stderr)
        return 2
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print("Data: " + ", ".join(f"{count} {name}" for name, count in data.items()))
    print(f"Timing {options.runs} requests per case after {options.warmup} to warm up...\n")

    results, floor = measure.run(
        user=generate.staff_user(), runs=options.runs, warmup=options.warmup, only=options.only
    )
    text = measure.table(results, floor)
    missed = [r.label for r in results if r.passed is False]
    if not measure.floor_passed(floor):
        missed.append("KPI page / floor")
    if not options.only or options.only in "annual analysis":
        from benchmarks import annual

        print("Making the annual analysis in a separate process, as a worker would...")
        figures = annual.measure(by=generate.staff_user())
        text += "\n\n" + annual.table(figures)
        if not figures.passed:
            missed.append("annual analysis")
    print(text)
    path = measure.write(results, floor, text, measure.environment(data))
    print(f"\nResults written to {path.relative_to(path.parents[2])}")
    if missed:
        print("Missed: " + ", ".join(missed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
