"""The report items at item level as CSV and XLSX: one row per intervention per report, every figure, the
overview's filters; staff get every municipality's rows, a municipality only its own."""

from decimal import Decimal

import pytest
from django.urls import reverse

from interventions.models import Report
from interventions.services import reports as services
from tests.export_files import csv_rows, in_english, queries_of, xlsx_rows, xlsx_sheet
from tests.interventions.reporting import signed_in, start_report, submitted_report

pytestmark = pytest.mark.django_db

URL = "interventions:report_item_export"


def _export(client, fmt: str, **query):
    response = client.get(reverse(URL, args=[fmt]), query)
    assert response.status_code == 200
    return response


def _save(report: Report, user, **values) -> Report:
    item = report.items.get()
    return services.report_save(
        report=report,
        by=user,
        revision=Report.objects.get(pk=report.pk).revision,
        items=[
            services.ItemChange(
                intervention_id=item.intervention_id,
                values=values,
                outcomes={item.intervention.protective_factors.get().pk: 4},
            )
        ],
    )


@pytest.fixture
def reports(world, users):
    """Rotterdam's report submitted with a formula in its lessons; Utrecht's a draft."""
    rotterdam = _save(
        start_report(world, users["bob"]),
        users["bob"],
        participants_total=40,
        participants_12_17=15,
        spending=Decimal("1250.50"),
        activities="Bijeenkomsten",
        lessons_learned='=HYPERLINK("http://evil","klik")',
    )
    services.report_submit(report=rotterdam, by=users["bob"])
    utrecht = start_report(world, users["carol"], world.utrecht)
    _save(utrecht, users["carol"], participants_total=0, spending=Decimal("0"), activities="Nog niets")
    return rotterdam


COLUMNS_NL = [
    "Periode",
    "CBS-code",
    "Gemeente",
    "Status",
    "Interventie",
    "Gebied",
    "Bereikte deelnemers (totaal)",
    "Waarvan 0-11 jaar",
    "Waarvan 12-17 jaar",
]


def test_staff_export_one_row_per_item_with_every_figure_and_the_overviews_filter(client, world, users, reports):
    c = signed_in(client, users["alice"])
    rows = csv_rows(_export(c, "csv", period=world.period.pk, status="submitted"))
    assert rows[0][: len(COLUMNS_NL)] == COLUMNS_NL
    assert rows[0][-1] == f"Resultaat: {world.factor.name}"
    assert len(rows) == 2  # Utrecht's draft is filtered out
    row = dict(zip(rows[0], rows[1], strict=True))
    assert (row["CBS-code"], row["Gemeente"], row["Status"]) == ("GM0599", "Rotterdam", "Ingediend")
    assert row["Interventie"] == "Weerbaar Rotterdam"
    assert row["Bereikte deelnemers (totaal)"] == "40"
    assert row["Waarvan 12-17 jaar"] == "15"
    assert row["Waarvan 0-11 jaar"] == ""  # not filled in: empty, not 0
    assert row["Uitgaven (euro)"] == "1250,50"
    assert row["Geleerde lessen"] == '\'=HYPERLINK("http://evil","klik")'
    assert row[f"Resultaat: {world.factor.name}"] == "4"


def test_staff_export_every_municipality_in_english_as_xlsx(client, world, users, reports):
    c = in_english(signed_in(client, users["alice"]))
    response = _export(c, "xlsx", period=world.period.pk)
    rows = xlsx_rows(response)
    assert rows[0][:5] == ["Period", "CBS code", "Municipality", "Status", "Intervention"]
    by_code = {row[1]: row for row in rows[1:]}
    assert set(by_code) == {"GM0599", "GM0344"}
    assert by_code["GM0344"][6] == 0  # a zero stays a zero
    assert by_code["GM0344"][7] is None
    assert by_code["GM0599"][-1] == 4
    sheet = xlsx_sheet(response)
    lessons = next(cell for cell in sheet[2] + sheet[3] if str(cell.value).startswith("'="))
    assert lessons.data_type == "s"


def test_a_municipality_exports_only_its_own_items_whatever_it_asks_for(client, world, users, reports):
    c = signed_in(client, users["carol"])
    rows = csv_rows(_export(c, "csv"))
    assert [row[1] for row in rows[1:]] == ["GM0344"]
    rows = csv_rows(_export(c, "csv", municipality="GM0599"))
    assert rows[1:] == []
    assert "Rotterdam" not in "".join(cell for row in rows for cell in row)
    rows = xlsx_rows(_export(signed_in(client, users["bob"]), "xlsx", status="submitted"))
    assert [row[1] for row in rows[1:]] == ["GM0599"]


def test_the_board_may_not_export_report_items(client, users, reports):
    assert signed_in(client, users["dave"]).get(reverse(URL, args=["csv"])).status_code == 403


def test_a_bad_filter_goes_back_to_the_overview_with_its_message(client, users, reports):
    response = signed_in(client, users["alice"]).get(reverse(URL, args=["csv"]), {"period": "999999"})
    assert response.status_code == 302
    assert response["Location"] == reverse("interventions:report_overview") + "?period=999999"


def test_the_overview_and_the_workspace_link_to_the_item_export(client, world, users, reports):
    page = signed_in(client, users["alice"]).get(reverse("interventions:report_overview"), {"status": "submitted"})
    html = page.content.decode()
    assert f'href="/verslagen/regels/export/csv/?status=submitted&amp;period={world.period.pk}"' in html
    page = signed_in(client, users["bob"]).get(reverse("interventions:workspace"))
    assert 'href="/verslagen/regels/export/xlsx/"' in page.content.decode()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_item_export_takes_the_same_number_of_queries_for_one_report_or_two(client, world, users, fmt):
    c = signed_in(client, users["alice"])
    url = reverse(URL, args=[fmt])
    submitted_report(world, users["bob"])
    one = queries_of(c, url)
    submitted_report(world, users["carol"], world.utrecht)
    assert queries_of(c, url) == one
