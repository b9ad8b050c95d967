"""Needs-driven working: municipalities send needs and questions with their reports; staff tag, answer and
follow them up; the municipality reads the answer on its report; the board sees a summary."""

import pytest
from django.urls import reverse
from django.utils import timezone

from interventions.models import NeedResponse, NeedTag, Report
from interventions.services import needs as services
from tests.factories import ReportFactory, ReportingPeriodFactory
from tests.interventions.reporting import edit_url, form_data, start_report

pytestmark = pytest.mark.django_db


def _sent(municipality, *, year=2024, half=1, needs="Wij zoeken een training over polarisatie.", status="submitted"):
    return ReportFactory(
        municipality=municipality,
        period=ReportingPeriodFactory(year=year, half=half),
        status=status,
        submitted_at=timezone.now(),
        return_comment="Graag aanvullen." if status == "returned" else "",
        needs=needs,
    )


def _fixed_tag() -> NeedTag:
    return NeedTag.objects.get(name="Kennis en onderzoek")


def test_the_fixed_tags_are_reference_data():
    assert NeedTag.objects.filter(is_fixed=True).count() == 6


def test_a_municipality_writes_its_needs_in_the_report_and_may_leave_them_empty(municipality_client, world, users):
    report = start_report(world, users["bob"])

    response = municipality_client.post(
        edit_url(report), form_data(report, **{"report-needs": "Meer kennis over ouders."})
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.needs == "Meer kennis over ouders."

    response = municipality_client.post(edit_url(report), form_data(report, **{"report-needs": ""}))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.needs == ""
    assert report.history.filter(needs="Meer kennis over ouders.").exists()


def test_staff_see_the_needs_of_the_programme_sent_in_reports(staff_client, world, users, django_assert_num_queries):
    sent = [_sent(world.rotterdam), _sent(world.utrecht, year=2025, half=1)]
    for report in sent:
        services.need_respond(
            report=report, by=users["alice"], status="open", answer="", follow_up="", tags=[_fixed_tag()]
        )
    _sent(world.rotterdam, year=2022, half=2, needs="Van voor het programma.")
    ReportFactory(municipality=world.utrecht, period=ReportingPeriodFactory(year=2024, half=2), needs="Nog concept.")
    ReportFactory(
        municipality=world.rotterdam,
        period=ReportingPeriodFactory(year=2023, half=2),
        status="submitted",
        submitted_at=timezone.now(),
        needs="",
    )
    url = reverse("interventions:need_list")

    # session, user, role, the programmes (for the page and the header, read once), the tags to filter by,
    # the count, the page of reports with their responses, and the tags of those
    with django_assert_num_queries(9):
        page = staff_client.get(url).content.decode()

    assert page.count(sent[0].needs) == 2
    assert "Van voor het programma." not in page
    assert "Nog concept." not in page


def test_staff_tag_answer_and_follow_up_a_need(staff_client, client, world, users):
    report = _sent(world.rotterdam)
    url = reverse("interventions:need_answer", args=[report.pk])

    response = staff_client.post(
        url,
        {
            "tags": [_fixed_tag().pk],
            "new_tags": "jongerenwerk, Jongerenwerk",
            "status": "answered",
            "answer": "De learning community behandelt dit in maart.",
            "follow_up": "Op de agenda van de sessie in maart.",
        },
    )

    assert response.status_code == 302
    need = NeedResponse.objects.get(report=report)
    assert need.answered_by == users["alice"]
    assert {tag.name for tag in need.tags.all()} == {"Kennis en onderzoek", "jongerenwerk"}
    assert not NeedTag.objects.get(name="jongerenwerk").is_fixed
    assert need.history.latest().history_user == users["alice"]
    assert "De learning community behandelt dit in maart." in staff_client.get(url).content.decode()

    client.force_login(users["bob"])
    report_page = client.get(report.get_absolute_url()).content.decode()
    assert "De learning community behandelt dit in maart." in report_page
    assert "Op de agenda van de sessie in maart." not in report_page


def test_an_answered_need_needs_an_answer(staff_client, world):
    report = _sent(world.rotterdam)
    response = staff_client.post(
        reverse("interventions:need_answer", args=[report.pk]), {"status": "answered", "answer": " ", "new_tags": "x"}
    )

    assert response.status_code == 400
    assert "Schrijf een antwoord" in response.content.decode()
    assert not NeedResponse.objects.filter(report=report).exists()


def test_staff_filter_needs_by_status_and_tag(staff_client, world, users):
    answered, waiting = _sent(world.rotterdam, needs="Beantwoorde vraag."), _sent(world.utrecht, needs="Open vraag.")
    services.need_respond(
        report=answered, by=users["alice"], status="answered", answer="Ja.", follow_up="", tags=[_fixed_tag()]
    )
    url = reverse("interventions:need_list")

    open_page = staff_client.get(url, {"status": "open"}).content.decode()
    tag_page = staff_client.get(url, {"tag": _fixed_tag().pk}).content.decode()

    assert waiting.needs in open_page and answered.needs not in open_page
    assert answered.needs in tag_page and waiting.needs not in tag_page


def test_a_draft_report_has_no_need_page(staff_client, world):
    draft = ReportFactory(municipality=world.rotterdam, needs="Concept.")
    assert staff_client.get(reverse("interventions:need_answer", args=[draft.pk])).status_code == 404


def test_the_board_sees_counts_per_tag_of_the_reports_it_reads(board_client, world, users):
    first, second = _sent(world.rotterdam), _sent(world.utrecht, status="accepted")
    returned = _sent(world.utrecht, year=2025, status="returned", needs="Teruggestuurd verslag.")
    for report in (first, second, returned):
        services.need_respond(
            report=report, by=users["alice"], status="open", answer="", follow_up="", tags=[_fixed_tag()]
        )

    response = board_client.get(reverse("interventions:need_summary"))

    assert response.status_code == 200
    summary = response.context["summary"]
    assert summary.total == 2
    assert summary.by_tag == [(_fixed_tag(), 2)]
    assert returned.needs not in response.content.decode()


def test_the_summary_counts_each_report_once_per_status(staff_client, world, users):
    reports = [_sent(world.rotterdam, year=2023 + n // 2, half=1 + n % 2) for n in range(4)]
    two_tags = list(NeedTag.objects.filter(is_fixed=True)[:2])
    services.need_respond(
        report=reports[0], by=users["alice"], status="answered", answer="a", follow_up="", tags=two_tags
    )
    services.need_respond(
        report=reports[1], by=users["alice"], status="followed_up", answer="b", follow_up="", tags=two_tags
    )

    summary = staff_client.get(reverse("interventions:need_summary")).context["summary"]

    # a report with two tags counts once
    assert summary.total == 4
    assert [count for _label, count in summary.by_status] == [2, 1, 1]
    assert summary.untagged == 2
    assert summary.by_tag == [(tag, 2) for tag in sorted(two_tags, key=lambda t: t.name)]


def test_municipalities_do_not_see_the_needs_of_others(municipality_client, world):
    report = _sent(world.utrecht)
    assert municipality_client.get(reverse("interventions:need_list")).status_code == 403
    assert municipality_client.get(reverse("interventions:need_summary")).status_code == 403
    assert municipality_client.get(reverse("interventions:need_answer", args=[report.pk])).status_code == 403


def test_the_api_reads_and_writes_the_needs(client, world, users):
    report = start_report(world, users["bob"])
    client.force_login(users["bob"])
    url = reverse("interventions_api:report-detail", args=[report.pk])

    response = client.patch(
        url, {"revision": report.revision, "needs": "Een vraag via de API."}, content_type="application/json"
    )

    assert response.status_code == 200, response.content
    assert response.json()["needs"] == "Een vraag via de API."
    assert Report.objects.get(pk=report.pk).needs == "Een vraag via de API."


def test_a_period_outside_the_programme_is_not_counted(staff_client, world):
    _sent(world.rotterdam, year=2026, half=1)
    assert staff_client.get(reverse("interventions:need_summary")).context["summary"].total == 0
