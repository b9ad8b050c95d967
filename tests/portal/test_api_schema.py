"""The OpenAPI document tells the truth about nulls and errors, and an API URL that names nothing is a JSON 404."""

import pytest

from tests.openapi import published_schema

SCHEMA = published_schema()


def _property(component: str, name: str) -> dict:
    return SCHEMA["components"]["schemas"][component]["properties"][name]


@pytest.mark.parametrize(
    ("component", "name"),
    [
        ("Report", "created_by"),
        ("Report", "submitted_by"),  # null on a draft
        ("Report", "reviewed_by"),  # null until staff accept or return it
        ("Advice", "kpi"),  # null when the advice is about no KPI
        ("Advice", "action_line"),
        ("Advice", "dashboard"),
        ("KpiResult", "value"),  # null: no data, never 0
        ("KpiResult", "deadline"),
        ("BudgetRow", "action_line"),  # null: other costs
    ],
)
def test_a_field_that_can_be_null_is_declared_nullable(component, name):
    assert _property(component, name).get("nullable") is True


def _operations():
    for path, methods in SCHEMA["paths"].items():
        for method, operation in methods.items():
            label = f"{method.upper()} {path}"
            yield pytest.param(label, operation, id=label)


@pytest.mark.parametrize(("label", "operation"), list(_operations()))
def test_every_operation_documents_how_it_refuses(label, operation):
    responses = operation["responses"]
    security = operation.get("security", [])
    if security and {} not in security:
        assert {"401", "403"} <= set(responses), label
    if "{" in label:
        assert "404" in responses, label
    if "requestBody" in operation:
        assert {"400", "415"} <= set(responses), label
    for code, response in responses.items():
        if code >= "400":
            assert "application/json" in response.get("content", {}), f"{label} {code} has a body of its own"


def test_an_error_says_why_in_a_detail():
    assert SCHEMA["components"]["schemas"]["Error"]["required"] == ["detail"]


@pytest.mark.django_db
def test_an_api_url_that_names_nothing_is_a_json_404_and_a_page_is_still_a_page(client):
    response = client.get("/api/reports/not-a-number/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Niet gevonden."}
    page = client.get("/bestaat-niet/")
    assert page.status_code == 404 and page["Content-Type"].startswith("text/html")


def test_a_code_with_a_nul_character_names_nothing_instead_of_a_server_error(db):
    from rest_framework.exceptions import ValidationError

    from interventions.api.report_serializers import ReportItemOutcomeSerializer

    field = ReportItemOutcomeSerializer().fields["protective_factor"]
    with pytest.raises(ValidationError) as refused:
        field.to_internal_value("PF\x0001")
    assert refused.value.detail[0].code == "does_not_exist"


@pytest.mark.parametrize(
    "path", ["/api/register/municipalities/?search=a%00b", "/api/register/municipalities/GM%000599/"]
)
def test_a_nul_character_in_a_path_or_query_is_a_bad_request(staff_client, path):
    response = staff_client.get(path)
    assert response.status_code == 400
    assert "detail" in response.json()
