"""Soft checks of a report's figures against the previous half-year and the grant's pace, with known numbers."""

import datetime
from decimal import Decimal

import pytest

from interventions.models import Report, ReportCheckFactor, ReportItemCheck
from interventions.selectors import report_checks as checks
from interventions.services import report_checks as check_services
from interventions.services import reports as services
from municipalities.models import Grant
from tests.factories import ReportFactory, ReportingPeriodFactory, ReportItemFactory
from tests.interventions.reporting import start_report

pytestmark = pytest.mark.django_db


def _previous_report(world, *, participants=40, spending="0", **figures):
    """Rotterdam's report on the half-year before the open period, with one item for its intervention.

    Its spending is nothing unless a test says otherwise, so that the new report's spending is not compared.
    """
    year, half = checks.previous_half(world.period)
    period = ReportingPeriodFactory(year=year, half=half)
    report = ReportFactory(
        municipality=world.rotterdam,
        period=period,
        status=Report.Status.ACCEPTED,
        submitted_at=datetime.datetime(year, 6, 1, tzinfo=datetime.UTC),
    )
    return ReportItemFactory(
        report=report,
        intervention=world.rotterdam_intervention,
        participants_total=participants,
        spending=Decimal(spending),
        **figures,
    )


def _save(report, user, *, explanations=None, **values):
    return services.report_save(
        report=report,
        by=user,
        revision=Report.objects.get(pk=report.pk).revision,
        items=[
            services.ItemChange(
                intervention_id=report.items.first().intervention_id, values=values, explanations=explanations
            )
        ],
    )


def _checks(report) -> dict[str, ReportItemCheck]:
    return {check.field: check for check in ReportItemCheck.objects.filter(item__report=report)}


# The rule itself -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "previous", "factor", "expected"),
    [
        (200, 40, Decimal("5"), "larger"),  # exactly five times
        (199, 40, Decimal("5"), ""),
        (400, 40, Decimal("5"), "larger"),  # ten times
        (8, 40, Decimal("5"), "smaller"),  # exactly a fifth
        (9, 40, Decimal("5"), ""),
        (0, 40, Decimal("5"), "smaller"),  # zero is a figure: it fell to nothing
        (100, 40, Decimal("2.5"), "larger"),
        (99, 40, Decimal("2.5"), ""),
        (Decimal("5000.00"), Decimal("1000.00"), Decimal("5"), "larger"),
        (1000, 0, Decimal("5"), ""),  # nothing last half-year: nothing to compare with
        (1000, None, Decimal("5"), ""),  # not filled in last half-year
        (None, 40, Decimal("5"), ""),  # not filled in now: not checked
    ],
)
def test_a_figure_stands_out_when_it_moved_by_the_factor_or_more(current, previous, factor, expected):
    assert checks.figure_change(current=current, previous=previous, factor=factor) == expected


def test_the_pace_is_the_grants_covering_the_year_spread_over_their_years_for_half_a_year():
    three_years = Grant(amount=Decimal("120000"), first_year=2026, last_year=2028)
    one_year = Grant(amount=Decimal("10000"), first_year=2027, last_year=2027)
    earlier = Grant(amount=Decimal("999999"), first_year=2023, last_year=2025)
    assert three_years.amount_per_year == Decimal("40000.00")
    assert checks.half_year_pace(grants=[three_years, earlier], year=2026) == Decimal("20000.00")
    assert checks.half_year_pace(grants=[three_years, one_year, earlier], year=2027) == Decimal("25000.00")
    assert checks.half_year_pace(grants=[earlier], year=2026) is None
    assert checks.half_year_pace(grants=[], year=2026) is None


def test_the_previous_half_year_of_a_first_half_is_the_second_half_of_the_year_before():
    assert checks.previous_half(ReportingPeriodFactory.build(year=2026, half=1)) == (2025, 2)
    assert checks.previous_half(ReportingPeriodFactory.build(year=2026, half=2)) == (2026, 1)


def test_flags_for_a_whole_report_compare_each_intervention_with_its_own_previous_figures():
    basis = checks.CheckBasis(
        previous={1: {"participants_total": 40, "spending": Decimal("1000")}, 2: {"participants_total": 10}},
        factors={**{name: Decimal("5") for name in checks.CHECKED_FIELDS}, "spending": Decimal("3")},
        pace=Decimal("20000"),
    )
    flags = checks.report_flags(
        basis=basis,
        figures={
            1: {"participants_total": 400, "spending": Decimal("3000"), "participants_0_11": None},
            2: {"participants_total": 40, "spending": Decimal("2000")},
            3: {"participants_total": 5000, "spending": None},  # new this half-year: nothing to compare with
        },
    )
    assert {iid: [(f.field, f.change) for f in found] for iid, found in flags.items()} == {
        1: [("participants_total", "larger"), ("spending", "larger")]  # spending: factor 3 set for it
    }
    assert flags[1][0].previous == 40 and flags[1][0].current == 400 and flags[1][0].factor == 5


def test_spending_past_the_pace_flags_every_item_that_spent_something():
    basis = checks.CheckBasis(previous={}, factors=checks.check_factors(), pace=Decimal("20000"))
    over = checks.report_flags(
        basis=basis,
        figures={1: {"spending": Decimal("15000")}, 2: {"spending": Decimal("5000.01")}, 3: {"spending": 0}},
    )
    assert sorted(over) == [1, 2]
    flag = over[1][0]
    assert (flag.field, flag.change, flag.over_pace) == ("spending", "", True)
    assert flag.pace == Decimal("20000") and flag.report_spending == Decimal("20000.01")
    at_pace = checks.report_flags(basis=basis, figures={1: {"spending": Decimal("15000")}, 2: {"spending": 5000}})
    assert at_pace == {}


# Saving a report -----------------------------------------------------------------


def test_a_figure_ten_times_last_half_years_is_kept_as_a_flag_with_its_explanation(world, users):
    _previous_report(world, participants=40)
    report = start_report(world, users["bob"])
    _save(report, users["bob"], participants_total=400, explanations={"participants_total": "  Nieuwe school erbij. "})
    check = _checks(report)["participants_total"]
    assert check.change == ReportItemCheck.Change.LARGER
    assert (check.previous, check.current, check.factor) == (Decimal("40"), Decimal("400"), Decimal("5"))
    assert check.explanation == "Nieuwe school erbij."
    assert not check.over_pace
    assert check.history.first().history_user == users["bob"]


def test_a_figure_a_fifth_of_last_half_years_is_flagged_as_smaller(world, users):
    _previous_report(world, participants=40, spending="1000")
    report = start_report(world, users["bob"])
    _save(report, users["bob"], participants_total=8, spending=Decimal("201"))
    found = _checks(report)
    assert set(found) == {"participants_total"}
    assert found["participants_total"].change == ReportItemCheck.Change.SMALLER


def test_without_a_previous_report_only_the_pace_is_checked(world, users):
    report = start_report(world, users["bob"])
    _save(report, users["bob"], participants_total=100_000, spending=Decimal("100"))
    assert _checks(report) == {}


def test_an_empty_or_zero_previous_figure_gives_nothing_to_compare_with(world, users):
    _previous_report(world, participants=0, participants_0_11=None)
    report = start_report(world, users["bob"])
    _save(report, users["bob"], participants_total=500, participants_0_11=200)
    assert _checks(report) == {}


def test_a_factor_staff_set_replaces_the_default_for_that_field_only(world, users):
    _previous_report(world, participants=40, spending="1000")
    check_services.check_factors_save(factors={"participants_total": Decimal("2")}, by=users["alice"])
    report = start_report(world, users["bob"])
    _save(report, users["bob"], participants_total=80, spending=Decimal("4999"))
    found = _checks(report)
    assert set(found) == {"participants_total"}
    assert found["participants_total"].factor == Decimal("2")


def test_spending_past_the_grants_pace_is_flagged_with_the_pace_and_the_reports_total(world, users):
    grant = Grant.objects.get(municipality=world.rotterdam)
    grant.amount, grant.first_year, grant.last_year = Decimal("120000"), world.period.year, world.period.year + 2
    grant.save()
    pace = Decimal("20000.00")  # 120,000 over three years is 40,000 a year, 20,000 a half-year
    report = start_report(world, users["bob"])
    _save(report, users["bob"], spending=pace)
    assert _checks(report) == {}
    _save(report, users["bob"], spending=pace + Decimal("0.01"))
    check = _checks(report)["spending"]
    assert check.over_pace and check.change == ""
    assert (check.pace, check.report_spending) == (Decimal("20000.00"), Decimal("20000.01"))


def test_a_flag_goes_when_the_figure_is_corrected(world, users):
    _previous_report(world, participants=40)
    report = start_report(world, users["bob"])
    _save(report, users["bob"], participants_total=400, explanations={"participants_total": "Typfout?"})
    assert _checks(report)
    _save(report, users["bob"], participants_total=45)
    assert _checks(report) == {}


def test_a_save_without_explanations_keeps_the_ones_given(world, users):
    _previous_report(world, participants=40)
    report = start_report(world, users["bob"])
    _save(report, users["bob"], participants_total=400, explanations={"participants_total": "Nieuwe school erbij."})
    _save(report, users["bob"], participants_total=500)  # as the API saves: no explanations at all
    check = _checks(report)["participants_total"]
    assert (check.current, check.explanation) == (Decimal("500"), "Nieuwe school erbij.")


def test_another_municipalitys_previous_report_is_not_compared_with(world, users):
    year, half = checks.previous_half(world.period)
    other = ReportFactory(municipality=world.utrecht, period=ReportingPeriodFactory(year=year, half=half))
    ReportItemFactory(report=other, intervention=world.rotterdam_intervention, participants_total=1)
    report = start_report(world, users["bob"])
    _save(report, users["bob"], participants_total=400)
    assert _checks(report) == {}


# Settings ------------------------------------------------------------------------


def test_staff_set_a_factor_and_bring_it_back_to_the_default_with_history(users):
    check_services.check_factors_save(factors={"spending": Decimal("3")}, by=users["alice"])
    assert checks.check_factors()["spending"] == Decimal("3")
    assert checks.check_factors()["participants_total"] == checks.DEFAULT_FACTOR
    check_services.check_factors_save(factors={"spending": None}, by=users["alice"])
    assert checks.check_factors()["spending"] == checks.DEFAULT_FACTOR
    assert not ReportCheckFactor.objects.exists()
    history = list(checks.check_factor_history())
    assert [(record.history_type, record.field, record.history_user) for record in history] == [
        ("-", "spending", users["alice"]),
        ("+", "spending", users["alice"]),
    ]


def test_a_field_that_is_not_checked_cannot_get_a_factor(users):
    with pytest.raises(ValueError, match="activities"):
        check_services.check_factors_save(factors={"activities": Decimal("3")}, by=users["alice"])
