"""The budget page and its API agree with sums made by hand; staff enter and correct expenditures."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from agenda.models import ActionLine, BudgetLine, Expenditure
from agenda.services import expenditure_save
from tests.factories import GrantFactory, make_user

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def alice(db):
    return make_user("alice", role="staff")


@pytest.fixture
def staff(client, alice):
    client.force_login(alice)
    return client


def spend(programme, code: str | None, amount: str, day: datetime.date, *, kind=Expenditure.Kind.SPENT, by=None):
    line = ActionLine.objects.get(programme=programme, code=code) if code else None
    return expenditure_save(
        expenditure=Expenditure(
            programme=programme,
            action_line=line,
            kind=kind,
            amount=Decimal(amount),
            date=day,
            source=f"Factuur {amount}",
        ),
        by=by or make_user(f"u{Expenditure.objects.count()}", role="staff"),
    )


@pytest.fixture
def money(programme):
    """Spending and commitments in 2024 and a grant over 2023-2025 (AL2, the grants' action line)."""
    spend(programme, "AL1", "10000", D(2024, 2, 1))
    spend(programme, "AL1", "2500.75", D(2024, 5, 1))
    spend(programme, "AL1", "4000", D(2024, 3, 1), kind=Expenditure.Kind.COMMITTED)
    spend(programme, "AL3", "7000", D(2024, 9, 1))  # after the date asked for below
    spend(programme, None, "300", D(2024, 4, 1))
    GrantFactory(amount=Decimal("300000"), first_year=2023, last_year=2025, awarded_on=D(2023, 4, 1))


def by_hand(programme, code: str | None, year: int, as_of: datetime.date) -> dict[str, Decimal]:
    line = ActionLine.objects.get(programme=programme, code=code) if code else None
    # 2024 is a whole year of the programme: its plan is the plan's average per year.
    planned = sum((b.planned for b in BudgetLine.objects.filter(programme=programme, action_line=line)), Decimal(0))
    rows = [e for e in Expenditure.objects.filter(action_line=line) if e.date.year == year and e.date <= as_of]
    spent = sum((e.amount for e in rows if e.kind == Expenditure.Kind.SPENT), Decimal(0))
    committed = sum((e.amount for e in rows if e.kind == Expenditure.Kind.COMMITTED), Decimal(0))
    if code == "AL2":
        from municipalities.models import Grant

        for grant in Grant.objects.filter(awarded_on__lte=as_of):
            if grant.first_year <= year <= grant.last_year:
                committed += grant.amount / (grant.last_year - grant.first_year + 1)
    return {"planned": planned, "committed": committed, "spent": spent}


def test_the_page_shows_planned_committed_and_spent_per_action_line_and_year(staff, programme, money):
    as_of = D(2024, 6, 30)
    response = staff.get(reverse("analysis:budget"), {"as_of": as_of.isoformat()})
    assert response.status_code == 200
    tables = {table.year: table for table in response.context["year_tables"]}
    assert sorted(tables) == [2023, 2024, 2025]
    for row in tables[2024].rows[:-1]:
        code = row.label.split()[0] if row.label.startswith("AL") else None
        expected = by_hand(programme, code, 2024, as_of)
        assert (row.cell.planned, row.cell.committed, row.cell.spent) == (
            expected["planned"],
            expected["committed"],
            expected["spent"],
        ), row.label
    html = response.content.decode()
    assert "€\xa012.501" in html  # AL1 spent in 2024: 10.000 + 2.500,75
    assert "€\xa0100.000" in html  # a third of the grant in 2024


def test_the_api_gives_the_same_position(staff, programme, money):
    as_of = D(2024, 6, 30)
    data = staff.get(reverse("analysis_api:budget"), {"as_of": as_of.isoformat()}).json()
    assert data["as_of"] == "2024-06-30" and data["years"] == [2023, 2024, 2025]
    for row in data["rows"]:
        cells = {cell["year"]: cell for cell in row["years"]}
        expected = by_hand(programme, row["action_line"], 2024, as_of)
        assert {key: Decimal(cells[2024][key]) for key in expected} == expected, row["name"]
    # Two whole years and half of 2025: two and a half times the average per year.
    average = sum((b.planned for b in BudgetLine.objects.all()), Decimal(0))
    assert Decimal(data["total"]["planned"]) == average * Decimal("2.5")
    assert staff.get(reverse("analysis_api:budget"), {"as_of": "2024-02-31"}).status_code == 400


def test_spending_ahead_of_time_is_a_warning_on_the_page(staff, programme):
    spend(programme, "AL4", "80000", D(2024, 3, 1))
    html = staff.get(reverse("analysis:budget"), {"as_of": "2024-03-31"}).content.decode()
    assert "Uitgaven lopen voor op de tijd" in html
    assert (
        "Gerichte beleidsontwikkeling in 2024: 80% van de begroting is uitgegeven, terwijl pas 25% van het jaar" in html
    )
    quiet = staff.get(reverse("analysis:budget"), {"as_of": "2024-12-31"}).content.decode()
    assert "Geen waarschuwingen" in quiet


def test_the_chart_has_a_title_a_text_alternative_and_its_numbers(staff, programme, money):
    response = staff.get(reverse("analysis:budget"), {"as_of": "2024-06-30"})
    chart = response.context["year_chart"]
    assert chart.table.rows[1][0] == "2024"
    assert 'role="img"' in chart.svg and "<desc" in chart.svg
    assert response.content.decode().count('<svg xmlns="http://www.w3.org/2000/svg"') == 2


def test_staff_enter_an_expenditure_and_find_it_on_the_page(staff, alice, programme):
    response = staff.post(
        reverse("analysis:expenditure_create"),
        {
            "programme": programme.pk,
            "action_line": ActionLine.objects.get(programme=programme, code="AL1").pk,
            "kind": "spent",
            "amount": "1234,56",
            "date": "15-03-2024",
            "source": "Factuur 2024-017",
            "description": "Zaalhuur conferentie",
        },
    )
    expenditure = Expenditure.objects.get()
    assert response["Location"] == reverse("analysis:expenditure_detail", args=[expenditure.pk])
    assert (expenditure.amount, expenditure.date, expenditure.recorded_by) == (
        Decimal("1234.56"),
        D(2024, 3, 15),
        alice,
    )
    assert expenditure.history.get().history_user == alice
    page = staff.get(reverse("analysis:budget"), {"as_of": "2024-12-31"}).content.decode()
    assert "Factuur 2024-017" in page and "€\xa01.235" in page


def valid(programme, **changes) -> dict:
    data = {
        "programme": programme.pk,
        "action_line": ActionLine.objects.get(programme=programme, code="AL3").pk,
        "kind": "spent",
        "amount": "500",
        "date": "2024-04-01",
        "source": "Opdracht 12",
        "description": "Wat ik typte.",
    }
    return {**data, **changes}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"amount": "-5"}, "amount", "Het bedrag moet groter zijn dan nul."),
        ({"amount": "0"}, "amount", "Het bedrag moet groter zijn dan nul."),
        ({"amount": "veel"}, "amount", "Voer een getal in."),
        ({"date": "2999-01-01"}, "date", "ligt in de toekomst. Geld dat nog betaald moet worden"),
        ({"date": "2021-06-01"}, "date", "heeft alleen een begroting voor 2023 tot en met 2025"),
        ({"date": "31-31-2024"}, "date", "Dit is geen bestaande datum."),
        ({"source": ""}, "source", "Dit veld is vereist."),
        ({"kind": "stolen"}, "kind", "Selecteer een geldige keuze."),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_typed_is_lost(staff, programme, changes, field, message):
    response = staff.post(reverse("analysis:expenditure_create"), valid(programme, **changes))
    assert response.status_code == 400
    assert any(message in error for error in response.context["form"].errors[field]), response.context["form"].errors
    html = response.content.decode()
    assert "Er ging iets mis" in html and "Wat ik typte." in html
    assert not Expenditure.objects.exists()


@pytest.mark.parametrize(("typed", "amount"), [("1.234,56", "1234.56"), ("€ 1.234", "1234"), ("99.5", "99.5")])
def test_amounts_are_read_the_way_people_type_them(staff, programme, typed, amount):
    assert staff.post(reverse("analysis:expenditure_create"), valid(programme, amount=typed)).status_code == 302
    assert Expenditure.objects.get().amount == Decimal(amount)


def test_a_commitment_may_lie_ahead(staff, programme):
    response = staff.post(reverse("analysis:expenditure_create"), valid(programme, kind="committed", date="2025-12-01"))
    assert response.status_code == 302


def test_correcting_an_expenditure_keeps_what_it_was_in_the_history(staff, alice, programme):
    bob = make_user("bob", role="staff")
    expenditure = spend(programme, "AL3", "500", D(2024, 4, 1), by=bob)
    url = reverse("analysis:expenditure_edit", args=[expenditure.pk])
    assert staff.post(url, valid(programme, amount="750")).status_code == 302
    detail = staff.get(reverse("analysis:expenditure_detail", args=[expenditure.pk]))
    history = detail.context["history"]
    assert [entry.who for entry in history] == ["alice", "bob"]
    assert [(c.label, c.old, c.new) for c in history[0].changes if c.label.startswith("Bedrag")] == [
        ("Bedrag (euro)", "500,00", "750,00")
    ]
    assert Expenditure.objects.get().recorded_by == bob


def test_the_expenditure_list_filters_like_the_api(staff, programme):
    spend(programme, "AL1", "100", D(2024, 2, 1))
    spend(programme, "AL1", "200", D(2025, 2, 1), kind=Expenditure.Kind.COMMITTED)
    spend(programme, "AL2", "300", D(2025, 3, 1))
    page = staff.get(reverse("analysis:budget"), {"kind": "committed"})
    assert [e.amount for e in page.context["page_obj"]] == [Decimal("200")]
    api = staff.get(reverse("analysis_api:expenditure-list"), {"kind": "committed"}).json()
    assert [Decimal(e["amount"]) for e in api["results"]] == [Decimal("200")]
    for params, amounts in (({"year": 2025}, [300, 200]), ({"action_line": "AL1", "year": 2024}, [100])):
        page_amounts = [int(e.amount) for e in staff.get(reverse("analysis:budget"), params).context["page_obj"]]
        api_amounts = [
            int(Decimal(e["amount"]))
            for e in staff.get(reverse("analysis_api:expenditure-list"), params).json()["results"]
        ]
        assert page_amounts == api_amounts == amounts, params


def test_the_budget_page_takes_a_fixed_number_of_queries(staff, programme, django_assert_num_queries):
    for index in range(3):
        spend(programme, "AL1", "100", D(2024, 2, 1 + index))
        GrantFactory()
    with django_assert_num_queries(15):
        assert staff.get(reverse("analysis:budget")).status_code == 200
    for index in range(10):
        spend(programme, "AL2", "100", D(2024, 3, 1 + index))
        GrantFactory()
    with django_assert_num_queries(15):
        assert staff.get(reverse("analysis:budget")).status_code == 200
