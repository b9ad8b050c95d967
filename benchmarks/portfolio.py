"""The benchmark's portfolio: interventions, their evaluations, and ten years of half-yearly reports.

Part of ``benchmarks.generate``, which calls these functions in order with one random
generator, so the same seed gives the same rows.
"""

import datetime
from decimal import Decimal

from benchmarks.span import BATCH, FIRST_YEAR, LAST_YEAR, STAFF_USERNAME, aware, day_between
from interventions.models import (
    Evaluation,
    Intervention,
    Report,
    ReportingPeriod,
    ReportItem,
    ReportItemOutcome,
)
from municipalities.models import Organisation

STAGE_WEIGHTS = [
    (Intervention.Stage.IDEA, 10),
    (Intervention.Stage.IN_DEVELOPMENT, 25),
    (Intervention.Stage.DEVELOPED, 30),
    (Intervention.Stage.BEING_EVALUATED, 15),
    (Intervention.Stage.EVALUATED, 20),
]
EVIDENCE = list(Intervention.EvidenceLevel)


def make_interventions(size, rng, organisations, municipalities, lines, factors, phenomena, groups) -> list:
    owners = [o for o in organisations if o.kind != Organisation.Kind.MINISTRY]
    stages, weights = zip(*STAGE_WEIGHTS, strict=True)
    rows = []
    for index in range(size.interventions):
        stage = rng.choices(stages, weights)[0]
        started = day_between(rng, datetime.date(FIRST_YEAR, 1, 1), datetime.date(2025, 6, 30))
        developed = None
        if stage in Intervention.DEVELOPED_STAGES:
            developed = started + datetime.timedelta(days=rng.randrange(60, 700))
        factor = factors[index % len(factors)]
        rows.append(
            Intervention(
                name=f"Interventie {index:05d} (benchmark)",
                slug=f"interventie-{index:05d}-benchmark",
                summary=f"Werkt aan {factor.name.lower()} in kwetsbare wijken. Benchmarkgegevens.",
                description="Deelnemers komen in kleine groepen bijeen onder begeleiding van professionals.",
                owner=rng.choice(owners),
                resilience_level=factor.level,
                capacity=rng.choice(list(Intervention.Capacity)),
                connection=rng.choice(list(Intervention.Connection)),
                stage=stage,
                developed_on=developed,
                evidence_level=rng.choice(EVIDENCE),
                started_on=started,
                is_public=index % 10 < 7,
            )
        )
    Intervention.objects.bulk_create(rows, batch_size=BATCH)
    interventions = list(Intervention.objects.filter(slug__endswith="-benchmark").order_by("slug"))
    links = {
        Intervention.protective_factors.through: [],
        Intervention.phenomena.through: [],
        Intervention.target_groups.through: [],
        Intervention.action_lines.through: [],
        Intervention.municipalities.through: [],
        Intervention.partners.through: [],
    }
    for index, intervention in enumerate(interventions):
        factor = factors[index % len(factors)]
        chosen = {factor, *rng.sample(factors, rng.randrange(0, 3))}
        links[Intervention.protective_factors.through] += [
            Intervention.protective_factors.through(intervention=intervention, protectivefactor=f) for f in chosen
        ]
        links[Intervention.phenomena.through] += [
            Intervention.phenomena.through(intervention=intervention, phenomenon=p)
            for p in rng.sample(phenomena, rng.randrange(1, 4))
        ]
        links[Intervention.target_groups.through] += [
            Intervention.target_groups.through(intervention=intervention, targetgroup=g)
            for g in rng.sample(groups, rng.randrange(1, 4))
        ]
        links[Intervention.action_lines.through] += [
            Intervention.action_lines.through(intervention=intervention, actionline=line)
            for line in {lines[1], rng.choice(lines)}
        ]
        links[Intervention.municipalities.through] += [
            Intervention.municipalities.through(intervention=intervention, municipality=m)
            for m in rng.sample(municipalities, rng.randrange(1, 9))
        ]
        links[Intervention.partners.through] += [
            Intervention.partners.through(intervention=intervention, organisation=o)
            for o in rng.sample(organisations, rng.randrange(0, 4))
            if o.pk != intervention.owner_id
        ]
    for through, rows in links.items():
        through.objects.bulk_create(rows, batch_size=BATCH)
    return interventions


def make_evaluations(size, rng, interventions, organisations) -> None:
    evaluators = [o for o in organisations if o.kind == Organisation.Kind.KNOWLEDGE] or organisations
    rows = []
    for intervention in interventions:
        if intervention.developed_on is None:
            continue
        for number in range(rng.choice([1, 1, 2]) if rng.random() < size.evaluations_per_developed / 2 else 0):
            begun = intervention.developed_on + datetime.timedelta(days=30 + 200 * number)
            done = intervention.stage == Intervention.Stage.EVALUATED or rng.random() < 0.3
            rows.append(
                Evaluation(
                    intervention=intervention,
                    kind=Evaluation.Kind.EFFECT if number else Evaluation.Kind.PROCESS,
                    title=f"Evaluatie {number + 1} van {intervention.name}",
                    evaluator=rng.choice(evaluators),
                    status=Evaluation.Status.COMPLETED if done else Evaluation.Status.RUNNING,
                    started_on=begun,
                    completed_on=begun + datetime.timedelta(days=rng.randrange(120, 400)) if done else None,
                    findings="Benchmarkbevinding." if done else "",
                )
            )
    Evaluation.objects.bulk_create(rows, batch_size=BATCH)


def reporting_periods() -> list[ReportingPeriod]:
    periods = []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        for half in (1, 2):
            period, _created = ReportingPeriod.objects.get_or_create(
                year=year,
                half=half,
                defaults={
                    "opens_on": datetime.date(year, 1 if half == 1 else 7, 1),
                    "deadline": datetime.date(year, 8, 31) if half == 1 else datetime.date(year + 1, 2, 28),
                },
            )
            periods.append(period)
    return periods


def make_reports(size, rng, reporting, interventions, factors, users) -> None:
    periods = reporting_periods()
    staff = users[STAFF_USERNAME]
    reports = []
    for municipality in reporting:
        author = users.get(municipality.cbs_code, staff)
        for position, period in enumerate(periods):
            half_end = datetime.date(period.year, 6, 30) if period.half == 1 else datetime.date(period.year, 12, 31)
            submitted = aware(half_end + datetime.timedelta(days=rng.randrange(10, 80)))
            last = position == len(periods) - 1
            status = Report.Status.SUBMITTED if last else Report.Status.ACCEPTED
            if rng.random() < 0.04:
                status = Report.Status.RETURNED
            reports.append(
                Report(
                    municipality=municipality,
                    period=period,
                    status=status,
                    summary="Benchmarkverslag.",
                    created_by=author,
                    submitted_by=author,
                    submitted_at=submitted,
                    reviewed_by=staff if status != Report.Status.SUBMITTED else None,
                    reviewed_at=submitted + datetime.timedelta(days=7) if status != Report.Status.SUBMITTED else None,
                    return_comment="Graag de uitgaven nakijken." if status == Report.Status.RETURNED else "",
                )
            )
    Report.objects.bulk_create(reports, batch_size=BATCH)
    reports = list(Report.objects.filter(summary="Benchmarkverslag.").order_by("municipality_id", "period_id"))
    factor_ids = {i.pk: [] for i in interventions}
    for row in Intervention.protective_factors.through.objects.filter(intervention__in=interventions).values_list(
        "intervention_id", "protectivefactor_id"
    ):
        factor_ids[row[0]].append(row[1])
    # Up to a million items at 10x: written with COPY, not as model instances.
    item_columns = [
        "report_id",
        "intervention_id",
        "participants_total",
        "participants_12_17",
        "participants_18_26",
        "activities",
        "spending",
        "lessons_learned",
        "notes",
    ]
    intervention_ids = [i.pk for i in interventions]

    def item_rows():
        for report in reports:
            for intervention_id in rng.sample(intervention_ids, size.items_per_report):
                total = rng.randrange(10, 400)
                yield (
                    report.pk,
                    intervention_id,
                    total,
                    total // 3,
                    total // 4,
                    "Groepsbijeenkomsten en huisbezoeken.",
                    Decimal(rng.randrange(1, 40)) * 250,
                    "Sleutelfiguren vergroten het bereik.",
                    "",
                )

    copy_rows(ReportItem, item_columns, item_rows())
    # One outcome per item, read back in chunks: a COPY holds the connection while it runs.
    items = ReportItem.objects.filter(report__in=reports).order_by("pk").values_list("pk", "intervention_id")
    last = 0
    while chunk := list(items.filter(pk__gt=last)[: BATCH * 10]):
        copy_rows(
            ReportItemOutcome,
            ["item_id", "protective_factor_id", "rating"],
            [
                (item_id, factor_ids[intervention_id][0], 1 + (item_id * 7 + intervention_id) % 5)
                for item_id, intervention_id in chunk
            ],
        )
        last = chunk[-1][0]


def copy_rows(model, columns: list[str], rows) -> None:
    """Write rows into the model's table with PostgreSQL's COPY (many times faster than INSERT).

    On another database (the tests' SQLite) as model instances, in batches.
    """
    from django.db import connection

    if connection.vendor != "postgresql":
        model.objects.bulk_create((model(**dict(zip(columns, row, strict=True))) for row in rows), batch_size=BATCH)
        return
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
