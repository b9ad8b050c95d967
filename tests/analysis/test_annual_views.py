"""The pages of the annual analysis: generate, follow the progress, preview, publish; the public list."""

import datetime

import pytest
from django.urls import reverse

from analysis.models import AnnualAnalysis
from analysis.services import annual as services
from tests.factories import AnnualAnalysisFactory, InterventionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def done(programme):
    InterventionFactory.create_batch(2, stage="developed", developed_on=datetime.date(2024, 5, 1))
    analysis = AnnualAnalysisFactory(year=2024)
    services.analysis_build(analysis_id=analysis.pk, today=datetime.date(2025, 3, 1))
    analysis.refresh_from_db()
    return analysis


def _url(name, *args):
    return reverse(f"analysis:{name}", args=args)


def test_staff_generate_a_version_and_land_on_its_progress_page(
    client, users, programme, django_capture_on_commit_callbacks
):
    client.force_login(users["alice"])
    page = client.get(_url("analysis_list"))
    assert page.status_code == 200
    assert "Nieuwe versie maken" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("analysis_list"), {"year": f"{programme.pk}:2024", "language": "nl"})
    analysis = AnnualAnalysis.objects.get()
    assert response.status_code == 302 and response["Location"] == _url("analysis_detail", analysis.pk)
    assert analysis.status == "done", analysis.error  # no broker in tests: the job ran at commit
    detail = client.get(response["Location"]).content.decode()
    assert "PDF bekijken" in detail and "Publiceren" in detail
    assert analysis.data_hash in detail


def test_a_tampered_year_gets_a_clear_message_and_nothing_is_queued(client, users, programme):
    client.force_login(users["alice"])
    response = client.post(_url("analysis_list"), {"year": f"{programme.pk}:1999", "language": "nl"})
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode()
    response = client.post(_url("analysis_list"), {"year": "not-a-year", "language": "xx"})
    assert response.status_code == 400
    assert not AnnualAnalysis.objects.exists()


def test_the_progress_fragment_says_nothing_new_until_the_state_changes(client, users, programme):
    client.force_login(users["alice"])
    analysis = AnnualAnalysisFactory(year=2024, status="running", stage="render", progress=55, attempts=1)
    url = _url("analysis_detail", analysis.pk)
    fragment = client.get(url, headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    html = fragment.content.decode()
    assert "PDF opmaken" in html and 'value="55"' in html and 'hx-trigger="every 2s"' in html
    assert 'id="analysis-facts" hx-swap-oob="true"' in html
    state = f"{analysis.pk}:running:render:55:1"
    assert client.get(url, {"state": state}, headers={"HX-Request": "true"}).status_code == 204
    AnnualAnalysis.objects.filter(pk=analysis.pk).update(stage="store", progress=95)
    moved = client.get(url, {"state": state}, headers={"HX-Request": "true"})
    assert moved.status_code == 200 and 'value="95"' in moved.content.decode()


def test_a_finished_fragment_stops_the_polling(client, users, done):
    client.force_login(users["alice"])
    html = client.get(_url("analysis_detail", done.pk), headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in html
    assert f"Klaar: {done.page_count} pagina" in html


def test_the_list_shows_the_progress_of_every_version_and_polls_only_while_one_runs(client, users, done):
    client.force_login(users["alice"])
    assert "hx-trigger" not in client.get(_url("analysis_list")).content.decode()
    AnnualAnalysisFactory(year=2023, status="running", stage="gather", progress=5)
    html = client.get(_url("analysis_list")).content.decode()
    assert 'hx-trigger="every 2s"' in html and "Gegevens verzamelen (5%)" in html


def test_a_failed_version_shows_the_reason_and_a_try_again_button(
    client, users, programme, django_capture_on_commit_callbacks
):
    client.force_login(users["alice"])
    failed = AnnualAnalysisFactory(year=2024, status="failed", error="Het maken van de PDF is mislukt: x", attempts=1)
    html = client.get(_url("analysis_detail", failed.pk)).content.decode()
    assert "Het maken van de PDF is mislukt: x" in html and "Opnieuw proberen" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("analysis_retry", failed.pk), follow=True)
    # The page followed at once says where the job stood then: queued again.
    assert "staat in de wachtrij" in response.content.decode()
    failed.refresh_from_db()
    assert failed.status == "done"
    # Once it is done, the page says so and no longer that it waits in the queue.
    later = client.get(_url("analysis_detail", failed.pk)).content.decode()
    assert "Klaar:" in later and "in de wachtrij" not in later


def test_staff_preview_the_pdf_before_anyone_else_can_see_it(client, users, done):
    url = _url("analysis_pdf", done.pk)
    client.force_login(users["alice"])
    preview = client.get(url)
    assert preview.status_code == 200 and preview["Content-Type"] == "application/pdf"
    assert b"".join(preview.streaming_content).startswith(b"%PDF-")
    assert "inline" in preview["Content-Disposition"]
    assert "attachment" in client.get(url, {"download": "1"})["Content-Disposition"]
    for name in ("dave", "bob"):
        client.force_login(users[name])
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404
    assert "Nog geen analyses gepubliceerd" in client.get(_url("public_analyses")).content.decode()


def test_publishing_shows_the_analysis_to_the_board_and_the_public(client, users, done):
    client.force_login(users["alice"])
    confirmed = {"data_hash": done.data_hash}
    response = client.post(_url("analysis_publish", done.pk), confirmed, follow=True)
    assert "is gepubliceerd" in response.content.decode()
    again = client.post(_url("analysis_publish", done.pk), confirmed, follow=True)
    assert "kan nu niet worden gepubliceerd" in again.content.decode()
    client.force_login(users["dave"])
    listing = client.get(_url("public_analyses")).content.decode()
    assert f"Landelijke veerkracht- en weerbaarheidsanalyse 2024, versie {done.version}" in listing
    assert client.get(_url("analysis_pdf", done.pk)).status_code == 200
    client.logout()
    assert client.get(_url("analysis_pdf", done.pk)).status_code == 200
    assert client.get(_url("analysis_detail", done.pk)).status_code == 302  # the staff page still needs a login


def test_a_newer_published_version_marks_the_older_one_as_replaced(client, users, done):
    services.analysis_publish(analysis=done, by=users["alice"])
    newer = AnnualAnalysisFactory(year=2024, version=done.version + 1)
    services.analysis_build(analysis_id=newer.pk, today=datetime.date(2025, 3, 1))
    newer.refresh_from_db()
    services.analysis_publish(analysis=newer, by=users["alice"])
    html = client.get(_url("public_analyses")).content.decode()
    assert html.count("vervangen door een nieuwere versie") == 1
    assert html.index(f"versie {newer.version}</a></th>") < html.index(f"versie {done.version}</a> <span")


def test_other_roles_cannot_generate_or_publish(client, users, done):
    for name in ("bob", "dave", "eve"):
        client.force_login(users[name])
        assert client.get(_url("analysis_list")).status_code == 403
        assert client.post(_url("analysis_publish", done.pk)).status_code == 403
        assert client.post(_url("analysis_retry", done.pk)).status_code == 403
    done.refresh_from_db()
    assert done.published_at is None


def test_the_list_page_takes_a_fixed_number_of_queries(client, users, done, django_assert_num_queries):
    client.force_login(users["alice"])
    client.get(_url("analysis_list"))
    with django_assert_num_queries(7):
        client.get(_url("analysis_list"))
    AnnualAnalysisFactory.create_batch(4, year=2023, status="failed", error="x")
    with django_assert_num_queries(7):
        assert client.get(_url("analysis_list")).status_code == 200
