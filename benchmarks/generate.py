"""A deterministic national-scale data set for benchmarks.

``ensure_national_data()`` fills the current database with the 342 municipalities
of the reference data and, around them, 1,000 interventions, 10 years of
half-yearly reports (about 100,000 report items), grants, evaluations,
organisations, partnerships, learning-community and user memberships, events,
KPI measurements, dashboards, analyses and expenditures. It is idempotent: a
marker organisation records which version and scale are present, and a second
call returns at once. Everything is made with ``bulk_create`` in one transaction,
so an interrupted run leaves nothing behind.

Another benchmark (the annual analysis, say) calls the same function and gets
the same data: the same seed gives the same rows, in the same order.
"""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.db import transaction
from django.utils import timezone

from agenda.models import (
    ActionLine,
    Activity,
    Event,
    Expenditure,
    Kpi,
    KpiMeasurement,
    Phenomenon,
    PolicyThemeInventory,
    Programme,
    ProtectiveFactor,
    ResearchResult,
)
from analysis.kpis import taking_part
from analysis.models import AnnualAnalysis, Dashboard
from benchmarks import portfolio
from benchmarks.span import BATCH, FIRST_YEAR, LAST_YEAR, STAFF_USERNAME, aware, day_between
from core import roles
from interventions.models import (
    Evaluation,
    Intervention,
    Report,
    ReportingPeriod,
    ReportItem,
    ReportItemOutcome,
    TargetGroup,
)
from interventions.services.report_totals import freeze_missing_totals
from municipalities.models import (
    ActivityParticipation,
    Grant,
    LearningCommunityMembership,
    Membership,
    Municipality,
    Organisation,
    Partnership,
)

VERSION = 1
SEED = 20260101
MARKER_PREFIX = "Benchmarkgegevens"
ITEMS_PER_SCALE = 100_000


@dataclass(frozen=True)
class Size:
    """How much of everything; scale 1 is national scale."""

    interventions: int
    organisations: int
    reporting_municipalities: int
    items_per_report: int
    partnerships: int
    evaluations_per_developed: float
    expenditures: int

    @classmethod
    def at(cls, scale: float) -> "Size":
        def part(n: int, least: int) -> int:
            return max(least, round(n * scale))

        interventions = part(1000, 30)
        reporting = min(342, part(250, 5))
        # About 100,000 report items per unit of scale over the twenty half-years: 20 a report
        # up to 1x; at 10x all 342 municipalities report, 146 items each (a million items).
        return cls(
            interventions=interventions,
            organisations=part(2000, 40),
            reporting_municipalities=reporting,
            items_per_report=min(interventions // 2, max(20, round(ITEMS_PER_SCALE * scale / (reporting * 20)))),
            partnerships=part(300, 5),
            evaluations_per_developed=1.5,
            expenditures=part(2000, 20),
        )


def marker_name(scale: float) -> str:
    return f"{MARKER_PREFIX} versie {VERSION}, schaal {scale:g}"


def present_marker() -> str | None:
    """The marker of the benchmark data in this database, if any."""
    marker = Organisation.objects.filter(name__startswith=MARKER_PREFIX).values_list("name", flat=True).first()
    return marker


class OtherDataError(Exception):
    """The database holds other benchmark data (another version or scale), or data that is not benchmark data."""


def ensure_national_data(*, scale: float = 1.0, stdout=None) -> dict[str, int]:
    """Make sure the benchmark data set of this version and scale is present; return what the database holds."""
    wanted = marker_name(scale)
    marker = present_marker()
    if marker == wanted:
        return counts()
    if marker is not None:
        raise OtherDataError(f"This database holds '{marker}', not '{wanted}'. Start from an empty database.")
    if Intervention.objects.exists() or Report.objects.exists():
        raise OtherDataError("This database already holds interventions or reports that are not benchmark data.")
    started = timezone.now()
    with transaction.atomic():
        _generate(Size.at(scale), random.Random(SEED))
        Organisation.objects.create(name=wanted, kind=Organisation.Kind.MINISTRY, description="Marker; no data.")
    if stdout:
        seconds = (timezone.now() - started).total_seconds()
        stdout.write(f"Benchmark data generated in {seconds:.1f} s.\n")
    return counts()


def counts() -> dict[str, int]:
    models = [
        Municipality,
        Organisation,
        Intervention,
        Evaluation,
        Grant,
        LearningCommunityMembership,
        Partnership,
        Membership,
        ReportingPeriod,
        Report,
        ReportItem,
        ReportItemOutcome,
        Expenditure,
        Event,
        ResearchResult,
        PolicyThemeInventory,
        KpiMeasurement,
    ]
    return {model._meta.verbose_name_plural.__str__(): model.objects.count() for model in models}


def staff_user() -> User:
    return User.objects.get(username=STAFF_USERNAME)


def _generate(size: Size, rng: random.Random) -> None:
    programme = Programme.objects.order_by("starts_on").first()
    if programme is None:
        raise OtherDataError("Load the reference data first (manage.py load_reference).")
    municipalities = list(Municipality.objects.order_by("cbs_code"))
    lines = list(ActionLine.objects.filter(programme=programme).order_by("order"))
    activities = list(Activity.objects.filter(action_line__programme=programme).order_by("pk"))
    factors = list(ProtectiveFactor.objects.select_related("level").order_by("code"))
    phenomena = list(Phenomenon.objects.order_by("code"))
    groups = list(TargetGroup.objects.order_by("order"))
    start = datetime.date(FIRST_YEAR, 1, 1)

    reporting = rng.sample(municipalities, size.reporting_municipalities)
    users = _users(reporting)
    organisations = _organisations(size, rng, municipalities, activities)
    _grants(rng, programme, reporting)
    _learning_community(rng, reporting)
    _partnerships(size, rng, organisations, municipalities, start)
    interventions = portfolio.make_interventions(
        size, rng, organisations, municipalities, lines, factors, phenomena, groups
    )
    # Organisations, participations, partnerships and interventions came in without signals: K08's first days,
    # before anything that counts them.
    taking_part.rebuild()
    portfolio.make_evaluations(size, rng, interventions, organisations)
    portfolio.make_reports(size, rng, reporting, interventions, factors, users)
    # The reports are copied in directly; handed-in ones freeze their figures as report_submit does.
    freeze_missing_totals()
    _programme_records(size, rng, programme, lines, activities, users[STAFF_USERNAME])


def _users(municipalities: list[Municipality]) -> dict:
    staff = User(username=STAFF_USERNAME, first_name="Benchmark", last_name="Staf", email="bench@veerkracht.example")
    staff.set_unusable_password()
    staff.save()
    staff.groups.add(Group.objects.get(name=roles.STAFF))
    unusable = make_password(None)
    people = [
        User(username=f"bench-{code}", email=f"{code}@veerkracht.example", password=unusable)
        for code in (m.cbs_code.lower() for m in municipalities)
    ]
    User.objects.bulk_create(people, batch_size=BATCH)
    people = list(User.objects.filter(username__in=[p.username for p in people]).order_by("username"))
    by_code = {m.cbs_code.lower(): m for m in municipalities}
    group = Group.objects.get(name=roles.MUNICIPALITY)
    User.groups.through.objects.bulk_create([User.groups.through(user=p, group=group) for p in people])
    Membership.objects.bulk_create(
        [Membership(user=p, municipality=by_code[p.username.removeprefix("bench-")]) for p in people]
    )
    return {STAFF_USERNAME: staff, **{p.username.removeprefix("bench-").upper(): p for p in people}}


ORGANISATION_KINDS = [
    (Organisation.Kind.CIVIL_SOCIETY, 60),
    (Organisation.Kind.KNOWLEDGE, 10),
    (Organisation.Kind.EDUCATION, 8),
    (Organisation.Kind.COMMUNITY, 15),
    (Organisation.Kind.MUNICIPALITY, 6),
    (Organisation.Kind.MINISTRY, 1),
]


def _organisations(size, rng, municipalities, activities) -> list[Organisation]:
    kinds, weights = zip(*ORGANISATION_KINDS, strict=True)
    Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Organisatie {index:05d} (benchmark)",
                kind=rng.choices(kinds, weights)[0],
                municipality=rng.choice(municipalities),
                description="Organisatie in de benchmarkgegevens.",
            )
            for index in range(size.organisations)
        ],
        batch_size=BATCH,
    )
    organisations = list(Organisation.objects.filter(name__endswith="(benchmark)").order_by("name"))
    civil = [o for o in organisations if o.kind == Organisation.Kind.CIVIL_SOCIETY]
    participations = []
    for organisation in civil[: len(civil) * 3 // 4]:
        for activity in rng.sample(activities, rng.randrange(1, 3)):
            participations.append(
                ActivityParticipation(
                    organisation=organisation,
                    activity=activity,
                    joined_on=day_between(rng, datetime.date(2023, 1, 1), datetime.date(2025, 12, 31)),
                )
            )
    ActivityParticipation.objects.bulk_create(participations, batch_size=BATCH)
    return organisations


def _grants(rng, programme, reporting) -> None:
    grants = []
    for index, municipality in enumerate(reporting):
        amount = Decimal(rng.randrange(150, 900)) * 1000
        first = FIRST_YEAR + rng.randrange(0, 5)
        grants.append(
            Grant(
                programme=programme,
                municipality=municipality,
                tranche=Grant.Tranche.FIRST,
                theme=Grant.Theme.RESILIENCE,
                sisa_code="SZW-KW1",
                first_year=first,
                last_year=LAST_YEAR,
                amount=amount,
                awarded_on=datetime.date(first, 3, 1) + datetime.timedelta(days=index % 60),
                decision_reference=f"BENCH-{index + 1:04d}",
                amount_is_example=True,
            )
        )
        if index % 3 == 0:
            grants.append(
                Grant(
                    programme=programme,
                    municipality=municipality,
                    tranche=Grant.Tranche.SECOND,
                    theme=Grant.Theme.COHESION,
                    sisa_code="SZW-KW2",
                    first_year=2026,
                    last_year=2028,
                    amount=(amount * Decimal("0.8")).quantize(Decimal("1000")),
                    awarded_on=datetime.date(2025, 11, 1) + datetime.timedelta(days=index % 30),
                    decision_reference=f"BENCH-2-{index + 1:04d}",
                    amount_is_example=True,
                )
            )
    Grant.objects.bulk_create(grants, batch_size=BATCH)


def _learning_community(rng, reporting) -> None:
    rows = []
    for index, municipality in enumerate(reporting[: len(reporting) * 4 // 5]):
        joined = datetime.date(2023, 1, 15) + datetime.timedelta(days=7 * (index % 100))
        left = joined + datetime.timedelta(days=400 + rng.randrange(0, 300)) if index % 9 == 0 else None
        rows.append(LearningCommunityMembership(municipality=municipality, joined_on=joined, left_on=left))
    LearningCommunityMembership.objects.bulk_create(rows, batch_size=BATCH)


def _partnerships(size, rng, organisations, municipalities, start) -> None:
    programme = Programme.objects.order_by("starts_on").first()
    Partnership.objects.bulk_create(
        [
            Partnership(
                programme=programme,
                name=f"Samenwerkingsverband {index:04d} (benchmark)",
                purpose="Samen werken aan veerkracht in de wijk.",
                started_on=(started := day_between(rng, start, datetime.date(2025, 6, 30))),
                ended_on=started + datetime.timedelta(days=rng.randrange(365, 1500)) if index % 4 == 0 else None,
            )
            for index in range(size.partnerships)
        ],
        batch_size=BATCH,
    )
    partnerships = list(Partnership.objects.filter(name__endswith="(benchmark)").order_by("name"))
    members = Partnership.members.through
    places = Partnership.municipalities.through
    member_rows, place_rows = [], []
    for partnership in partnerships:
        for organisation in rng.sample(organisations, rng.randrange(3, 9)):
            member_rows.append(members(partnership=partnership, organisation=organisation))
        for municipality in rng.sample(municipalities, rng.randrange(1, 5)):
            place_rows.append(places(partnership=partnership, municipality=municipality))
    members.objects.bulk_create(member_rows, batch_size=BATCH)
    places.objects.bulk_create(place_rows, batch_size=BATCH)


def _programme_records(size, rng, programme, lines, activities, staff) -> None:
    by_kind = {a.kind: a for a in activities}
    events = []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        events.append(
            Event(
                activity=by_kind[Activity.Kind.CONFERENCE],
                title=f"Conferentie {year} (benchmark)",
                held_on=datetime.date(year, 10, 10),
            )
        )
        for month in (2, 5, 9, 11):
            events.append(
                Event(
                    activity=by_kind[Activity.Kind.LEARNING_COMMUNITY],
                    title=f"Bijeenkomst learning community {year}-{month} (benchmark)",
                    held_on=datetime.date(year, month, 12),
                )
            )
        for month in (3, 9):
            events.append(
                Event(
                    activity=by_kind[Activity.Kind.ADVISORY_BOARD],
                    title=f"Klankbordgroep {year}-{month} (benchmark)",
                    held_on=datetime.date(year, month, 20),
                    advice_asked=True,
                    results_presented="Resultaten van het halfjaar (benchmark)",
                )
            )
    Event.objects.bulk_create(events)
    ResearchResult.objects.bulk_create(
        ResearchResult(
            programme=programme,
            title=f"Onderzoeksresultaat {year}-{month} (benchmark)",
            source="NWA Crafting Resilience",
            year=year,
            shared_on=datetime.date(year, month, 1),
        )
        for year in range(FIRST_YEAR, LAST_YEAR + 1)
        for month in (4, 10)
    )
    PolicyThemeInventory.objects.bulk_create(
        PolicyThemeInventory(
            programme=programme, year=year, held_on=datetime.date(year, 12, 1), themes="Onderwijs\nWonen\nWerk"
        )
        for year in range(FIRST_YEAR, LAST_YEAR + 1)
    )
    measurements = []
    for kpi in Kpi.objects.filter(programme=programme, measure=Kpi.MANUAL).order_by("code"):
        for month in range(36):
            day = datetime.date(2023 + month // 12, month % 12 + 1, 15)
            measurements.append(
                KpiMeasurement(kpi=kpi, measured_on=day, value=Decimal(1 if month % 12 >= 6 else 0), recorded_by=staff)
            )
    KpiMeasurement.objects.bulk_create(measurements)
    expenditures = []
    for index in range(size.expenditures):
        line = lines[index % len(lines)] if index % 10 else None
        expenditures.append(
            Expenditure(
                programme=programme,
                action_line=line,
                kind=Expenditure.Kind.COMMITTED if index % 5 == 0 else Expenditure.Kind.SPENT,
                amount=Decimal(rng.randrange(5, 200)) * 100,
                date=day_between(rng, programme.starts_on, datetime.date(2025, 12, 31)),
                source=f"Factuur {index:05d} (benchmark)",
                description="Benchmarkuitgave.",
                recorded_by=staff,
            )
        )
    Expenditure.objects.bulk_create(expenditures, batch_size=BATCH)
    dashboards = []
    for year in range(2023, 2026):
        for half in (1, 2):
            dashboards.append(
                Dashboard(
                    programme=programme,
                    year=year,
                    half=half,
                    status=Dashboard.Status.PUBLISHED,
                    snapshot={},
                    content_hash="benchmark",
                    created_by=staff,
                    published_by=staff,
                    published_at=aware(datetime.date(year, 9 if half == 1 else 12, 15)),
                )
            )
    Dashboard.objects.bulk_create(dashboards)
    AnnualAnalysis.objects.bulk_create(
        [
            AnnualAnalysis(
                programme=programme,
                year=year,
                status=AnnualAnalysis.Status.DONE,
                pdf=f"benchmark/analyse-{year}.pdf",
                published_by=staff,
                published_at=aware(datetime.date(year + 1, 3, 1)),
            )
            for year in (2023, 2024)
        ]
    )
