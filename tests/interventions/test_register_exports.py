"""The register's intervention and evaluation lists as CSV and XLSX: the page's filters, its headers in the
reader's language, formula-like names defused, and a fixed number of queries however many rows."""

import datetime

import pytest
from django.urls import reverse

from core.models import SecurityEvent
from interventions.models import Evaluation, Intervention
from tests.export_files import by_first_column, csv_rows, in_english, queries_of, xlsx_rows, xlsx_sheet
from tests.factories import EvaluationFactory, InterventionFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _export(client, name: str, fmt: str, **query):
    response = client.get(reverse(name, args=[fmt]), query)
    assert response.status_code == 200
    return response


@pytest.fixture
def interventions():
    owner = OrganisationFactory(name="Stichting Samen")
    return {
        "public": InterventionFactory(
            name="Buurtkracht test",
            owner=owner,
            stage=Intervention.Stage.DEVELOPED,
            developed_on=datetime.date(2024, 5, 1),
            evidence_level=Intervention.EvidenceLevel.WELL_DESCRIBED,
        ),
        "hidden": InterventionFactory(name="Verborgen test", owner=owner, is_public=False),
        "formula": InterventionFactory(name='=HYPERLINK("http://evil") test', owner=owner),
    }


def test_the_intervention_export_has_the_pages_columns_and_filter_in_dutch(staff_client, interventions):
    rows = csv_rows(_export(staff_client, "interventions:intervention_export", "csv", q="test", is_public="yes"))
    assert rows[0] == ["Interventie", "Eigenaar", "Fase", "Ontwikkeld op", "Mate van bewijs", "Evaluaties", "Openbaar"]
    found = by_first_column(rows)
    assert "Verborgen test" not in found  # the filter of the page: public only
    assert found["Buurtkracht test"] == [
        "Buurtkracht test",
        "Stichting Samen",
        "Ontwikkeld",
        "01-05-2024",
        interventions["public"].get_evidence_level_display(),
        "0",
        "ja",
    ]
    # A name that a spreadsheet would run as a formula is text.
    assert '\'=HYPERLINK("http://evil") test' in found
    # An empty date is an empty cell.
    assert found['\'=HYPERLINK("http://evil") test'][3] == ""


def test_the_intervention_export_in_english_as_xlsx(staff_client, interventions):
    response = _export(in_english(staff_client), "interventions:intervention_export", "xlsx", q="test")
    assert response["Content-Disposition"] == 'attachment; filename="interventies.xlsx"'
    sheet = xlsx_sheet(response)
    assert [cell.value for cell in sheet[1]][:3] == ["Intervention", "Owner", "Stage"]
    rows = by_first_column(xlsx_rows(response))
    assert set(rows) == {"Buurtkracht test", "Verborgen test", '\'=HYPERLINK("http://evil") test'}
    assert rows["Buurtkracht test"][3] == datetime.datetime(2024, 5, 1)
    assert rows["Verborgen test"][6] == "no"
    formula = next(row for row in sheet.iter_rows(min_row=2) if row[0].value.startswith("'="))
    assert formula[0].data_type == "s"


def test_the_evaluation_export_takes_the_filter_and_defuses_formulas(staff_client, interventions):
    evaluator = OrganisationFactory(name="+Bureau Onderzoek")
    EvaluationFactory(intervention=interventions["public"], title="Procesevaluatie buurt", evaluator=evaluator)
    EvaluationFactory(
        intervention=interventions["public"],
        title="Effectevaluatie buurt",
        kind=Evaluation.Kind.EFFECT,
        status=Evaluation.Status.PLANNED,
        completed_on=None,
    )
    rows = csv_rows(_export(staff_client, "interventions:evaluation_export", "csv", q="buurt", kind="process"))
    assert rows[0][:5] == ["Evaluatie", "Interventie", "Soort", "Evaluator", "Status"]
    assert [row[0] for row in rows[1:]] == ["Procesevaluatie buurt"]
    assert rows[1][3] == "'+Bureau Onderzoek"
    response = _export(in_english(staff_client), "interventions:evaluation_export", "xlsx", q="buurt")
    rows = by_first_column(xlsx_rows(response))
    assert list(xlsx_rows(response)[0][:2]) == ["Evaluation", "Intervention"]
    assert rows["Procesevaluatie buurt"][3] == "'+Bureau Onderzoek"
    assert rows["Effectevaluatie buurt"][6] is None  # not completed: an empty cell


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("name", ["interventions:intervention_export", "interventions:evaluation_export"])
def test_an_export_takes_the_same_number_of_queries_for_one_row_or_many(staff_client, name, fmt):
    url = reverse(name, args=[fmt])
    EvaluationFactory(evaluator=OrganisationFactory())
    one = queries_of(staff_client, url)
    for _ in range(5):
        EvaluationFactory(evaluator=OrganisationFactory())
    assert queries_of(staff_client, url) == one


def test_each_export_is_in_the_security_log_with_its_filter(staff_client, interventions):
    _export(staff_client, "interventions:intervention_export", "csv", q="test")
    event = SecurityEvent.objects.get(event="export.csv")
    assert event.details["export"] == "interventions"
    assert event.details["query"] == "q=test"
    assert event.details["rows"] == 3


def test_an_unknown_format_is_not_found(staff_client):
    assert staff_client.get(reverse("interventions:intervention_export", args=["pdf"])).status_code == 404


def test_the_list_page_links_to_its_export_with_its_filters(staff_client, interventions):
    page = staff_client.get(reverse("interventions:intervention_list"), {"q": "test", "page": "1"})
    html = page.content.decode()
    assert 'href="/register/interventies/export/csv/?q=test"' in html
    assert 'href="/register/interventies/export/xlsx/?q=test"' in html
