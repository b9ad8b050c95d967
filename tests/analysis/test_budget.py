"""The budget position: planned from budget lines, grants as commitments, spending against time."""

import datetime
from decimal import Decimal

import pytest

from agenda.models import ActionLine, Expenditure
from analysis.budget import budget_position, share_of_year_passed
from tests.factories import GrantFactory

pytestmark = pytest.mark.django_db


def _row(position, code):
    return next(r for r in position.rows if r.action_line and r.action_line.code == code)


def test_planned_comes_from_the_budget_lines(programme):
    position = budget_position(programme=programme, as_of=datetime.date(2024, 6, 30))
    assert _row(position, "AL2").years[2024].planned == Decimal("2475000")
    assert position.year_totals[2024].planned == Decimal("3483000")


def test_a_grant_counts_as_a_commitment_spread_over_its_years(programme):
    GrantFactory(amount=Decimal("300000"), first_year=2023, last_year=2025, awarded_on=datetime.date(2023, 4, 1))
    position = budget_position(programme=programme, as_of=datetime.date(2024, 6, 30))
    assert _row(position, "AL2").years[2024].committed == Decimal("100000")
    assert _row(position, "AL1").years[2024].committed == 0


def test_a_grant_awarded_after_the_date_is_not_committed_yet(programme):
    GrantFactory(amount=Decimal("300000"), awarded_on=datetime.date(2024, 9, 1))
    position = budget_position(programme=programme, as_of=datetime.date(2024, 6, 30))
    assert _row(position, "AL2").total.committed == 0


def test_spending_ahead_of_time_gives_a_warning(programme):
    line = ActionLine.objects.get(programme=programme, code="AL4")
    Expenditure.objects.create(
        programme=programme, action_line=line, amount=Decimal("80000"), date=datetime.date(2024, 3, 1), source="x"
    )
    position = budget_position(programme=programme, as_of=datetime.date(2024, 3, 31))
    assert [(w.label, w.year) for w in position.warnings] == [("Gerichte beleidsontwikkeling", 2024)]
    assert _row(position, "AL4").outruns_time


def test_spending_after_the_date_does_not_count_yet(programme):
    line = ActionLine.objects.get(programme=programme, code="AL1")
    Expenditure.objects.create(
        programme=programme, action_line=line, amount=Decimal("1000"), date=datetime.date(2024, 9, 1), source="x"
    )
    position = budget_position(programme=programme, as_of=datetime.date(2024, 6, 30))
    assert _row(position, "AL1").years[2024].spent == 0


def test_share_of_year_passed():
    assert share_of_year_passed(2024, datetime.date(2023, 12, 31)) == 0
    assert share_of_year_passed(2024, datetime.date(2024, 12, 31)) == 1
    assert share_of_year_passed(2024, datetime.date(2024, 7, 1)) == Decimal(183) / Decimal(366)


def test_the_budget_takes_a_fixed_number_of_queries(programme, django_assert_num_queries):
    for _ in range(3):
        GrantFactory()
    with django_assert_num_queries(6):
        budget_position(programme=programme, as_of=datetime.date(2024, 6, 30))
