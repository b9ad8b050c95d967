"""The read API of KPIs, budget and expenditures: values as of a date, clear 400s, staff only, in the schema."""

import datetime

import pytest
import yaml
from django.urls import reverse

from agenda.models import Kpi, KpiMeasurement
from tests.factories import InterventionFactory, make_user

pytestmark = pytest.mark.django_db

D = datetime.date
LIST = reverse("analysis_api:kpi-list")


@pytest.fixture
def staff(client, db):
    client.force_login(make_user("alice", role="staff"))
    return client


def test_each_kpi_has_its_value_status_target_and_trend_as_of_the_date(staff):
    InterventionFactory(stage="developed", developed_on=D(2024, 3, 1))
    InterventionFactory(stage="evaluated", developed_on=D(2024, 9, 1))
    rows = {row["code"]: row for row in staff.get(LIST, {"as_of": "2024-12-31"}).json()}
    assert list(rows) == [f"K{n:02d}" for n in range(1, 13)]
    k05 = rows["K05"]
    assert (k05["value"], k05["target"], k05["unit"], k05["period"], k05["deadline"]) == (
        "2.00",
        "15.00",
        "count",
        "deadline",
        "2025-12-31",  # "uiterlijk in 2025"
    )
    assert k05["status"] == "behind" and k05["status_label"] == "Achter"
    assert k05["as_of"] == "2024-12-31" and k05["action_line"] == "AL2"
    assert k05["trend"] == [
        {"date": "2023-06-30", "value": "0.00"},
        {"date": "2023-12-31", "value": "0.00"},
        {"date": "2024-06-30", "value": "1.00"},
        {"date": "2024-12-31", "value": "2.00"},
    ]


def test_no_data_is_null_with_its_own_status_never_zero(staff):
    k03 = staff.get(reverse("analysis_api:kpi-detail", args=["K04"]), {"as_of": "2024-06-30"}).json()
    assert (k03["value"], k03["progress"], k03["status"]) == (None, None, "no_data")
    KpiMeasurement.objects.create(kpi=Kpi.objects.get(code="K04"), measured_on=D(2024, 3, 1), value=0)
    k03 = staff.get(reverse("analysis_api:kpi-detail", args=["K04"]), {"as_of": "2024-06-30"}).json()
    assert (k03["value"], k03["status"]) == ("0.00", "behind")


@pytest.mark.parametrize(
    ("value", "words"),
    [("2024-06-31", "Dit is geen bestaande datum"), ("1999-01-01", "vóór de start"), ("2999-01-01", "toekomst")],
)
def test_a_bad_date_is_a_400_that_says_why(staff, value, words):
    for url in (LIST, reverse("analysis_api:kpi-members", args=["K05"]), reverse("analysis_api:budget")):
        response = staff.get(url, {"as_of": value})
        assert response.status_code == 400, url
        assert words in response.json()["as_of"][0]


def test_the_message_is_english_when_the_client_asks_for_english(staff):
    response = staff.get(LIST, {"as_of": "2024-06-31"}, headers={"accept-language": "en"})
    assert response.status_code == 400
    assert response.json()["as_of"][0].startswith("This is not a valid date.")


def test_the_list_filters_by_action_line_like_the_page(staff):
    assert [row["code"] for row in staff.get(LIST, {"action_line": "AL2"}).json()] == ["K05", "K06"]
    response = staff.get(LIST, {"action_line": "AL7"})
    assert response.status_code == 400 and "action_line" in response.json()


def test_members_are_paged_and_say_why_they_count(staff):
    for day in range(1, 6):
        InterventionFactory(stage="developed", developed_on=D(2024, 3, day))
    url = reverse("analysis_api:kpi-members", args=["K05"])
    page = staff.get(url, {"as_of": "2024-12-31", "page_size": 2}).json()
    assert page["count"] == 5 and len(page["results"]) == 2 and page["next"]
    assert page["results"][0]["kind"] == "intervention"
    assert page["results"][0]["reason"].startswith("Ontwikkeld op")


def test_an_unknown_kpi_is_a_404(staff):
    assert staff.get(reverse("analysis_api:kpi-detail", args=["K99"])).status_code == 404
    assert staff.get(reverse("analysis_api:kpi-members", args=["K99"])).status_code == 404


def test_only_staff_read_it(client, db):
    assert client.get(LIST).status_code == 401
    for role, extra in (("board", {}), ("municipality", {"cbs_code": "GM0599"})):
        client.force_login(make_user(role, role=role, **extra))
        assert client.get(LIST).status_code == 403
        assert client.get(reverse("analysis_api:budget")).status_code == 403


def test_the_endpoints_are_in_the_openapi_schema_with_the_date_parameter(staff):
    schema = yaml.safe_load(staff.get(reverse("api-schema")).content)
    paths = schema["paths"]
    for path in ("/api/kpis/", "/api/kpis/{code}/", "/api/kpis/{code}/members/", "/api/budget/", "/api/expenditures/"):
        assert path in paths, path
    parameters = {p["name"]: p for p in paths["/api/kpis/"]["get"]["parameters"]}
    assert parameters["as_of"]["schema"]["format"] == "date"
    assert "action_line" in parameters
    assert "400" in paths["/api/kpis/"]["get"]["responses"]
    expenditure_filters = {p["name"] for p in paths["/api/expenditures/"]["get"]["parameters"]}
    assert {"action_line", "kind", "year", "q"} <= expenditure_filters


def test_the_list_takes_a_fixed_number_of_queries(staff, django_assert_num_queries):
    with django_assert_num_queries(17):
        assert staff.get(LIST).status_code == 200
    for day in range(1, 9):
        InterventionFactory(stage="developed", developed_on=D(2024, 3, day))
    with django_assert_num_queries(17):
        assert staff.get(LIST).status_code == 200


def test_a_page_of_members_reads_the_same_queries_however_long_the_list(staff, django_assert_num_queries):
    url = reverse("analysis_api:kpi-members", args=["K05"])

    def page_two():
        return staff.get(url, {"as_of": "2024-12-31", "page_size": 3, "page": 2}).json()

    for day in range(1, 8):
        InterventionFactory(name=f"Interventie {day:02d}", stage="developed", developed_on=D(2024, 3, day))
    staff.get(url, {"as_of": "2024-12-31"})  # the session and the programme, read once
    with django_assert_num_queries(8) as few:
        short = page_two()
    for day in range(8, 28):
        InterventionFactory(name=f"Interventie {day:02d}", stage="developed", developed_on=D(2024, 4, day))
    with django_assert_num_queries(8):
        long = page_two()

    assert [row["label"] for row in short["results"]] == ["Interventie 04", "Interventie 05", "Interventie 06"]
    assert [row["label"] for row in long["results"]] == ["Interventie 04", "Interventie 05", "Interventie 06"]
    assert (short["count"], long["count"]) == (7, 27)
    # Only the page's own rows are read: a LIMIT on the members' query.
    assert any("LIMIT 3" in query["sql"] for query in few.captured_queries)
