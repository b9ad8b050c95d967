"""Demo events and meetings, research results, policy-theme inventories, the advisory board's members,
manual KPI measurements and expenditures for the programme.

Dates are fixed (no random draws), so the demo KPIs K01, K03, K09 and K12 have the same
believable values every time: one conference, one or two research results, two board
consultations and one inventory a year.
"""

import datetime
import random
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from agenda.models import (
    Activity,
    BoardMembership,
    Event,
    Expenditure,
    Kpi,
    KpiMeasurement,
    PolicyThemeInventory,
    Programme,
    ResearchResult,
)
from agenda.services import budget_year_plan_set, expenditure_save, kpi_measurement_save


def load(*, rng: random.Random, programme: Programme, next_programme: Programme, users: dict) -> None:
    """Everything dated belongs to the programme that ran on its date: from 1 July 2025, the multi-year plan."""
    staff = users["staf"]
    activities = {
        p.pk: {a.kind: a for a in Activity.objects.filter(action_line__programme=p)}
        for p in (programme, next_programme)
    }

    def activity(kind: str, day: datetime.date) -> Activity:
        return activities[(next_programme if day >= next_programme.starts_on else programme).pk][kind]

    for year, day in (
        (2023, datetime.date(2023, 10, 12)),
        (2024, datetime.date(2024, 10, 10)),
        (2025, datetime.date(2025, 10, 9)),
        (2026, datetime.date(2026, 10, 8)),
    ):
        Event.objects.create(
            activity=activity(Activity.Kind.CONFERENCE, day),
            title=f"Conferentie Veerkracht en Weerbaarheid {year} (demo)",
            held_on=day,
            location="Utrecht",
        )
    for index, day in enumerate(
        [
            datetime.date(2023, 9, 5),
            datetime.date(2024, 2, 6),
            datetime.date(2024, 6, 4),
            datetime.date(2025, 1, 28),
            datetime.date(2025, 11, 18),
            datetime.date(2026, 5, 12),
        ]
    ):
        Event.objects.create(
            activity=activity(Activity.Kind.LEARNING_COMMUNITY, day),
            title=f"Bijeenkomst learning community {index + 1} (demo)",
            held_on=day,
            location="Den Haag",
        )

    _board_meetings(activity, staff)
    for each in (programme, next_programme):
        _research_results(each, staff)
        _policy_inventories(each, staff)
        _board_members(each, staff)

    manual = {kpi.code: kpi for kpi in Kpi.objects.filter(programme=programme, measure=Kpi.MANUAL)}
    measurements = [
        ("K04", datetime.date(2023, 11, 1), 1, "Online platform met de catalogus van interventies live. (Voorbeeld.)"),
        ("K10", datetime.date(2024, 9, 16), 1, "Werkplaats met JenV van start. (Voorbeeld.)"),
    ]
    for code, day, value, note in measurements:
        measurement = KpiMeasurement(kpi=manual[code], measured_on=day, value=value, note=note)
        kpi_measurement_save(measurement=measurement, by=staff)

    lines = list(programme.action_lines.order_by("order"))
    sources = ["Opdracht (voorbeeld)", "Subsidie (voorbeeld)", "Factuur (voorbeeld)"]
    for year in (2023, 2024, 2025):
        for line in lines:
            for quarter in range(4):
                day = datetime.date(year, 3 * quarter + 2, 15)
                if line.code == "AL2":
                    amount = Decimal(rng.randrange(20, 90)) * 1000  # grants are counted separately
                else:
                    amount = Decimal(rng.randrange(8, 60)) * 1000 * (Decimal("0.5") if line.code == "AL4" else 1)
                spent = Expenditure(
                    programme=programme,
                    action_line=line,
                    kind=Expenditure.Kind.SPENT,
                    amount=amount,
                    date=day,
                    source=rng.choice(sources),
                    description=f"{line.label}: voorbeelduitgave (demo)",
                )
                expenditure_save(expenditure=spent, by=staff)
            committed = Expenditure(
                programme=programme,
                action_line=line,
                kind=Expenditure.Kind.COMMITTED,
                amount=Decimal(rng.randrange(10, 40)) * 1000,
                date=datetime.date(year, 11, 1),
                source="Verplichting (voorbeeld)",
                description=f"{line.label}: voorbeeldverplichting (demo)",
            )
            expenditure_save(expenditure=committed, by=staff)

    # The first tranche's grants run the whole of 2025, though the programme ends on 30 June: staff entered
    # 2025's real plan for interventions, so the pro-rata half year does not show them as over-committed.
    interventions_line = next(line for line in lines if line.code == "AL2")
    budget_year_plan_set(programme=programme, year=2025, plans={interventions_line: Decimal("2475000")}, by=staff)


# The board meets about twice a year. Where the demo publishes a dashboard, the meeting after it
# presents that dashboard (analysis/demo.py links them); the others present results in words.
BOARD_MEETINGS = [
    (datetime.date(2023, 3, 21), "Kennismaking en werkwijze", False, "Het programmaplan en de KPI's."),
    (
        datetime.date(2023, 6, 20),
        "Opzet van de learning community",
        True,
        "De opzet van de learning community en de eerste inventarisatie van bestaande interventies.",
    ),
    (
        datetime.date(2023, 11, 28),
        "Eerste onderzoeksresultaten",
        True,
        "De eerste resultaten van NWA Crafting Resilience en de opzet van de landelijke analyse.",
    ),
    (
        datetime.date(2024, 3, 19),
        "Beleidsthema's en jaarconferentie",
        True,
        "De inventarisatie van beleidsthema's 2023 en de opbrengst van de jaarconferentie.",
    ),
    (datetime.date(2024, 9, 24), "Dashboard eerste halfjaar 2024", True, ""),
    (datetime.date(2025, 3, 11), "Dashboard tweede halfjaar 2024", True, ""),
    (
        datetime.date(2025, 6, 17),
        "Afronding van de eerste agenda",
        False,
        "De stand van zaken bij het einde van de agenda.",
    ),
    (datetime.date(2025, 9, 30), "Dashboard eerste halfjaar 2025", True, ""),
    (datetime.date(2026, 3, 24), "Dashboard tweede halfjaar 2025", True, ""),
    (datetime.date(2026, 9, 29), "Dashboard eerste halfjaar 2026", True, ""),
]


def _board_meetings(activity, staff) -> None:
    """The meetings, each in the programme that ran on its day (``activity(kind, day)``)."""
    events = [
        Event(
            activity=activity(Activity.Kind.ADVISORY_BOARD, day),
            title=f"Klankbordgroep: {subject} (demo)",
            held_on=day,
            location="Den Haag",
            advice_asked=advice_asked,
            results_presented=results,
        )
        for day, subject, advice_asked, results in BOARD_MEETINGS
    ]
    bulk_create_with_history(events, Event, default_user=staff)


RESEARCH_RESULTS = [
    ("Veerkracht van jongeren in kwetsbare wijken", 2023, datetime.date(2023, 10, 12), "AL1"),
    ("Wat gemeenschappen weerbaar maakt tegen polarisatie", 2024, datetime.date(2024, 6, 4), "AL1"),
    ("Vertrouwen in instituties en sociale samenhang", 2024, datetime.date(2024, 10, 10), "AL1"),
    ("Lessen voor beleid: van onderzoek naar interventie", 2025, datetime.date(2025, 5, 20), "AL4"),
    ("Veerkracht na vijf jaar: wat werkt in de wijk", 2025, datetime.date(2025, 11, 18), "AL1"),
    ("Digitale weerbaarheid van ouders en jongeren", 2026, datetime.date(2026, 10, 8), "AL1"),
]


def _within(programme: Programme, day: datetime.date) -> bool:
    return programme.starts_on <= day <= programme.ends_on


def _research_results(programme: Programme, staff) -> None:
    lines = {line.code: line for line in programme.action_lines.all()}
    results = [
        ResearchResult(
            programme=programme,
            action_line=lines[line],
            title=f"{title} (demo)",
            source="NWA Crafting Resilience",
            year=year,
            shared_on=day,
            link="https://www.nwo.nl/",
            description="Voorbeeld van een gedeeld onderzoeksresultaat. (Voorbeeld.)",
        )
        for title, year, day, line in RESEARCH_RESULTS
        if _within(programme, day)
    ]
    bulk_create_with_history(results, ResearchResult, default_user=staff)


POLICY_INVENTORIES = [
    (
        2023,
        datetime.date(2023, 12, 15),
        ["Onderwijs en burgerschap", "Armoede en bestaanszekerheid", "Wonen en leefbaarheid"],
    ),
    (
        2024,
        datetime.date(2024, 12, 13),
        ["Onderwijs en burgerschap", "Online weerbaarheid", "Werk en inkomen", "Zorg en welzijn"],
    ),
    (
        2025,
        datetime.date(2025, 6, 10),
        ["Online weerbaarheid", "Veiligheid en ondermijning", "Integratie en inburgering"],
    ),
    (
        2025,
        datetime.date(2025, 12, 12),
        ["Vertrouwen in de overheid", "Desinformatie", "Discriminatie op de arbeidsmarkt"],
    ),
]


def _policy_inventories(programme: Programme, staff) -> None:
    inventories = [
        PolicyThemeInventory(
            programme=programme,
            year=year,
            held_on=day,
            themes="\n".join(themes),
            source="Rondgang langs departementen en de VNG (demo)",
        )
        for year, day, themes in POLICY_INVENTORIES
        if _within(programme, day)
    ]
    bulk_create_with_history(inventories, PolicyThemeInventory, default_user=staff)


BOARD_MEMBERS = [
    ("Wendy de Wetenschapper (demo)", "Universiteit (demo)", BoardMembership.Constituency.SCIENCE, None),
    ("Vincent van de VNG (demo)", "VNG", BoardMembership.Constituency.VNG, None),
    ("Sara Sociaal (demo)", "Wijkteam (demo)", BoardMembership.Constituency.SOCIAL_DOMAIN, None),
    (
        "Mehmet Middenveld (demo)",
        "Maatschappelijke organisatie (demo)",
        BoardMembership.Constituency.CIVIL_SOCIETY,
        None,
    ),
    (
        "Gloria Gemeenschap (demo)",
        "Zelforganisatie (demo)",
        BoardMembership.Constituency.COMMUNITY,
        datetime.date(2024, 12, 31),
    ),
    ("Karim Klankbord (demo)", "Ministerie van JenV (demo)", BoardMembership.Constituency.MINISTRIES, None),
]


def _board_members(programme: Programme, staff) -> None:
    members = [
        BoardMembership(
            programme=programme,
            person=person,
            organisation=organisation,
            constituency=constituency,
            starts_on=max(datetime.date(2023, 3, 1), programme.starts_on),
            ends_on=ends_on,
        )
        for person, organisation, constituency, ends_on in BOARD_MEMBERS
        if ends_on is None or ends_on >= programme.starts_on
    ]
    bulk_create_with_history(members, BoardMembership, default_user=staff)
