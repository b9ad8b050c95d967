"""Demo events, manual KPI measurements and expenditures for the programme."""

import datetime
import random
from decimal import Decimal

from agenda.models import Activity, Event, Expenditure, Kpi, KpiMeasurement, Programme
from agenda.services import expenditure_save, kpi_measurement_save


def load(*, rng: random.Random, programme: Programme, users: dict) -> None:
    staff = users["staf"]
    activities = {a.kind: a for a in Activity.objects.filter(action_line__programme=programme)}
    for year, day in (
        (2023, datetime.date(2023, 10, 12)),
        (2024, datetime.date(2024, 10, 10)),
        (2025, datetime.date(2025, 10, 9)),
    ):
        Event.objects.create(
            activity=activities[Activity.Kind.CONFERENCE],
            title=f"Conferentie Veerkracht en Weerbaarheid {year} (demo)",
            held_on=day,
            location="Utrecht",
        )
    for index, day in enumerate(
        [datetime.date(2023, 9, 5), datetime.date(2024, 2, 6), datetime.date(2024, 6, 4), datetime.date(2025, 1, 28)]
    ):
        Event.objects.create(
            activity=activities[Activity.Kind.LEARNING_COMMUNITY],
            title=f"Bijeenkomst learning community {index + 1} (demo)",
            held_on=day,
            location="Den Haag",
        )

    manual = {kpi.code: kpi for kpi in Kpi.objects.filter(programme=programme, measure=Kpi.MANUAL)}
    measurements = [
        ("K03", datetime.date(2023, 11, 20), 1, "Resultaten gedeeld op de conferentie. (Voorbeeld.)"),
        ("K03", datetime.date(2024, 11, 18), 1, "Resultaten gedeeld in de learning community. (Voorbeeld.)"),
        ("K04", datetime.date(2023, 11, 1), 1, "Online platform met de catalogus van interventies live. (Voorbeeld.)"),
        ("K10", datetime.date(2024, 9, 16), 1, "Werkplaats met JenV van start. (Voorbeeld.)"),
        ("K12", datetime.date(2023, 12, 15), 1, "Inventarisatie 2023 afgerond. (Voorbeeld.)"),
        ("K12", datetime.date(2024, 12, 13), 1, "Inventarisatie 2024 afgerond. (Voorbeeld.)"),
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
