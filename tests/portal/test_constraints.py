"""The database itself refuses data that breaks the domain's rules."""

import datetime
from decimal import Decimal

import pytest
from django.db import DataError, IntegrityError, transaction

from agenda.models import BudgetLine, Expenditure, Kpi, KpiMeasurement
from interventions.models import Report, ReportItem
from municipalities.models import Grant, LearningCommunityMembership, Membership, Municipality
from tests.factories import GrantFactory, InterventionFactory, ReportFactory, ReportItemFactory, make_user

pytestmark = pytest.mark.django_db


def _refused(create):
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        create()


@pytest.mark.parametrize("code", ["GM363", "gm0363", "GM03631", "XX0363", ""])
def test_it_refuses_an_invalid_cbs_code(code):
    _refused(lambda: Municipality.objects.create(cbs_code=code, name="Nergens", province="Utrecht"))


def test_it_accepts_a_valid_cbs_code():
    Municipality.objects.create(cbs_code="GM9999", name="Proefgemeente", province="Utrecht")


def test_it_refuses_a_second_report_for_the_same_period():
    report = ReportFactory()
    _refused(lambda: Report.objects.create(municipality=report.municipality, period=report.period))


def test_it_refuses_negative_amounts(programme):
    line = programme.action_lines.first()
    _refused(lambda: GrantFactory(amount=Decimal("-1")))
    _refused(lambda: BudgetLine.objects.create(programme=programme, category="x", planned=-5))
    _refused(
        lambda: Expenditure.objects.create(
            programme=programme, action_line=line, amount=-1, date=datetime.date(2024, 1, 1), source="x"
        )
    )
    _refused(lambda: ReportItemFactory(spending=Decimal("-0.01")))
    kpi = Kpi.objects.get(code="K03")
    _refused(lambda: KpiMeasurement.objects.create(kpi=kpi, measured_on=datetime.date(2024, 1, 1), value=-1))


def test_it_refuses_age_bands_that_add_up_to_more_than_the_total():
    _refused(lambda: ReportItemFactory(participants_total=10, participants_12_17=8, participants_18_26=5))


def test_it_refuses_a_report_item_per_intervention_twice():
    item = ReportItemFactory()
    _refused(lambda: ReportItem.objects.create(report=item.report, intervention=item.intervention))


def test_it_refuses_a_returned_report_without_comment():
    _refused(
        lambda: ReportFactory(
            status=Report.Status.RETURNED, submitted_at=datetime.datetime(2024, 9, 1, tzinfo=datetime.UTC)
        )
    )


def test_it_refuses_grant_years_out_of_order():
    _refused(lambda: GrantFactory(first_year=2025, last_year=2023))


def test_it_refuses_leaving_the_learning_community_before_joining():
    municipality = Municipality.objects.get(cbs_code="GM0599")
    _refused(
        lambda: LearningCommunityMembership.objects.create(
            municipality=municipality, joined_on=datetime.date(2024, 1, 1), left_on=datetime.date(2023, 1, 1)
        )
    )


def test_a_developed_intervention_needs_the_date_it_was_developed():
    _refused(lambda: InterventionFactory(stage="developed", developed_on=None))
    InterventionFactory(stage="developed", developed_on=datetime.date(2024, 5, 1))


def test_a_user_belongs_to_at_most_one_municipality():
    user = make_user("frank", role="municipality", cbs_code="GM0599")
    _refused(lambda: Membership.objects.create(user=user, municipality=Municipality.objects.get(cbs_code="GM0344")))


def test_grant_str_names_municipality_and_years():
    grant = GrantFactory()
    assert str(grant) == "SPUK Kansrijke Wijk Rotterdam (2023-2025)"
    assert Grant.objects.count() == 1
