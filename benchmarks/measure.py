"""Time pages and API lists in-process and count their queries; time the bare SQL of the KPI page as its floor.

Server time is the time Django takes to answer a request made with the test
client: middleware, view, queries and template, without a network or a browser.
Query counts come from one extra request per case, so counting never slows the
timed requests down.
"""

import datetime
import gc
import json
import math
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import django
from django.db import connection
from django.test import Client
from django.utils import timezone

RESULTS = Path(__file__).resolve().parent / "results"
FLOOR_RATIO = 3.0


@dataclass(frozen=True)
class Case:
    label: str
    url: str
    p95_ms: float | None = None  # target, None: reported only
    max_queries: int | None = None
    signed_in: bool = True


@dataclass
class Result:
    label: str
    url: str
    status: int
    runs: int
    median_ms: float
    p95_ms: float
    queries: int
    target_p95_ms: float | None
    target_queries: int | None
    passed: bool | None = field(default=None)

    def __post_init__(self):
        if self.status != 200:
            self.passed = False
        elif self.target_p95_ms is None and self.target_queries is None:
            self.passed = None  # reported only
        else:
            fast = self.target_p95_ms is None or self.p95_ms <= self.target_p95_ms
            lean = self.target_queries is None or self.queries <= self.target_queries
            self.passed = fast and lean


def cases(*, today: datetime.date) -> list[Case]:
    return [
        Case("KPI page", "/kpis/", 150, 20),
        Case("KPI page, as of today", f"/kpis/?as_of={today:%Y-%m-%d}", 150, 20),
        Case("Catalogue", "/interventies/", 100, signed_in=False),
        Case("Catalogue, two filters", "/interventies/?factor=PF01&stage=developed", 100, signed_in=False),
        Case("API catalogue: interventions", "/api/catalogue/interventions/", 100, signed_in=False),
        Case("API register: interventions", "/api/register/interventions/", 100),
        Case("API register: evaluations", "/api/register/evaluations/", 100),
        Case("API register: municipalities", "/api/register/municipalities/", 100),
        Case("API register: grants", "/api/register/grants/", 100),
        Case("API register: organisations", "/api/register/organisations/", 100),
        Case("API register: partnerships", "/api/register/partnerships/", 100),
        Case("API register: learning community", "/api/register/learning-community-memberships/", 100),
        Case("API reports", "/api/reports/", 100),
        Case("API reports, with items", "/api/reports/?include=items", 100),
        Case("API KPIs", "/api/kpis/", 100, 20),
        Case("API KPI members (K05)", "/api/kpis/K05/members/", 100),
        Case("API budget", "/api/budget/", 100),
        Case("API expenditures", "/api/expenditures/", 100),
        Case("KPI drill-down (K05)", "/kpis/K05/"),
        Case("Budget page", "/begroting/"),
        Case("Map", "/kaart/", 80),
        Case("Map, reach", "/kaart/?layer=reach", 80),
    ]


def percentile(samples: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def time_case(client: Client, case: Case, *, runs: int, warmup: int) -> Result:
    for _ in range(warmup):
        client.get(case.url)
    statements = []

    def count(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        status = client.get(case.url).status_code
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(case.url)
        samples.append((time.perf_counter() - start) * 1000)
    return Result(
        case.label,
        case.url,
        status,
        runs,
        statistics.median(samples),
        percentile(samples, 0.95),
        len(statements),
        case.p95_ms,
        case.max_queries,
    )


@dataclass
class Floor:
    statements: int
    median_ms: float
    p95_ms: float
    page_median_ms: float  # the KPI page, timed in turn with the floor

    @property
    def ratio(self) -> float:
        return self.page_median_ms / self.median_ms if self.median_ms else 0.0


def kpi_floor(client: Client, *, runs: int, warmup: int) -> Floor:
    """The bare SQL the KPI page needs for its figures, run straight on the database cursor.

    The page and its floor are timed in turn, request by request, so that whatever else
    the machine does weighs on both alike and their ratio means something.
    """
    from agenda.models import Programme
    from analysis import kpis
    from analysis.selectors.kpis import default_as_of

    programme = Programme.objects.order_by("starts_on").first()
    as_of = default_as_of(programme, today=timezone.localdate())
    statements: list[tuple[str, object]] = []

    def record(execute: Callable, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        kpis.programme_results(Programme.objects.get(pk=programme.pk), as_of)

    def run_all() -> float:
        start = time.perf_counter()
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                cursor.fetchall()
        return (time.perf_counter() - start) * 1000

    def page() -> float:
        start = time.perf_counter()
        client.get("/kpis/")
        return (time.perf_counter() - start) * 1000

    for _ in range(warmup):
        run_all()
        page()
    floor, pages = [], []
    for _ in range(runs):
        floor.append(run_all())
        pages.append(page())
    return Floor(len(statements), statistics.median(floor), percentile(floor, 0.95), statistics.median(pages))


def sign_in_as_staff(client: Client, user) -> None:
    """Signed in as after the real second-factor step: the session names a confirmed authenticator of the user.

    Staff cannot use a page before that step, and a session that passed it costs what it costs
    in production (django-otp looks the device up on every request).
    """
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _created = TOTPDevice.objects.get_or_create(user=user, name="benchmark", defaults={"confirmed": True})
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def run(*, user, runs: int, warmup: int, only: str = "") -> tuple[list[Result], Floor]:
    signed_in, anonymous = Client(), Client()
    sign_in_as_staff(signed_in, user)
    # As portal/wsgi.py does in every web process: what a web process loads on its first requests is
    # loaded first (portal/warmup.py), and everything loaded so far is left out of garbage collection.
    # The data generated for the benchmark goes with it.
    from portal.warmup import warm_up

    warm_up()
    gc.collect()
    gc.freeze()
    results = []
    for case in cases(today=timezone.localdate()):
        if only and only.lower() not in case.label.lower():
            continue
        results.append(time_case(signed_in if case.signed_in else anonymous, case, runs=runs, warmup=warmup))
    return results, kpi_floor(signed_in, runs=runs, warmup=warmup)


# Reporting ----------------------------------------------------------------------


def _target(result: Result) -> str:
    parts = []
    if result.target_p95_ms is not None:
        parts.append(f"p95 <= {result.target_p95_ms:g} ms")
    if result.target_queries is not None:
        parts.append(f"<= {result.target_queries} queries")
    return ", ".join(parts) or "(reported only)"


def _verdict(passed: bool | None) -> str:
    return {True: "PASS", False: "FAIL", None: "-"}[passed]


def table(results: list[Result], floor: Floor) -> str:
    header = f"{'case':36} {'median':>9} {'p95':>9} {'queries':>8}  {'target':34} result"
    lines = [header, "-" * len(header)]
    for r in results:
        status = "" if r.status == 200 else f"  (HTTP {r.status})"
        lines.append(
            f"{r.label:36} {r.median_ms:7.1f}ms {r.p95_ms:7.1f}ms {r.queries:8d}  {_target(r):34} "
            f"{_verdict(r.passed)}{status}"
        )
    lines.append("-" * len(header))
    lines.append(
        f"{'Floor: bare SQL of the KPI figures':36} {floor.median_ms:7.1f}ms {floor.p95_ms:7.1f}ms "
        f"{floor.statements:8d}  (the database work alone)"
    )
    lines.append(f"{'KPI page, timed in turn with it':36} {floor.page_median_ms:7.1f}ms {'':9} {'':8}")
    verdict = "PASS" if floor_passed(floor) else "FAIL"
    lines.append(
        f"{'KPI page median / floor median':36} {floor.ratio:8.2f}x {'':9} {'':8}  "
        f"{'<= ' + format(FLOOR_RATIO, 'g') + 'x':34} {verdict}"
    )
    return "\n".join(lines)


def floor_passed(floor: Floor) -> bool:
    return floor.ratio <= FLOOR_RATIO


def environment(data: dict) -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = cursor.fetchone()[0]
    return {
        "when": timezone.now().isoformat(timespec="seconds"),
        "database": connection.settings_dict["NAME"],
        "postgresql": server,
        "python": platform.python_version(),
        "django": django.get_version(),
        "machine": platform.machine(),
        "data": data,
    }


def write(results: list[Result], floor: Floor, text: str, env: dict) -> Path:
    RESULTS.mkdir(exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    payload = {"environment": env, "results": [asdict(r) for r in results], "floor": asdict(floor)}
    (RESULTS / f"bench-{stamp}.json").write_text(json.dumps(payload, indent=2, default=str), encoding="utf-8")
    markdown = "\n".join(
        [
            f"# Benchmark {env['when']}",
            "",
            f"PostgreSQL {env['postgresql']}, database `{env['database']}`, Python {env['python']}, "
            f"Django {env['django']}.",
            "",
            "Data: " + ", ".join(f"{count} {name}" for name, count in env["data"].items()),
            "",
            "```",
            text,
            "```",
            "",
        ]
    )
    path = RESULTS / f"bench-{stamp}.md"
    path.write_text(markdown, encoding="utf-8")
    (RESULTS / "latest.md").write_text(markdown, encoding="utf-8")
    return path
