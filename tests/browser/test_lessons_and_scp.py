"""Lessons from municipalities and the SCP matrix in Chromium: staff pick a passage, the board reads it
anonymised; every new page passes axe."""

import pytest

from analysis.models import LessonPassage
from interventions.models import Intervention, Report, ReportItem
from portal.demo import DEMO_PASSWORD, load_demo
from tests.browser.conftest import axe_violations, sign_in


@pytest.fixture
def demo_data():
    return load_demo()


def test_staff_cut_a_lesson_down_to_one_sentence_and_the_board_reads_it_without_the_name(page, demo_data):
    item = (
        ReportItem.objects.filter(report__status=Report.Status.ACCEPTED, report__municipality__cbs_code="GM0599")
        .exclude(lessons_learned="")
        .order_by("-report__period__year", "-report__period__half")
        .first()
    )
    sentence = item.lessons_learned.split(". ")[0] + "."
    sign_in(page, "staf", DEMO_PASSWORD)
    page.goto(f"/lessen/kiezen/{item.pk}/lessons_learned/")
    page.get_by_label("Passage").fill(sentence + " Dat werkte altijd.")  # not what the report says
    page.get_by_role("button", name="Opslaan").click()
    assert "staat niet zo in het verslag" in page.get_by_role("alert").first.inner_text()
    assert axe_violations(page) == []
    page.get_by_label("Passage").fill(sentence)
    page.get_by_label("Dit is een goed voorbeeld voor andere gemeenten").check()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    passage = LessonPassage.objects.get(text=sentence, item=item)
    assert passage.is_good_practice
    assert "Sanne de Staf (demo)" in page.locator(".register-history__entry").first.inner_text()

    page.get_by_role("button", name="Uitloggen").click()
    sign_in(page, "klankbord", DEMO_PASSWORD)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Lessen").click()
    quote = page.locator("blockquote", has_text=sentence).first
    assert "Een gemeente in Zuid-Holland" in quote.inner_text()  # Rotterdam did not consent
    assert "Rotterdam" not in page.locator("main").inner_text()
    assert axe_violations(page) == []


@pytest.mark.parametrize(
    "path",
    [
        "/lessen/",
        "/lessen/kiezen/",
        "/lessen/passages/",
        "/lessen/passages/{passage}/",
        "/lessen/passages/{passage}/wijzigen/",
        "/lessen/passages/{passage}/verwijderen/",
        "/register/gemeenten/GM0599/toestemming-lessen/",
        "/register/interventies/",
        "/register/interventies/{intervention}/",
    ],
)
def test_the_staff_pages_pass_axe(page, demo_data, path):
    sign_in(page, "staf", DEMO_PASSWORD)
    page.goto(
        path.format(
            passage=LessonPassage.objects.order_by("pk").first().pk,
            intervention=Intervention.objects.order_by("name").first().pk,
        )
    )
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", ["/interventies/", "/interventies/{slug}/", "/interventies/?capacity=coping"])
def test_the_catalogue_with_its_matrix_passes_axe_and_a_cell_filters_it(page, demo_data, path):
    public = Intervention.objects.filter(is_public=True).exclude(capacity="").order_by("name").first()
    page.goto(path.format(slug=public.slug))
    assert axe_violations(page) == []
    if path == "/interventies/":
        cell = page.locator("#catalogue-scp a", has_text="").first
        cell.click()
        page.wait_for_url("**/interventies/?*capacity=*")
        assert "connection=" in page.url


def test_a_municipality_user_sets_consent_for_their_own_municipality(page, demo_data):
    sign_in(page, "gemeente-rotterdam", DEMO_PASSWORD)
    page.goto("/mijn-gemeente/")
    page.get_by_role("link", name="Toestemming wijzigen").click()
    assert axe_violations(page) == []
    page.get_by_label("Passages uit onze verslagen mogen onze naam dragen").check()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert "met de naam van uw gemeente" in page.locator("main").inner_text()
