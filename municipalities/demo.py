"""Demo organisations, grants, learning community and partnerships. Every name says "(demo)"."""

import datetime
import random
from decimal import Decimal

from agenda.models import Activity, Programme
from municipalities.models import (
    ActivityParticipation,
    FocusArea,
    Grant,
    LearningCommunityMembership,
    Municipality,
    Organisation,
    Partnership,
)

DEMO = "(demo)"

# Kinds and base names; each becomes "<name> (demo)".
ORGANISATIONS = [
    (Organisation.Kind.CIVIL_SOCIETY, name)
    for name in (
        "Stichting Samen Sterk",
        "Buurtwerk Noord",
        "Jongerenwerk De Brug",
        "Stichting Ouders in de Wijk",
        "Vrouwennetwerk Verbinding",
        "Stichting Digitaal Wijs",
        "Sportvereniging Open Veld",
        "Welzijn Centraal",
        "Stichting Dialoog",
        "Huis van de Wijk",
        "Stichting Mentorschap",
        "Stichting Kracht van Taal",
        "Debatclub Jong Gezegd",
        "Stichting Rolmodellen",
        "Stichting Vrij Spreken",
        "Maatjesproject Naast Elkaar",
        "Stichting Gezinskracht",
        "Stichting Wijkverbinders",
        "Stichting Nieuwe Buren",
        "Stichting Veilig Online",
        "Moskee- en kerkenoverleg Stad",
        "Stichting Cultuurhuis",
        "Stichting Schuldhulp Samen",
        "Stichting Perspectief Jong",
        "Vereniging Vrijwillige Inzet",
        "Stichting Buurtbemiddeling",
        "Stichting Kinderrechten Lokaal",
        "Stichting Sterke Moeders",
    )
] + [
    (Organisation.Kind.KNOWLEDGE, "Kennisinstituut Sociale Stabiliteit"),
    (Organisation.Kind.KNOWLEDGE, "Onderzoeksbureau Wijk en Weerbaarheid"),
    (Organisation.Kind.KNOWLEDGE, "Lectoraat Veerkrachtige Gemeenschappen"),
    (Organisation.Kind.EDUCATION, "Hogeschool Sociaal Werk"),
    (Organisation.Kind.EDUCATION, "ROC Zorg en Welzijn"),
    (Organisation.Kind.COMMUNITY, "Sleutelfigurennetwerk Zuid"),
    (Organisation.Kind.COMMUNITY, "Zelforganisatie Nieuwe Nederlanders"),
    (Organisation.Kind.MINISTRY, "Ministerie van Justitie en Veiligheid"),
    (Organisation.Kind.VNG, "Vereniging van Nederlandse Gemeenten"),
]


def demo_name(name: str) -> str:
    return f"{name} {DEMO}"


def load(*, rng: random.Random, programme: Programme, next_programme: Programme) -> dict:
    """Organisations, grants, the learning community and partnerships; the second tranche (2026-2028) and the
    partnerships that start after 1 July 2025 belong to the multi-year plan ``next_programme``."""
    focus_areas = list(
        FocusArea.objects.filter(kind=FocusArea.Kind.NPLV).select_related("municipality").order_by("name")
    )
    focus_municipalities = sorted({area.municipality for area in focus_areas}, key=lambda m: m.cbs_code)

    organisations = []
    for kind, name in ORGANISATIONS:
        organisations.append(
            Organisation.objects.create(
                name=demo_name(name),
                kind=kind,
                municipality=rng.choice(focus_municipalities) if kind != Organisation.Kind.MINISTRY else None,
                description="Voorbeeldorganisatie voor de demonstratie van de portal.",
            )
        )
    for municipality in focus_municipalities:
        organisations.append(
            Organisation.objects.create(
                name=demo_name(f"Gemeente {municipality.name}"),
                kind=Organisation.Kind.MUNICIPALITY,
                municipality=municipality,
            )
        )

    # Civil-society organisations join the programme's activities over time.
    activities = list(Activity.objects.filter(action_line__programme=programme).order_by("pk"))
    civil = [org for org in organisations if org.kind == Organisation.Kind.CIVIL_SOCIETY]
    for index, org in enumerate(civil[:22]):
        ActivityParticipation.objects.create(
            organisation=org,
            activity=rng.choice(activities),
            joined_on=datetime.date(2023, 3, 1) + datetime.timedelta(days=40 * index),
        )

    grants = []
    for index, area in enumerate(focus_areas):
        amount = Decimal(rng.randrange(180, 320)) * 1000
        grants.append(
            Grant.objects.create(
                programme=programme,
                municipality=area.municipality,
                focus_area=area,
                tranche=Grant.Tranche.FIRST,
                theme=Grant.Theme.RESILIENCE,
                sisa_code="SZW-KW1",
                first_year=2023,
                last_year=2025,
                amount=amount,
                awarded_on=datetime.date(2023, 4, 3) + datetime.timedelta(days=index),
                decision_reference=f"DEMO-2023-{index + 1:03d}",
                amount_is_example=True,
            )
        )
        grants.append(
            Grant.objects.create(
                programme=next_programme,
                municipality=area.municipality,
                focus_area=area,
                tranche=Grant.Tranche.SECOND,
                theme=Grant.Theme.COHESION,
                sisa_code="SZW-KW2",
                first_year=2026,
                last_year=2028,
                amount=(amount * Decimal("0.8")).quantize(Decimal("1000")),
                awarded_on=datetime.date(2026, 2, 2) + datetime.timedelta(days=index),
                decision_reference=f"DEMO-2026-{index + 1:03d}",
                amount_is_example=True,
            )
        )

    # 16 of the 19 grant municipalities join the learning community; one leaves again.
    members = focus_municipalities[:16]
    for index, municipality in enumerate(members):
        LearningCommunityMembership.objects.create(
            municipality=municipality,
            joined_on=datetime.date(2023, 6, 1) + datetime.timedelta(days=45 * index),
            left_on=datetime.date(2025, 3, 31) if index == 5 else None,
        )

    partnership_specs = [
        (
            "Wijkalliantie Zuid",
            "Scholen, jongerenwerk en sleutelfiguren werken samen aan weerbare jongeren.",
            (2023, 9, 1),
            None,
        ),
        (
            "Netwerk Ontmoeten in de Wijk",
            "Ontmoetingen tussen bewoners met verschillende achtergronden organiseren.",
            (2023, 11, 1),
            None,
        ),
        (
            "Consortium Werkplaats Jeugd en Veiligheid",
            "Het sociaal en het veiligheidsdomein delen kennis over ondermijning.",
            (2024, 2, 1),
            None,
        ),
        ("Coalitie Digitaal Weerbaar", "Digitale weerbaarheid van jongeren en ouders versterken.", (2024, 5, 1), None),
        (
            "Platform Gezin en Opvoeding",
            "Ondersteunende gezinsstructuren versterken met ouders en scholen.",
            (2024, 1, 15),
            (2025, 1, 31),
        ),
        (
            "Samenwerking Inclusieve Communicatie",
            "Ambtenaren en bestuurders oefenen inclusieve communicatie.",
            (2025, 3, 1),
            None,
        ),
        (
            "Netwerk Sleutelfiguren Tweede Tranche",
            "Sleutelfiguren uit de wijken van de tweede tranche leren van de eerste.",
            (2025, 11, 3),
            None,
        ),
        (
            "Alliantie Scholen en Wijken",
            "Scholen en buurtorganisaties werken samen aan ontmoeting en burgerschap.",
            (2026, 3, 2),
            None,
        ),
    ]
    partnerships = []
    for name, purpose, start, end in partnership_specs:
        started_on = datetime.date(*start)
        partnership = Partnership.objects.create(
            programme=next_programme if started_on >= next_programme.starts_on else programme,
            name=demo_name(name),
            purpose=purpose,
            started_on=started_on,
            ended_on=datetime.date(*end) if end else None,
        )
        partnership.members.set(rng.sample(organisations, 5))
        partnership.municipalities.set(rng.sample(focus_municipalities, 3))
        partnerships.append(partnership)

    return {
        "organisations": organisations,
        "grants": grants,
        "focus_municipalities": focus_municipalities,
        "partnerships": partnerships,
    }


def rotterdam_and_utrecht() -> tuple[Municipality, Municipality]:
    return Municipality.objects.get(cbs_code="GM0599"), Municipality.objects.get(cbs_code="GM0344")
