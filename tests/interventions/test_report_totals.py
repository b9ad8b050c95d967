"""A report's figures are frozen when it is handed in (interventions/services/report_totals.py): the map and the
dashboards add them up instead of every item. They follow the report through the workflow and the admin, and
the figures per municipality are the same whether a report's totals are frozen or summed from its items."""

import datetime
from decimal import Decimal

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.utils import timezone

from analysis.snapshots import reach_per_municipality
from interventions.models import Report, ReportItem
from interventions.services import reports as services
from interventions.services.report_totals import freeze_missing_totals
from tests.factories import InterventionFactory, ReportFactory, ReportItemFactory
from tests.interventions.reporting import fill_report, save_items, start_report, submitted_report

pytestmark = pytest.mark.django_db

FROZEN = ("frozen_items", "frozen_reach", "frozen_spending")


def frozen(report: Report) -> tuple:
    return Report.objects.values_list(*FROZEN).get(pk=report.pk)


def after_the_half_year(world) -> datetime.date:
    return datetime.date(world.period.year + 1, 1, 1)


def test_submitting_freezes_the_items_reach_and_spending(world, users):
    second = InterventionFactory(name="Tweede interventie", municipalities=[world.rotterdam])
    report = save_items(
        start_report(world, users["bob"]),
        users["bob"],
        {
            world.rotterdam_intervention.pk: {"participants_total": 40, "spending": Decimal("1250.50")},
            second.pk: {"participants_total": 0, "spending": Decimal("99")},
        },
    )
    assert frozen(report) == (None, None, None)  # a draft counts nowhere

    services.report_submit(report=report, by=users["bob"])

    assert frozen(report) == (2, 40, Decimal("1349.50"))


def test_sending_back_or_reopening_empties_them_and_submitting_again_freezes_the_new_figures(world, users):
    report = submitted_report(world, users["bob"])
    services.report_return(report=report, by=users["alice"], comment="Klopt het bereik?")
    assert frozen(report) == (None, None, None)

    fill_report(report, users["bob"], spending="800", participants=55)
    services.report_submit(report=report, by=users["bob"])
    assert frozen(report) == (1, 55, Decimal("800.00"))

    services.report_accept(report=report, by=users["alice"])
    assert frozen(report) == (1, 55, Decimal("800.00"))
    services.report_reopen(report=report, by=users["alice"], reason="Uitgaven corrigeren")
    assert frozen(report) == (None, None, None)


def test_a_change_in_the_admin_to_a_counted_reports_items_follows_into_the_frozen_figures(world, users):
    report = submitted_report(world, users["bob"])
    item = report.items.get()
    request = RequestFactory().post("/admin/")
    request.user = users["alice"]
    item_admin = admin.site._registry[ReportItem]

    item.participants_total = 70
    item_admin.save_model(request, item, form=None, change=True)
    assert frozen(report) == (1, 70, Decimal("1000.00"))

    second = ReportItemFactory(report=report, participants_total=5, spending=Decimal("10"))
    item_admin.save_model(request, second, form=None, change=False)
    assert frozen(report) == (2, 75, Decimal("1010.00"))

    item_admin.delete_queryset(request, ReportItem.objects.filter(pk=second.pk))
    assert frozen(report) == (1, 70, Decimal("1000.00"))
    item_admin.delete_model(request, item)
    assert frozen(report) == (0, None, None)


def test_figures_per_municipality_are_the_same_frozen_or_summed(world, users):
    bob_report = submitted_report(world, users["bob"])  # frozen by report_submit
    # Utrecht's report reached "submitted" without the service: its totals are empty, its items summed.
    carol_report = ReportFactory(
        municipality=world.utrecht,
        period=world.period,
        status=Report.Status.SUBMITTED,
        submitted_at=bob_report.submitted_at,
    )
    ReportItemFactory(
        report=carol_report, intervention=world.utrecht_intervention, participants_total=12, spending=Decimal("300")
    )
    as_of = after_the_half_year(world)
    expected = {
        world.rotterdam.pk: {"reach": 40, "spending": Decimal("1000.00")},
        world.utrecht.pk: {"reach": 12, "spending": Decimal("300.00")},
    }
    assert frozen(carol_report) == (None, None, None)
    assert reach_per_municipality(as_of) == expected

    assert freeze_missing_totals() == 1
    assert frozen(carol_report) == (1, 12, Decimal("300.00"))
    assert reach_per_municipality(as_of) == expected
    # Not yet counted before the half-year has ended.
    assert reach_per_municipality(world.today) == {}


def test_a_counted_report_without_items_is_frozen_as_empty_and_not_reported(world, users):
    empty = ReportFactory(
        municipality=world.utrecht,
        period=world.period,
        status=Report.Status.ACCEPTED,
        submitted_at=timezone.now(),
    )
    ReportFactory(municipality=world.rotterdam, period=world.period, status=Report.Status.DRAFT)

    assert freeze_missing_totals() == 1  # the draft is not counted, so it gets none
    assert frozen(empty) == (0, None, None)
    assert reach_per_municipality(after_the_half_year(world)) == {}
