"""The budget as the plan states it: an average per year, pro rata for a partial year unless staff enter the
year's real plan, and a warning for every over-committed line."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from agenda import services
from agenda.models import ActionLine, BudgetLine, BudgetYearPlan, Expenditure
from agenda.selectors import months_in_year
from analysis.budget import budget_position
from analysis.snapshots import budget_section
from tests.factories import make_user

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2025, 6, 30)


def _row(position, code):
    return next(r for r in position.rows if r.action_line and r.action_line.code == code)


def _line(programme, code):
    return ActionLine.objects.get(programme=programme, code=code)


def test_the_programme_runs_six_months_in_2025(programme):
    assert [months_in_year(programme, year) for year in (2023, 2024, 2025)] == [12, 12, 6]


def test_2025_plans_half_the_average_per_year(programme):
    """Under the old rule 2025 planned the plan's full average (3,483,000) like a whole year."""
    position = budget_position(programme=programme, as_of=AS_OF)
    average = sum(line.planned for line in BudgetLine.objects.filter(programme=programme))
    assert average == Decimal("3483000")
    assert position.year_totals[2024].planned == average
    assert position.year_totals[2025].planned == average / 2
    assert _row(position, "AL2").years[2025].planned == Decimal("1237500")
    assert position.total.planned == Decimal("8707500")
    assert not _row(position, "AL2").years[2025].entered


def test_a_years_entered_plan_replaces_the_pro_rata_figure(programme):
    staff = make_user("planner", role="staff")
    al2 = _line(programme, "AL2")
    services.budget_year_plan_set(programme=programme, year=2025, plans={al2: Decimal("2000000")}, by=staff)
    cell = _row(budget_position(programme=programme, as_of=AS_OF), "AL2").years[2025]
    assert (cell.planned, cell.entered) == (Decimal("2000000"), True)
    # AL1 was not entered: still pro rata.
    assert _row(budget_position(programme=programme, as_of=AS_OF), "AL1").years[2025].planned == Decimal("177500")


def test_changing_and_clearing_a_years_plan_is_kept_in_the_history(programme):
    staff = make_user("planner", role="staff")
    al1 = _line(programme, "AL1")
    services.budget_year_plan_set(programme=programme, year=2024, plans={al1: Decimal("300000")}, by=staff)
    services.budget_year_plan_set(programme=programme, year=2024, plans={al1: Decimal("310000")}, by=staff)
    services.budget_year_plan_set(programme=programme, year=2024, plans={al1: None}, by=staff)
    assert not BudgetYearPlan.objects.exists()
    kinds = list(BudgetYearPlan.history.order_by("history_id").values_list("history_type", "planned", "history_user"))
    assert kinds == [
        ("+", Decimal("300000.00"), staff.pk),
        ("~", Decimal("310000.00"), staff.pk),
        ("-", Decimal("310000.00"), staff.pk),
    ]
    assert _row(budget_position(programme=programme, as_of=AS_OF), "AL1").years[2024].planned == Decimal("355000")


def test_staff_enter_a_years_plan_on_its_page(staff_client, programme):
    al4 = _line(programme, "AL4")
    url = reverse("agenda:budget_year_edit", args=[programme.code, 2025])
    page = staff_client.get(url)
    assert "Leeg laten: naar rato" in page.content.decode()
    response = staff_client.post(url, {str(al4.pk): "75.000"})
    assert response.status_code == 302
    assert BudgetYearPlan.objects.get(programme=programme, year=2025, action_line=al4).planned == Decimal("75000")
    history = staff_client.get(url).context["year_history"]
    assert [(r.history_type, r.action_line.code, r.planned) for r in history] == [("+", "AL4", Decimal("75000"))]
    budget = staff_client.get(reverse("analysis:budget"), {"as_of": "2025-06-30"}).content.decode()
    assert "ingevoerd" in budget and "naar rato" in budget
    assert "Begroting van het plan (gemiddeld per jaar)" in budget


def test_a_negative_years_plan_is_refused_and_kept(staff_client, programme):
    al4 = _line(programme, "AL4")
    response = staff_client.post(reverse("agenda:budget_year_edit", args=[programme.code, 2025]), {str(al4.pk): "-5"})
    assert response.status_code == 400
    assert "Het bedrag kan niet negatief zijn." in response.content.decode()
    assert 'value="-5"' in response.content.decode()


def test_a_year_outside_the_programme_has_no_plan_page(staff_client, programme):
    assert staff_client.get(reverse("agenda:budget_year_edit", args=[programme.code, 2026])).status_code == 404


def _overcommit(programme):
    # AL4 plans 50,000 in 2025 (half of 100,000); commit 60,000.
    Expenditure.objects.create(
        programme=programme,
        action_line=_line(programme, "AL4"),
        kind=Expenditure.Kind.COMMITTED,
        amount=Decimal("60000"),
        date=datetime.date(2025, 2, 1),
        source="Opdracht analyse",
    )


def test_an_overcommitted_line_is_a_warning(programme):
    _overcommit(programme)
    position = budget_position(programme=programme, as_of=AS_OF)
    assert [(w.label, w.year, w.available) for w in position.overcommitted] == [
        ("Gerichte beleidsontwikkeling", 2025, Decimal("-10000"))
    ]


def test_a_line_within_its_plan_is_no_warning(programme):
    Expenditure.objects.create(
        programme=programme,
        action_line=_line(programme, "AL4"),
        kind=Expenditure.Kind.COMMITTED,
        amount=Decimal("50000"),
        date=datetime.date(2025, 2, 1),
        source="Opdracht analyse",
    )
    assert budget_position(programme=programme, as_of=AS_OF).overcommitted == []


def test_the_overcommitment_is_on_the_budget_page(staff_client, programme):
    _overcommit(programme)
    html = staff_client.get(reverse("analysis:budget"), {"as_of": "2025-06-30"}).content.decode()
    assert "Overgecommitteerd" in html
    assert "Gerichte beleidsontwikkeling in 2025 is overgecommitteerd" in html
    assert "€\xa010.000" in html


def test_the_overcommitment_is_in_the_dashboards_snapshot(programme):
    _overcommit(programme)
    section = budget_section(programme, AS_OF)
    assert [(item["action_line"], item["year"], item["available"]) for item in section["overcommitted"]] == [
        ("AL4", 2025, Decimal("-10000"))
    ]


def test_the_budget_page_takes_a_fixed_number_of_queries(staff_client, programme, django_assert_num_queries):
    staff_client.get(reverse("analysis:budget"))  # the session and the user are read once
    _overcommit(programme)
    with django_assert_num_queries(15):
        staff_client.get(reverse("analysis:budget"), {"as_of": "2025-06-30"})
    for day in range(2, 12):
        Expenditure.objects.create(
            programme=programme, amount=Decimal("1"), date=datetime.date(2025, 3, day), source=f"Factuur {day}"
        )
    with django_assert_num_queries(15):
        staff_client.get(reverse("analysis:budget"), {"as_of": "2025-06-30"})


def test_the_overcommitment_is_on_the_dashboard_page(staff_client, programme):
    from tests.factories import DashboardFactory

    _overcommit(programme)
    dashboard = DashboardFactory(programme=programme, year=2025, half=1)
    html = staff_client.get(reverse("analysis:dashboard_detail", args=[dashboard.pk])).content.decode()
    assert "Overgecommitteerd" in html
    assert "Gerichte beleidsontwikkeling in 2025 is overgecommitteerd" in html


def test_a_snapshot_frozen_before_the_check_shows_no_overcommitment():
    from analysis.display.budget import overcommitted_frozen

    assert overcommitted_frozen({"rows": [], "warnings": []}) == []
    frozen = {"overcommitted": [{"name": "Lijn", "name_en": "Line", "year": 2025, "available": "-1500.00"}]}
    assert overcommitted_frozen(frozen) == [
        "Lijn in 2025 is overgecommitteerd: verplicht en uitgegeven liggen €\xa01.500 boven de begroting."
    ]


def test_the_overcommitment_is_in_the_annual_analysis(programme):
    from analysis.annual import analysis_data
    from analysis.display.annual import analysis_content
    from analysis.snapshots import freeze

    _overcommit(programme)
    frozen, data_hash = freeze(
        analysis_data(programme=programme, year=2025, version=1, today=datetime.date(2026, 1, 5))
    )
    context = analysis_content(frozen, data_hash=data_hash).context
    assert context["budget_overcommitted"] == [
        "Gerichte beleidsontwikkeling in 2025 is overgecommitteerd: verplicht en uitgegeven liggen €\xa010.000 boven "
        "de begroting."
    ]


def test_a_year_plan_for_another_programmes_line_is_refused(programme):
    from django.core.exceptions import ValidationError

    from agenda.models import Programme

    other = Programme.objects.create(
        code="ander", name="Ander", starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 12, 31)
    )
    with pytest.raises(ValidationError):
        services.budget_year_plan_set(
            programme=other, year=2026, plans={_line(programme, "AL1"): Decimal(1)}, by=make_user("x", role="staff")
        )
    assert not BudgetYearPlan.objects.exists()
