"""Demo interventions, evaluations and three years of half-yearly reports."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from agenda.models import ActionLine, Phenomenon, Programme, ProtectiveFactor
from core.history import save_with_history
from interventions import demo_needs
from interventions.models import (
    Evaluation,
    Intervention,
    Report,
    ReportComment,
    ReportingPeriod,
    ReportItem,
    ReportItemOutcome,
    TargetGroup,
)
from interventions.services.report_totals import freeze_missing_totals
from municipalities.models import FocusArea, Grant, Organisation

INTERVENTIONS = [
    "Weerbaar Online",
    "Ouders Versterkt",
    "Dialoogtafels in de Wijk",
    "Jongeren aan het Woord",
    "Mentor op School",
    "Samen aan Tafel",
    "Rolmodellen in de Buurt",
    "Kritisch Denken in de Klas",
    "Veilig Thuis, Sterk Buiten",
    "Sleutelfiguren Verbonden",
    "Debat in de Buurt",
    "Talent Centraal",
    "Emotie de Baas",
    "Zelf Kiezen",
    "Wijkambassadeurs",
    "Democratie Dichtbij",
    "Nepnieuws Ontmaskerd",
    "Gezinscoach Plus",
    "Buren Ontmoeten Buren",
    "Inclusief Communiceren",
    "Vakmanschap in de Frontlinie",
    "Straatwijs",
    "Sportief Verbinden",
    "Moeders in Gesprek",
    "Identiteit en Ik",
    "Perspectief na School",
    "Weerbare Meiden",
    "Sterke Jongens",
    "Cultuur Verbindt",
    "Taal als Brug",
    "Vrij om te Kiezen",
    "Samen Veilig Online",
    "Wijkgesprekken over Onrust",
    "Jongerenraad Actief",
    "Verbinding over Grenzen",
    "Leren Samenwerken",
    "Buurtbemiddeling Jong",
    "Opvoeden in Twee Culturen",
    "Professionals Signaleren",
    "Gemeenschapskracht",
]

# Evidence levels weighted toward the lower steps, as in practice.
EVIDENCE_WEIGHTS = [
    (Intervention.EvidenceLevel.NOT_ASSESSED, 8),
    (Intervention.EvidenceLevel.WELL_DESCRIBED, 12),
    (Intervention.EvidenceLevel.WELL_FOUNDED, 10),
    (Intervention.EvidenceLevel.FIRST_INDICATIONS, 6),
    (Intervention.EvidenceLevel.GOOD_INDICATIONS, 3),
    (Intervention.EvidenceLevel.STRONG_INDICATIONS, 1),
]
STAGES = list(Intervention.Stage)

AGE_SHARES = (0.12, 0.38, 0.25, 0.2, 0.05)
# What municipalities write under "geleerde lessen" and in their explanation of the result; a line takes
# one by its position, so the demo stays the same without drawing from the random generator.
LESSONS = (
    "Samenwerken met sleutelfiguren vergroot het bereik. Zij kennen de bewoners die wij zelf niet bereiken, "
    "en bewoners vertrouwen hen eerder dan de gemeente. (Voorbeeld.)",
    "Jongeren kwamen pas toen zij zelf het programma van de avonden mochten bepalen. Een vaste plek en een "
    "vaste begeleider deden meer dan een grote campagne. (Voorbeeld.)",
    "Het gesprek over spanningen in de wijk lukte beter in kleine groepen aan de keukentafel dan in een "
    "bijeenkomst in het buurthuis. Bewoners durfden daar te zeggen wat zij echt dachten. (Voorbeeld.)",
    "Een vast aanspreekpunt bij de gemeente maakte het verschil: organisaties wisten bij wie zij terecht konden "
    "en de samenwerking kwam sneller op gang. (Voorbeeld.)",
    "We hebben te laat gemerkt dat ouderen de digitale aanmelding niet gebruikten. Sinds we aanmelden ook "
    "telefonisch en bij de bibliotheek mogelijk maakten, verdubbelde de deelname. (Voorbeeld.)",
    "Vrijwilligers haken af als zij alleen uitvoeren. Toen zij mee mochten beslissen over de activiteiten, "
    "bleven zij en brachten zij zelf nieuwe mensen mee. (Voorbeeld.)",
    "Scholen, wijkteam en politie spraken elkaar elke maand kort over signalen. Daardoor konden we jongeren "
    "eerder helpen, voordat problemen groot werden. (Voorbeeld.)",
)
NOTES = (
    "Deelnemers zeggen na afloop vaker dat zij iemand in de buurt kunnen vragen om hulp. (Voorbeeld.)",
    "",
    "Het aantal bewoners dat meedoet aan buurtactiviteiten groeide na de zomer. (Voorbeeld.)",
    "",
    "",
)


def load(*, rng: random.Random, programme: Programme, municipalities: dict, users: dict) -> dict:
    factors = list(ProtectiveFactor.objects.select_related("level").order_by("code"))
    phenomena = list(Phenomenon.objects.order_by("code"))
    groups = list(TargetGroup.objects.order_by("order"))
    lines = list(ActionLine.objects.filter(programme=programme).order_by("order"))
    owners = list(
        Organisation.objects.filter(
            kind__in=[Organisation.Kind.CIVIL_SOCIETY, Organisation.Kind.KNOWLEDGE, Organisation.Kind.COMMUNITY]
        ).order_by("name")
    )
    focus = municipalities["focus_municipalities"]
    interventions = []
    for index, base in enumerate(INTERVENTIONS):
        name = f"{base} (demo)"
        factor = factors[index % len(factors)]
        stage = STAGES[index % len(STAGES)] if index % 7 else Intervention.Stage.DEVELOPED
        started = datetime.date(2023, 2, 1) + datetime.timedelta(days=23 * index)
        developed_on = None
        if stage in Intervention.DEVELOPED_STAGES:
            developed_on = started + datetime.timedelta(days=180 + rng.randrange(0, 200))
        intervention = Intervention(
            name=name,
            slug=slugify(name),
            summary=(
                f"{base} werkt aan {factor.name.lower()} bij bewoners van kwetsbare wijken. "
                "Voorbeeldinterventie voor de demonstratie van de portal."
            ),
            description=(
                "Deelnemers komen in kleine groepen bijeen onder begeleiding van getrainde professionals. "
                "De aanpak sluit aan bij wat bewoners zelf belangrijk vinden en wordt samen met "
                "sleutelfiguren uit de wijk uitgevoerd."
            ),
            owner=owners[index % len(owners)],
            resilience_level=factor.level,
            capacity=rng.choice(list(Intervention.Capacity)),
            connection=rng.choice(list(Intervention.Connection)),
            stage=stage,
            developed_on=developed_on,
            evidence_level=rng.choices(*zip(*EVIDENCE_WEIGHTS, strict=True))[0],
            started_on=started,
            is_public=index % 9 != 4,
        )
        extra_factors = rng.sample([f for f in factors if f != factor], rng.randrange(0, 3))
        # One history entry for the new intervention with all its links, as the register's own form makes.
        m2m = {
            "protective_factors": [factor, *extra_factors],
            "phenomena": rng.sample(phenomena, rng.randrange(1, 4)),
            "target_groups": rng.sample(groups, rng.randrange(1, 4)),
            "action_lines": [lines[1]] + ([rng.choice(lines)] if index % 3 == 0 else []),
            "municipalities": rng.sample(focus, rng.randrange(1, 5)),
            "partners": rng.sample(owners, 2),
        }
        save_with_history(instance=intervention, by=None, m2m=m2m, validate=False)
        interventions.append(intervention)

    evaluators = list(Organisation.objects.filter(kind=Organisation.Kind.KNOWLEDGE).order_by("name"))
    evaluations = []
    for index, intervention in enumerate(i for i in interventions if i.stage in Intervention.DEVELOPED_STAGES):
        if intervention.stage == Intervention.Stage.DEVELOPED and index % 2:
            continue
        done = intervention.stage == Intervention.Stage.EVALUATED or index % 3 == 0
        started = intervention.developed_on + datetime.timedelta(days=30)
        evaluations.append(
            Evaluation.objects.create(
                intervention=intervention,
                kind=Evaluation.Kind.EFFECT if index % 2 else Evaluation.Kind.PROCESS,
                title=f"Evaluatie {intervention.name}",
                evaluator=evaluators[index % len(evaluators)],
                status=Evaluation.Status.COMPLETED if done else Evaluation.Status.RUNNING,
                started_on=started,
                completed_on=started + datetime.timedelta(days=240) if done else None,
                findings=(
                    "Deelnemers en professionals zijn positief over de aanpak; de uitvoering is goed "
                    "beschreven. (Voorbeeldbevinding.)"
                )
                if done
                else "",
            )
        )

    periods = []
    for year in (2024, 2025, 2026):
        for half in (1, 2):
            periods.append(
                ReportingPeriod.objects.create(
                    year=year,
                    half=half,
                    opens_on=datetime.date(year, 1 if half == 1 else 7, 1),
                    deadline=datetime.date(year, 8, 31) if half == 1 else datetime.date(year + 1, 2, 28),
                )
            )

    reports = _reports(rng=rng, periods=periods, interventions=interventions, users=users)
    return {"interventions": interventions, "evaluations": evaluations, "periods": periods, "reports": reports}


def _reports(*, rng: random.Random, periods: list, interventions: list, users: dict) -> list[Report]:
    staff = users["staf"]
    grants = {}
    for grant in Grant.objects.select_related("municipality").order_by("first_year"):
        grants.setdefault(grant.municipality, []).append(grant)
    running_in: dict = {}
    factors_of: dict = {}
    prefetched = Intervention.objects.filter(pk__in=[i.pk for i in interventions]).prefetch_related(
        "municipalities", "protective_factors"
    )
    links = {i.pk: i for i in prefetched}
    for intervention in interventions:
        for municipality in links[intervention.pk].municipalities.all():
            running_in.setdefault(municipality, []).append(intervention)
        factors_of[intervention.pk] = list(links[intervention.pk].protective_factors.all())

    own_areas: dict = {}
    for area in FocusArea.objects.filter(kind=FocusArea.Kind.OWN).order_by("name"):
        own_areas.setdefault(area.municipality_id, area)
    handed_in = 0
    reports: list[Report] = []
    comments: list[ReportComment] = []
    items: list[ReportItem] = []
    ratings: list[tuple[ReportItem, list]] = []
    for municipality in sorted(grants, key=lambda m: m.cbs_code):
        local = running_in.get(municipality, [])
        if not local:
            continue
        municipal_user = users.get(municipality.cbs_code, staff)
        for position, period in enumerate(periods):
            status = _demo_status(rng, municipality.cbs_code, position, len(periods))
            if status is None:
                continue
            half_end = datetime.date(period.year, 6, 30) if period.half == 1 else datetime.date(period.year, 12, 31)
            submitted = _aware(min(period.deadline, half_end + datetime.timedelta(days=rng.randrange(20, 55))))
            report = Report(
                municipality=municipality,
                period=period,
                status=status,
                summary="Voorbeeldverslag voor de demonstratie van de portal.",
                created_by=municipal_user,
            )
            if status != Report.Status.DRAFT:
                report.submitted_by, report.submitted_at = municipal_user, submitted
                report.needs = demo_needs.needs_text(handed_in)
                handed_in += 1
            if status in (Report.Status.ACCEPTED, Report.Status.RETURNED):
                report.reviewed_by = staff
                report.reviewed_at = submitted + datetime.timedelta(days=rng.randrange(3, 14))
            if status == Report.Status.RETURNED:
                report.return_comment = (
                    "De uitgaven per interventie tellen niet op tot het totaal. Wilt u dit nakijken?"
                )
                comments.append(
                    ReportComment(
                        report=report, author=staff, kind=ReportComment.Kind.RETURN, text=report.return_comment
                    )
                )
            # The history shows who wrote each line, as it does for reports made in the portal.
            report._history_user = municipal_user
            reports.append(report)
            for intervention in local:
                total = rng.randrange(15, 260)
                bands = [int(total * share) for share in AGE_SHARES]
                item = ReportItem(
                    report=report,
                    intervention=intervention,
                    participants_total=total,
                    participants_0_11=bands[0],
                    participants_12_17=bands[1],
                    participants_18_26=bands[2],
                    participants_27_64=bands[3],
                    participants_65_plus=bands[4],
                    activities="Groepsbijeenkomsten, huisbezoeken en een wijkactiviteit. (Voorbeeld.)",
                    spending=Decimal(rng.randrange(1, 7)) * 1000,
                    lessons_learned=LESSONS[len(items) % len(LESSONS)],
                    notes=NOTES[len(items) % len(NOTES)],
                    focus_area=own_areas.get(municipality.pk),
                )
                item._history_user = municipal_user
                items.append(item)
                ratings.append((item, [(factor, rng.randrange(2, 6)) for factor in factors_of[intervention.pk]]))

    # Rows and their history in a few statements instead of one round trip per row.
    bulk_create_with_history(reports, Report)
    ReportComment.objects.bulk_create(comments)
    bulk_create_with_history(items, ReportItem)
    outcomes = []
    for item, rated in ratings:
        for factor, rating in rated:
            outcome = ReportItemOutcome(item=item, protective_factor=factor, rating=rating)
            outcome._history_user = item._history_user
            outcomes.append(outcome)
    bulk_create_with_history(outcomes, ReportItemOutcome)
    # Handed-in reports freeze their figures as report_submit does.
    freeze_missing_totals()
    return reports


def _demo_status(rng: random.Random, code: str, position: int, count: int) -> str | None:
    """Mostly accepted in the past, a mix in the latest finished half-year, drafts in the current one."""
    if code == "GM0599" and position == count - 1:
        return None  # Rotterdam has not started its current report: the demo user can.
    if position < count - 2:
        return Report.Status.RETURNED if rng.random() < 0.05 else Report.Status.ACCEPTED
    if position == count - 2:
        return rng.choice(
            [Report.Status.ACCEPTED, Report.Status.SUBMITTED, Report.Status.SUBMITTED, Report.Status.RETURNED, None]
        )
    return rng.choice([Report.Status.DRAFT, Report.Status.DRAFT, None])


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
