"""Nothing a browser or an API client can send makes a reporting page answer with a server error."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from interventions.models import Report
from tests.interventions.reporting import start_report

pytestmark = pytest.mark.django_db

HOSTILE = [
    "",
    " ",
    "-0",
    "1e400",
    "NaN",
    "Infinity",
    "9" * 40,
    "1.2.3,4,5",
    "€€€",
    "<script>alert(1)</script>",
    '=HYPERLINK("http://x")',
    "\x00",
    "١٢٣",  # Arabic-Indic digits
    "12\u00a0500",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_the_report_form_answers_every_value_without_a_server_error(client, world, users, value):
    report = start_report(world, users["bob"])
    client.force_login(users["bob"])
    prefix = f"item-{world.rotterdam_intervention.pk}"
    data = {
        "report-revision": value or report.revision,
        "report-summary": value,
        f"{prefix}-participants_total": value,
        f"{prefix}-participants_0_11": value,
        f"{prefix}-spending": value,
        f"{prefix}-factor_{world.factor.pk}": value,
        "attachments-remove": [value],
        "action": value,
    }
    response = client.post(reverse("interventions:report_edit", args=[report.pk]), data)
    assert response.status_code in (302, 400, 409)


@pytest.mark.parametrize("value", HOSTILE)
def test_the_staff_pages_answer_every_value_without_a_server_error(client, world, users, value):
    report = start_report(world, users["bob"])
    client.force_login(users["alice"])
    # A filter the page cannot use is ignored; a NUL character, which no database can compare,
    # is refused for the whole request before any view runs.
    expected = 400 if "\x00" in value else 200
    for params in ({"period": value}, {"status": value}, {"municipality": value}, {"overdue": value}, {"page": value}):
        assert client.get(reverse("interventions:report_overview"), params).status_code == expected
        assert client.get(reverse("interventions:report_export", args=["csv"]), params).status_code == expected
    assert client.get(reverse("interventions:sisa_summary"), {"jaar": value}).status_code == expected
    review = reverse("interventions:report_review", args=[report.pk])
    for data in ({"form": value, "decision": value, "comment": value}, {"form": "reopen", "reason": value}):
        assert client.post(review, data).status_code in (302, 400, 409)
    assert client.post(reverse("interventions:api_tokens"), {"user": value}).status_code == 405
    client.force_login(users["bob"])
    assert client.post(reverse("interventions:my_api_tokens"), {"name": value}).status_code in (200, 400)
    assert client.post(reverse("interventions:report_create"), {"period": value}).status_code == 400


@pytest.mark.parametrize(
    "payload",
    [
        {"revision": "x"},
        {"revision": 1, "items": "not a list"},
        {"revision": 1, "items": [{"intervention": "x"}]},
        {"revision": 1, "items": [{"intervention": 999999, "spending": "1"}]},
        {"revision": 1, "items": [{"spending": "1"}]},
        {"revision": 1, "items": [None]},
        {"revision": 1, "summary": None},
        {"revision": 10**30},
        {"revision": 1, "items": [{"intervention": 1, "spending": "1e30"}]},
        {"revision": 1, "items": [{"intervention": 10**30, "spending": "1"}]},
        {"revision": 1, "items": [{"intervention": 1, "outcomes": [{"protective_factor": None, "rating": "x"}]}]},
        [],
        "plain text",
    ],
)
def test_the_api_answers_every_payload_without_a_server_error(world, users, payload):
    report = start_report(world, users["bob"])
    api = APIClient()
    api.force_authenticate(users["bob"])
    assert api.patch(
        reverse("interventions_api:report-detail", args=[report.pk]), payload, format="json"
    ).status_code in (400, 409)
    item = report.items.get()
    item_url = reverse("interventions_api:report-item-detail", args=[report.pk, item.pk])
    # For an item, keys that are not item fields are ignored, so some of these are fine there.
    assert api.patch(item_url, payload, format="json").status_code in (200, 400, 409)
    assert api.post(reverse("interventions_api:report-list"), payload, format="json").status_code == 400
    assert api.post(
        reverse("interventions_api:report-submit", args=[report.pk]), payload, format="json"
    ).status_code in (400, 409)
    assert Report.objects.get().summary == ""


def test_malformed_json_is_a_400(world, users):
    report = start_report(world, users["bob"])
    api = APIClient()
    api.force_authenticate(users["bob"])
    response = api.generic(
        "PATCH",
        reverse("interventions_api:report-detail", args=[report.pk]),
        "{not json",
        content_type="application/json",
    )
    assert response.status_code == 400


def test_an_id_too_large_for_the_database_is_a_404(client, world, users):
    huge = "9" * 30
    client.force_login(users["alice"])
    for path in (
        f"/verslagen/{huge}/",
        f"/verslagen/{huge}/bewerken/",
        f"/verslagen/{huge}/beoordelen/",
        f"/verslagen/{huge}/geschiedenis/",
        f"/verslagen/bijlagen/{huge}/",
        f"/verslagen/sisa/{huge}/csv/",
        f"/api/reports/{huge}/",
        f"/api/reports/{huge}/items/",
        f"/api/reports/{huge}/items/{huge}/",
    ):
        assert client.get(path).status_code in (403, 404), path
