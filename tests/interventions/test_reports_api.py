"""The reports API: what a municipality's own system can do with a token, and what it cannot."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from core.tokens import token_create
from interventions.models import Report
from tests.factories import InterventionFactory, ReportingPeriodFactory
from tests.interventions.reporting import (
    fill_report,
    start_report,
    submitted_report,
)

pytestmark = pytest.mark.django_db


def _api(user=None, *, token=False) -> APIClient:
    client = APIClient()
    if user is not None and token:
        client.credentials(HTTP_AUTHORIZATION=f"Token {token_create(by=user, name='system', address=None)[1]}")
    elif user is not None:
        client.force_authenticate(user)
    return client


LIST = reverse("interventions_api:report-list")


def _detail(report) -> str:
    return reverse("interventions_api:report-detail", args=[report.pk])


def test_anonymous_callers_are_asked_to_authenticate():
    response = APIClient().get(LIST)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_municipality_system_lists_only_its_own_reports_with_a_token(world, users):
    mine = start_report(world, users["bob"])
    start_report(world, users["carol"], world.utrecht)
    response = _api(users["bob"], token=True).get(LIST)
    assert response.status_code == 200
    assert [r["id"] for r in response.data["results"]] == [mine.pk]
    assert response.data["results"][0]["municipality"] == {"cbs_code": "GM0599", "name": "Rotterdam"}


def test_another_municipalitys_report_answers_404_for_every_method(world, users):
    theirs = start_report(world, users["carol"], world.utrecht)
    item = theirs.items.get()
    api = _api(users["bob"], token=True)
    assert api.get(_detail(theirs)).status_code == 404
    assert api.patch(_detail(theirs), {"revision": theirs.revision, "summary": "x"}, format="json").status_code == 404
    assert api.post(reverse("interventions_api:report-submit", args=[theirs.pk]), {}, format="json").status_code == 404
    assert api.get(reverse("interventions_api:report-item-list", args=[theirs.pk])).status_code == 404
    item_url = reverse("interventions_api:report-item-detail", args=[theirs.pk, item.pk])
    assert api.get(item_url).status_code == 404
    assert api.patch(item_url, {"revision": theirs.revision, "spending": "1"}, format="json").status_code == 404
    # An item of theirs under a report of mine is not found either.
    mine = start_report(world, users["bob"])
    assert api.get(reverse("interventions_api:report-item-detail", args=[mine.pk, item.pk])).status_code == 404
    assert Report.objects.get(pk=theirs.pk).summary == ""


def test_the_board_reads_only_submitted_and_accepted_reports_and_writes_nothing(world, users):
    draft = start_report(world, users["carol"], world.utrecht)
    handed_in = submitted_report(world, users["bob"])
    api = _api(users["dave"])
    assert [r["id"] for r in api.get(LIST).data["results"]] == [handed_in.pk]
    assert api.get(_detail(draft)).status_code == 404
    assert api.get(_detail(handed_in)).status_code == 200
    assert api.patch(_detail(handed_in), {"revision": 1}, format="json").status_code == 403


def test_staff_read_everything_but_do_not_write_reports(world, users):
    report = start_report(world, users["bob"])
    api = _api(users["alice"])
    assert api.get(_detail(report)).status_code == 200
    assert api.post(LIST, {"period": world.period.pk}, format="json").status_code == 403
    assert api.patch(_detail(report), {"revision": report.revision}, format="json").status_code == 403


def test_a_user_without_a_role_gets_nothing(world, users):
    assert _api(users["eve"]).get(LIST).status_code == 403


def test_a_municipality_creates_fills_and_submits_a_report(
    world, users, mailoutbox, django_capture_on_commit_callbacks
):
    api = _api(users["bob"], token=True)
    response = api.post(
        LIST,
        {
            "period": world.period.pk,
            "summary": "Via ons eigen systeem",
            "items": [
                {
                    "intervention": world.rotterdam_intervention.pk,
                    "participants_total": 80,
                    "participants_18_26": 30,
                    "activities": "Trainingen",
                    "spending": "2500.00",
                    "outcomes": [{"protective_factor": "PF01", "rating": 4}],
                }
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.data
    report = Report.objects.get()
    assert report.created_by == users["bob"]
    item = response.data["items"][0]
    assert (item["participants_total"], item["spending"], item["outcomes"][0]["rating"]) == (80, "2500.00", 4)
    assert response.data["total_spending"] == "2500.00"
    # The history knows the token's user.
    assert report.items.get().history.first().history_user == users["bob"]

    response = api.patch(
        _detail(report), {"revision": response.data["revision"], "summary": "Bijgewerkt"}, format="json"
    )
    assert response.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            reverse("interventions_api:report-submit", args=[report.pk]), {"revision": response.data["revision"]}
        )
    assert response.status_code == 200
    assert response.data["status"] == "submitted"
    assert len(mailoutbox) == 1


def test_an_item_is_updated_with_the_reports_revision(world, users):
    report = start_report(world, users["bob"])
    item = report.items.get()
    url = reverse("interventions_api:report-item-detail", args=[report.pk, item.pk])
    api = _api(users["bob"], token=True)
    response = api.patch(url, {"revision": report.revision, "spending": "300.50", "notes": "Via API"}, format="json")
    assert response.status_code == 200, response.data
    assert (response.data["spending"], response.data["notes"]) == ("300.50", "Via API")
    assert response.data["revision"] == report.revision + 1
    # The same, stale revision again: 409 and nothing saved.
    response = api.patch(url, {"revision": report.revision, "spending": "1"}, format="json")
    assert response.status_code == 409
    assert response.data["current_revision"] == report.revision + 1
    assert report.items.get().spending == 300.5
    # No revision at all: refused.
    assert api.patch(url, {"spending": "1"}, format="json").status_code == 400


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"participants_total": -1}, "participants_total"),
        ({"spending": "-5.00"}, "spending"),
        ({"outcomes": [{"protective_factor": "PF01", "rating": 6}]}, "outcomes"),
        ({"outcomes": [{"protective_factor": "NOPE", "rating": 3}]}, "outcomes"),
    ],
)
def test_bad_item_values_get_400_with_the_field_named(world, users, payload, field):
    report = start_report(world, users["bob"])
    item = report.items.get()
    response = _api(users["bob"]).patch(
        reverse("interventions_api:report-item-detail", args=[report.pk, item.pk]),
        {"revision": report.revision, **payload},
        format="json",
    )
    assert response.status_code == 400
    assert field in response.data


def test_age_bands_over_the_total_are_refused_by_the_api(world, users):
    report = start_report(world, users["bob"])
    item = report.items.get()
    response = _api(users["bob"]).patch(
        reverse("interventions_api:report-item-detail", args=[report.pk, item.pk]),
        {"revision": report.revision, "participants_total": 5, "participants_0_11": 6},
        format="json",
    )
    assert response.status_code == 400
    assert "leeftijdsgroepen" in response.data["items"][str(item.intervention_id)]["participants_total"][0]


def test_a_second_report_and_a_closed_period_are_refused_with_a_message(world, users):
    api = _api(users["bob"])
    assert api.post(LIST, {"period": world.period.pk}, format="json").status_code == 201
    response = api.post(LIST, {"period": world.period.pk}, format="json")
    assert response.status_code == 400
    assert "al een verslag" in response.data["period"][0]
    closed = ReportingPeriodFactory(
        year=2020, half=2, opens_on=datetime.date(2020, 7, 1), deadline=datetime.date(2021, 2, 28)
    )
    closed.closes_on = datetime.date(2021, 3, 31)
    closed.save()
    response = api.post(LIST, {"period": closed.pk}, format="json")
    assert response.status_code == 400
    assert "gesloten" in response.data["period"][0]


def test_submitting_with_empty_figures_is_refused_by_the_api_per_item(world, users):
    report = start_report(world, users["bob"])
    response = _api(users["bob"]).post(reverse("interventions_api:report-submit", args=[report.pk]), {}, format="json")
    assert response.status_code == 400
    missing = response.data["items"][str(world.rotterdam_intervention.pk)]
    assert set(missing) == {"participants_total", "spending"}
    assert "Nog niet ingevuld" in missing["spending"][0]
    assert Report.objects.get().status == Report.Status.DRAFT


def test_a_submitted_report_cannot_be_changed_over_the_api(world, users):
    report = submitted_report(world, users["bob"])
    response = _api(users["bob"]).patch(_detail(report), {"revision": report.revision, "summary": "x"}, format="json")
    assert response.status_code == 409
    assert "ingediend" in response.data["detail"]


def test_spending_over_the_grant_is_refused_by_the_api(world, users):
    report = start_report(world, users["bob"])
    response = _api(users["bob"]).patch(
        _detail(report),
        {
            "revision": report.revision,
            "items": [{"intervention": world.rotterdam_intervention.pk, "spending": "100001"}],
        },
        format="json",
    )
    assert response.status_code == 400
    assert "uitkering" in response.data["spending"][0]


def test_an_intervention_not_running_in_the_municipality_is_refused(world, users):
    report = start_report(world, users["bob"])
    response = _api(users["bob"]).patch(
        _detail(report),
        {"revision": report.revision, "items": [{"intervention": world.utrecht_intervention.pk, "spending": "1"}]},
        format="json",
    )
    assert response.status_code == 400
    assert str(world.utrecht_intervention.pk) in response.data["items"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "submitted"}, {"GM0599"}),
        ({"status": "draft"}, {"GM0344"}),
        ({"status": "missing"}, set()),
        ({"municipality": "GM0344"}, {"GM0344"}),
        ({"overdue": "false"}, {"GM0599", "GM0344"}),
    ],
)
def test_the_list_filters_like_the_overview_page(world, users, query, expected):
    submitted_report(world, users["bob"])
    fill_report(start_report(world, users["carol"], world.utrecht), users["carol"])
    response = _api(users["alice"]).get(LIST, query)
    assert {r["municipality"]["cbs_code"] for r in response.data["results"]} == expected


def test_a_bad_filter_value_is_a_400_not_a_500(world, users):
    response = _api(users["alice"]).get(LIST, {"status": "nonsense", "period": "x"})
    assert response.status_code == 400


def _report_with_two_items(world, users) -> Report:
    """Rotterdam's report with two items: one filled in (40 participants, 1000 euros), one still empty."""
    InterventionFactory(name="Samen Sterk", municipalities=[world.rotterdam])
    report = fill_report(start_report(world, users["bob"]), users["bob"])
    assert report.items.count() == 2
    return report


def test_the_list_shows_each_reports_sums_and_where_its_items_are_but_not_the_items(world, users):
    report = _report_with_two_items(world, users)
    api = _api(users["bob"], token=True)
    (entry,) = api.get(LIST).json()["results"]
    assert "items" not in entry
    assert (entry["item_count"], entry["participants_total"], entry["total_spending"]) == (2, 40, "1000.00")
    # The same sums as the report itself, which carries the items.
    detail = api.get(_detail(report)).json()
    assert {name: detail[name] for name in entry} == entry
    assert sum(item["participants_total"] or 0 for item in detail["items"]) == 40
    # items_url lists them.
    assert entry["items_url"] == "http://testserver" + reverse("interventions_api:report-item-list", args=[report.pk])
    assert api.get(entry["items_url"]).json()["results"] == detail["items"]


def test_the_list_carries_the_items_when_asked(world, users):
    report = _report_with_two_items(world, users)
    api = _api(users["bob"], token=True)
    (entry,) = api.get(LIST, {"include": "items"}).json()["results"]
    assert entry == api.get(_detail(report)).json()
    assert [item["participants_total"] for item in entry["items"]] in ([40, None], [None, 40])


def test_a_report_without_items_sums_to_zero(world, users):
    report = start_report(world, users["bob"])
    report.items.all().delete()
    (entry,) = _api(users["bob"]).get(LIST).json()["results"]
    assert (entry["item_count"], entry["participants_total"], entry["total_spending"]) == (0, 0, "0.00")


@pytest.mark.parametrize(
    ("language", "message"),
    [("nl", '"item" is een ongeldige keuze.'), ("en", '"item" is not a valid choice.')],
)
def test_an_unknown_include_is_a_400_in_the_callers_language(world, users, language, message):
    start_report(world, users["bob"])
    response = _api(users["bob"]).get(LIST, {"include": "item"}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400
    assert response.json() == {"include": [message]}


def test_the_schema_generates_without_warnings_and_describes_the_report_endpoints(tmp_path):
    schema = tmp_path / "schema.yaml"
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(schema))
    text = schema.read_text()
    for path in (
        "/api/reports/:",
        "/api/reports/{id}/:",
        "/api/reports/{id}/submit/:",
        "/api/reports/{report_pk}/items/{id}/:",
    ):
        assert path in text
    assert "Submit a report" in text and "tokenAuth" in text


def test_the_api_docs_are_served_from_the_portal(client, users):
    client.force_login(users["alice"])
    page = client.get(reverse("api-docs")).content.decode()
    assert "/static/drf_spectacular_sidecar/" in page
    assert "cdn" not in page.lower()
