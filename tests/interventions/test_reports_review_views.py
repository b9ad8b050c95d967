"""Reviewing reports, the overview and its exports, API tokens and what the board reads: the staff side of reporting."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from interventions.models import Report
from interventions.services import reports as services
from tests.factories import GrantFactory
from tests.interventions.reporting import (
    PDF_BYTES,
    edit_url,
    fill_report,
    signed_in,
    start_report,
    submitted_report,
    upload,
)

pytestmark = pytest.mark.django_db


# Review --------------------------------------------------------------------------


def _review(client, report, **data):
    return client.post(reverse("interventions:report_review", args=[report.pk]), {"form": "review", **data})


def test_returning_without_a_comment_is_refused(client, world, users):
    report = submitted_report(world, users["bob"])
    response = _review(signed_in(client, users["alice"]), report, decision="return", comment=" ")
    assert response.status_code == 400
    assert "Schrijf waarom u het verslag terugstuurt" in response.content.decode()
    assert Report.objects.get().status == Report.Status.SUBMITTED


def test_staff_return_a_report_and_the_municipality_sees_the_comment(client, world, users):
    report = submitted_report(world, users["bob"])
    response = _review(signed_in(client, users["alice"]), report, decision="return", comment="Graag de lessen invullen")
    assert response.status_code == 302
    assert Report.objects.get().status == Report.Status.RETURNED
    client.force_login(users["bob"])
    page = client.get(reverse("interventions:report_detail", args=[report.pk])).content.decode()
    assert "Teruggestuurd door de programmastaf" in page
    assert "Graag de lessen invullen" in page
    edit_page = client.get(edit_url(report)).content.decode()
    assert "Graag de lessen invullen" in edit_page


def test_staff_accept_and_a_second_decision_gets_a_clear_message(client, world, users):
    report = submitted_report(world, users["bob"])
    c = signed_in(client, users["alice"])
    assert _review(c, report, decision="accept").status_code == 302
    response = _review(c, report, decision="return", comment="Toch niet")
    assert response.status_code == 409
    assert "Dit verslag is al geaccepteerd." in response.content.decode()


def test_reopening_needs_a_reason_and_shows_in_the_history(client, world, users):
    report = services.report_accept(report=submitted_report(world, users["bob"]), by=users["alice"])
    c = signed_in(client, users["alice"])
    url = reverse("interventions:report_review", args=[report.pk])
    response = c.post(url, {"form": "reopen", "reason": ""})
    assert response.status_code == 400
    assert "Schrijf waarom u het verslag heropent" in response.content.decode()
    assert c.post(url, {"form": "reopen", "reason": "Bedrag klopt niet"}).status_code == 302
    history = c.get(reverse("interventions:report_history", args=[report.pk])).content.decode()
    for step in ("Verslag begonnen", "Ingediend", "Geaccepteerd", "Heropend", "Bedrag klopt niet"):
        assert step in history


def test_the_history_shows_field_changes_with_dutch_labels(client, world, users):
    report = fill_report(start_report(world, users["bob"]), users["bob"], spending="1000")
    fill_report(report, users["bob"], spending="1500")
    page = (
        signed_in(client, users["bob"]).get(reverse("interventions:report_history", args=[report.pk])).content.decode()
    )
    assert "Uitgaven (euro)" in page
    assert "1.000,00" in page and "1.500,00" in page
    assert "Weerbaar Rotterdam" in page


# Overview and exports --------------------------------------------------------------


def test_the_overview_counts_states_and_shows_missing_reports_as_overdue_after_the_deadline(client, world, users):
    world.period.deadline = world.today - datetime.timedelta(days=1)
    world.period.opens_on = world.today - datetime.timedelta(days=40)
    world.period.save()
    submitted_report(world, users["bob"])  # Rotterdam handed in; Utrecht has a grant but no report
    response = signed_in(client, users["alice"]).get(reverse("interventions:report_overview"))
    page = response.content.decode()
    rows = {row.municipality.cbs_code: row for row in response.context["overview"].rows}
    assert rows["GM0344"].report is None and rows["GM0344"].is_overdue
    assert rows["GM0599"].status == Report.Status.SUBMITTED and not rows["GM0599"].is_overdue
    counts = {c.code: c.count for c in response.context["overview"].counts}
    assert counts["missing"] == 1 and counts["submitted"] == 1 and counts["draft"] == 0
    assert response.context["overview"].overdue_count == 1
    assert "Niet begonnen" in page and "Te laat" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "submitted"}, {"GM0599"}),
        ({"status": "missing"}, {"GM0344"}),
        ({"municipality": "GM0344"}, {"GM0344"}),
        ({"overdue": "true"}, set()),
        ({"overdue": "false"}, {"GM0599", "GM0344"}),
        ({"status": "accepted"}, set()),
    ],
)
def test_the_overview_filters(client, world, users, query, expected):
    submitted_report(world, users["bob"])
    response = signed_in(client, users["alice"]).get(reverse("interventions:report_overview"), query)
    assert {row.municipality.cbs_code for row in response.context["overview"].rows} == expected


def test_a_bad_filter_value_is_shown_as_an_error_not_a_crash(client, world, users):
    response = signed_in(client, users["alice"]).get(
        reverse("interventions:report_overview"), {"period": "abc", "status": "nonsense", "municipality": "GM9999"}
    )
    assert response.status_code == 200
    assert response.context["overview"].period == world.period


def test_the_overview_exports_to_csv_and_xlsx_with_the_same_rows(client, world, users):
    submitted_report(world, users["bob"])
    c = signed_in(client, users["alice"])
    response = c.get(reverse("interventions:report_export", args=["csv"]), {"status": "submitted"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Periode", "CBS-code", "Gemeente", "Status"]
    assert [row[1:4] for row in rows[1:]] == [["GM0599", "Rotterdam", "Ingediend"]]
    assert rows[1][-1] == "1000,00"
    response = c.get(reverse("interventions:report_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["B1"].value == "CBS-code"
    assert sorted(sheet.cell(row=r, column=2).value for r in (2, 3)) == ["GM0344", "GM0599"]
    assert c.get(reverse("interventions:report_export", args=["pdf"])).status_code == 404


def test_the_sisa_summary_gives_spending_cumulative_carried_over_and_final_account(client, world, users):
    rotterdam_grant = world.rotterdam.grants.get()
    earlier_year = world.today.year
    fill_report(start_report(world, users["bob"]), users["bob"], spending="30000")
    c = signed_in(client, users["alice"])
    response = c.get(reverse("interventions:sisa_summary"), {"jaar": earlier_year})
    rows = {row.municipality.cbs_code: row for row in response.context["rows"]}
    rotterdam = rows["GM0599"]
    assert (rotterdam.spending_in_year, rotterdam.cumulative) == (Decimal("30000"), Decimal("30000"))
    assert rotterdam.carried_over == rotterdam_grant.amount - Decimal("30000")
    assert rotterdam.is_final is False
    last = c.get(reverse("interventions:sisa_summary"), {"jaar": rotterdam_grant.last_year}).context["rows"]
    final = next(row for row in last if row.municipality.cbs_code == "GM0599")
    assert (final.spending_in_year, final.cumulative, final.is_final, final.carried_over) == (
        Decimal("0"),
        Decimal("30000"),
        True,
        None,
    )
    response = c.get(reverse("interventions:sisa_export", args=[earlier_year, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = {sheet.cell(row=r, column=1).value: [c.value for c in sheet[r]] for r in range(2, sheet.max_row + 1)}
    assert values["GM0599"][6] == 30000
    assert values["GM0599"][9] == "nee"


def test_grants_over_the_same_years_share_one_budget(world, users):
    from interventions.selectors.reports import budgets_for

    GrantFactory(municipality=world.rotterdam, first_year=world.today.year, last_year=world.today.year + 1, amount=5)
    budgets = budgets_for(municipality=world.rotterdam)
    assert len(budgets) == 1
    assert budgets[0].amount == Decimal("100005")


def test_the_board_reads_a_submitted_report_but_not_its_history_and_changes_nothing(client, world, users, media):
    report = start_report(world, users["bob"])
    report = services.report_save(
        report=report, by=users["bob"], revision=report.revision, add_files=[upload("a.pdf", PDF_BYTES)]
    )
    c = signed_in(client, users["dave"])
    detail = reverse("interventions:report_detail", args=[report.pk])
    download = reverse("interventions:attachment_download", args=[report.attachments.get().pk])
    assert c.get(detail).status_code == 404  # a draft: the board never sees it
    assert c.get(download).status_code == 404
    report = services.report_submit(report=fill_report(report, users["bob"]), by=users["bob"])
    page = c.get(detail).content.decode()
    assert "Weerbaar Rotterdam" in page
    assert "Verslag bewerken" not in page and "Beoordelen" not in page and "Geschiedenis van dit verslag" not in page
    assert c.get(download).status_code == 200
    assert c.get(reverse("interventions:report_history", args=[report.pk])).status_code == 403
    assert c.get(edit_url(report)).status_code == 403
    assert c.get(reverse("interventions:report_review", args=[report.pk])).status_code == 403
    services.report_return(report=report, by=users["alice"], comment="Aanvullen")
    assert c.get(detail).status_code == 404  # returned: back to work in progress
