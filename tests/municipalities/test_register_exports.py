"""The register's grant, organisation and partnership lists as CSV and XLSX: the page's filters and the
programme of the header's switcher, its headers in the reader's language, formula-like names defused."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from agenda.models import Programme
from municipalities.models import Municipality, Organisation
from tests.export_files import by_first_column, csv_rows, in_english, queries_of, xlsx_rows
from tests.factories import GrantFactory, OrganisationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

FIRST = "agenda-2023-2025"


def _export(client, name: str, fmt: str, **query):
    response = client.get(reverse(name, args=[fmt]), query)
    assert response.status_code == 200
    return response


def _other_programme() -> Programme:
    return Programme.objects.get_or_create(
        code="meerjarenplan",
        defaults={
            "name": "Meerjarenplan",
            "starts_on": datetime.date(2025, 7, 1),
            "ends_on": datetime.date(2030, 12, 31),
        },
    )[0]


@pytest.fixture
def grants():
    rotterdam = Municipality.objects.get(cbs_code="GM0599")
    utrecht = Municipality.objects.get(cbs_code="GM0344")
    return {
        "rotterdam": GrantFactory(municipality=rotterdam, amount=Decimal("250000.50"), decision_reference="=1+2"),
        "utrecht": GrantFactory(municipality=utrecht, amount=Decimal("125000")),
        "later": GrantFactory(municipality=rotterdam, programme=_other_programme(), first_year=2026, last_year=2027),
    }


def test_the_grant_export_takes_the_municipality_filter_and_the_programme(staff_client, grants):
    rows = csv_rows(
        _export(
            staff_client,
            "municipalities:grant_export",
            "csv",
            programme=FIRST,
            municipality=grants["rotterdam"].municipality_id,
        )
    )
    assert rows[0][:4] == ["Programma", "CBS-code", "Gemeente", "Focusgebied"]
    assert [row[1] for row in rows[1:]] == ["GM0599"]  # Utrecht's grant and the later programme's are left out
    row = rows[1]
    assert row[9] == "250000,50"
    assert row[3] == ""  # no focus area: an empty cell
    assert row[11] == "'=1+2"


def test_the_grant_export_follows_the_programme_chosen_in_the_header(staff_client, grants):
    later = _other_programme()
    staff_client.post(reverse("agenda:programme_choose"), {"programme": later.code, "next": "/"})
    rows = xlsx_rows(_export(in_english(staff_client), "municipalities:grant_export", "xlsx"))
    assert rows[0][:3] == ["Programme", "CBS code", "Municipality"]
    assert [(row[0], row[1]) for row in rows[1:]] == [(later.code, "GM0599")]
    assert rows[1][7] == 2026


def test_the_organisation_export_takes_the_kind_filter_in_both_languages(staff_client):
    OrganisationFactory(name="@Kennis test", kind=Organisation.Kind.KNOWLEDGE)
    OrganisationFactory(
        name="Buurthuis test",
        kind=Organisation.Kind.CIVIL_SOCIETY,
        municipality=Municipality.objects.get(cbs_code="GM0344"),
    )
    rows = csv_rows(_export(staff_client, "municipalities:organisation_export", "csv", q="test", kind="civil_society"))
    assert rows == [["Organisatie", "Soort", "Gemeente"], ["Buurthuis test", "Maatschappelijke organisatie", "Utrecht"]]
    rows = by_first_column(
        xlsx_rows(_export(in_english(staff_client), "municipalities:organisation_export", "xlsx", q="test"))
    )
    assert rows["'@Kennis test"][2] is None
    assert rows["Buurthuis test"][1] == "Civil-society organisation"


def test_the_partnership_export_takes_the_active_filter_and_counts_members(staff_client):
    first = Programme.objects.get(code=FIRST)
    running = PartnershipFactory(name="Samen test", programme=first)
    running.members.set([OrganisationFactory(), OrganisationFactory()])
    PartnershipFactory(name="-Gestopt test", programme=first, ended_on=datetime.date(2024, 6, 30))
    rows = csv_rows(
        _export(staff_client, "municipalities:partnership_export", "csv", programme=FIRST, q="test", active="yes")
    )
    assert rows[0] == ["Samenwerkingsverband", "Startdatum", "Einddatum", "Deelnemers", "Gemeenten", "Doel"]
    assert rows[1:] == [["Samen test", "01-01-2024", "", "2", "0", "Samen sterker in de wijk."]]
    rows = by_first_column(
        xlsx_rows(
            _export(in_english(staff_client), "municipalities:partnership_export", "xlsx", programme=FIRST, q="test")
        )
    )
    assert (
        xlsx_rows(_export(in_english(staff_client), "municipalities:partnership_export", "xlsx", q="x"))[0][0]
        == "Partnership"
    )
    assert rows["'-Gestopt test"][2] == datetime.datetime(2024, 6, 30)
    assert rows["Samen test"][2] is None


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize(
    ("name", "add"),
    [
        ("municipalities:grant_export", lambda: GrantFactory()),
        ("municipalities:organisation_export", lambda: OrganisationFactory()),
        ("municipalities:partnership_export", lambda: PartnershipFactory().members.add(OrganisationFactory())),
    ],
    ids=["grants", "organisations", "partnerships"],
)
def test_an_export_takes_the_same_number_of_queries_for_one_row_or_many(staff_client, name, add, fmt):
    url = reverse(name, args=[fmt])
    query = {"programme": FIRST} if "organisation" not in name else {}
    add()
    one = queries_of(staff_client, url, query)
    for _ in range(5):
        add()
    assert queries_of(staff_client, url, query) == one
