"""Every export and download of a signed-in user is in the security log; the world of the permission
matrix has an object for each of them."""

import pytest
from django.urls import reverse

from core.models import SecurityEvent
from tests.test_permission_matrix import built, users, world  # noqa: F401  (fixtures)

ADDRESS = "203.0.113.20"

CASES = [
    ("interventions:sisa_export", lambda w: {"year": w.today.year, "fmt": "xlsx"}, "alice", "export.xlsx", "export"),
    ("analysis:analysis_open_data", lambda w: {"pk": w.published_analysis.pk}, "alice", "export.zip", "export"),
    ("analysis:analysis_metadata", lambda w: {"pk": w.published_analysis.pk}, "dave", "export.json", "export"),
    ("analysis:analysis_pdf", lambda w: {"pk": w.published_analysis.pk}, "dave", "download.pdf", "analysis"),
    (
        "analysis:dashboard_pdf_download",
        lambda w: {"pk": w.published_dashboard.pk, "pdf_pk": w.dashboard_pdf.pk},
        "dave",
        "download.pdf",
        "dashboard",
    ),
    ("agenda:research_file", lambda w: {"pk": w.research_result.pk}, "dave", "download.file", "research_result"),
    (
        "interventions:evaluation_report",
        lambda w: {"slug": w.b_intervention.slug, "pk": w.b_evaluation.pk},
        "carol",
        "download.pdf",
        "evaluation",
    ),
    # The list exports: the register, the budget, the advice log, the KPI measurements and the report items.
    *(
        (name, lambda w, fmt=fmt: {"fmt": fmt}, username, f"export.{fmt}", "export")
        for name, fmt, username in (
            ("interventions:intervention_export", "csv", "alice"),
            ("interventions:evaluation_export", "xlsx", "alice"),
            ("municipalities:grant_export", "csv", "alice"),
            ("municipalities:organisation_export", "xlsx", "alice"),
            ("municipalities:partnership_export", "csv", "alice"),
            ("analysis:budget_export", "xlsx", "alice"),
            ("analysis:expenditure_export", "csv", "alice"),
            ("analysis:advice_export", "xlsx", "dave"),
            ("analysis:kpi_measurement_export", "csv", "alice"),
            ("interventions:report_item_export", "xlsx", "carol"),
        )
    ),
]


@pytest.mark.parametrize(("name", "kwargs", "username", "event", "detail"), CASES, ids=[c[0] for c in CASES])
def test_each_export_and_download_is_recorded(client, users, world, name, kwargs, username, event, detail):  # noqa: F811
    client.force_login(users[username])
    response = client.get(reverse(name, kwargs=kwargs(world)), REMOTE_ADDR=ADDRESS)
    assert response.status_code == 200
    row = SecurityEvent.objects.get(event=event, address=ADDRESS)
    assert row.username == username and row.user == users[username]
    assert detail in row.details


def test_an_anonymous_reader_of_a_public_pdf_is_not_logged(client, world):  # noqa: F811
    url = reverse("analysis:analysis_pdf", kwargs={"pk": world.published_analysis.pk})
    assert client.get(url, REMOTE_ADDR=ADDRESS).status_code == 200
    assert not SecurityEvent.objects.filter(address=ADDRESS).exists()
