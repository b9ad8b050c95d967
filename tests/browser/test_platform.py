"""The programme's own pages in Chromium: public programme pages, needs and areas pass axe; staff answer a
need and the municipality reads the answer on its report."""

import pytest

from interventions.models import NeedResponse, Report
from municipalities.models import FocusArea
from portal.demo import DEMO_PASSWORD, load_demo
from tests.browser.conftest import axe_violations, sign_in


@pytest.fixture
def demo_data():
    return load_demo()


def _open_need() -> Report:
    return (
        Report.objects.filter(municipality__cbs_code="GM0599", submitted_at__isnull=False)
        .exclude(needs="")
        .order_by("-period__year", "-period__half")
        .first()
    )


@pytest.mark.parametrize("path", ["/programma/", "/programma/beschermende-factoren/"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_public_programme_pages_have_no_wcag_violations(page, live_server, demo_data, path, language):
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(path)
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.locator("html").get_attribute("lang") == language
    assert axe_violations(page) == []


@pytest.mark.parametrize(
    ("username", "path"),
    [
        ("staf", "/programma/"),
        ("staf", "/programma/teksten/programma/{programme}/wijzigen/"),
        ("staf", "/programma/teksten/beschermende-factor/{factor}/wijzigen/"),
        ("staf", "/verslagen/behoeften/"),
        ("staf", "/verslagen/behoeften/{report}/"),
        ("staf", "/behoeften/"),
        ("staf", "/gebieden/"),
        ("staf", "/gebieden/nieuw/"),
        ("klankbord", "/behoeften/"),
        ("gemeente-rotterdam", "/gebieden/"),
        ("gemeente-rotterdam", "/gebieden/{area}/wijzigen/"),
        ("gemeente-rotterdam", "/verslagen/{report}/"),
    ],
)
def test_the_needs_and_area_pages_have_no_wcag_violations(page, demo_data, username, path):
    from agenda.models import Programme, ProtectiveFactor

    sign_in(page, username, DEMO_PASSWORD)
    page.goto(
        path.format(
            programme=Programme.objects.order_by("starts_on").first().pk,
            factor=ProtectiveFactor.objects.get(code="PF01").pk,
            report=_open_need().pk,
            area=FocusArea.objects.filter(kind="own", municipality__cbs_code="GM0599").first().pk,
        )
    )
    assert page.get_by_role("heading", level=1).is_visible()
    assert axe_violations(page) == []


def test_staff_answer_a_need_and_the_municipality_reads_it_on_its_report(page, demo_data):
    report = _open_need()
    sign_in(page, "staf", DEMO_PASSWORD)
    page.goto(f"/verslagen/behoeften/{report.pk}/")
    page.get_by_label("Interventies").check()
    page.get_by_label("Nieuwe onderwerpen").fill("sleutelfiguren")
    page.get_by_label("Opgevolgd").check()
    page.get_by_label("Antwoord aan de gemeente").fill("We brengen u in contact met Utrecht.")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert "is opgeslagen" in page.get_by_role("status").first.inner_text()
    response = NeedResponse.objects.get(report=report)
    assert response.status == "followed_up"
    assert {tag.name for tag in response.tags.all()} >= {"Interventies", "sleutelfiguren"}

    page.context.clear_cookies()
    sign_in(page, "gemeente-rotterdam", DEMO_PASSWORD)
    page.goto(f"/verslagen/{report.pk}/")
    assert "We brengen u in contact met Utrecht." in page.locator("#needs-title + p + .need-answer").inner_text()
