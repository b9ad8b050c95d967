"""The society indicators in Chromium: staff import a StatLine export after its preview; the board reads the figures;
every page passes axe."""

from analysis.indicator_demo import load as load_demo_figures
from analysis.indicator_models import IndicatorValue
from tests.browser.conftest import axe_violations, sign_in
from tests.factories import PASSWORD, make_user

STATLINE = (
    '"ID";"Perioden";"Vertrouwen in de overheid (%)"\r\n'
    '"0";"2021JJ00";"43,5"\r\n'
    '"1";"2022JJ00";"."\r\n'
    '"2";"2023JJ00";"33,8"\r\n'
)


def test_staff_preview_and_import_a_statline_export_and_the_pages_pass_axe(page, tmp_path):
    staff = make_user("alice", role="staff")
    load_demo_figures(users={"staf": staff})
    sign_in(page, "alice", PASSWORD)
    page.goto("/indicatoren/")
    assert axe_violations(page) == []
    page.screenshot(path=str(tmp_path / "list.png"), full_page=True)

    page.get_by_role("link", name="Cijfers inlezen").click()
    assert axe_violations(page) == []
    csv = tmp_path / "vertrouwen.csv"
    csv.write_text(STATLINE, encoding="utf-8")
    page.get_by_label("Indicator").select_option(label="Vertrouwen in de overheid")
    page.get_by_label("CSV-bestand").set_input_files(str(csv))
    page.get_by_role("button", name="Bekijk wat er verandert").click()
    page.wait_for_load_state()

    status = page.get_by_role("status").first.inner_text()
    assert "gewijzigd: 2" in status and "overgeslagen: 1" in status
    assert "gewijzigd (was 43%)" in page.inner_text("table")
    assert axe_violations(page) == []
    page.screenshot(path=str(tmp_path / "preview.png"), full_page=True)
    page.get_by_role("button", name="2 cijfers opslaan").click()
    page.wait_for_load_state()

    assert "2 gewijzigd" in page.get_by_role("status").first.inner_text()
    assert "Import vertrouwen.csv, regel 2" in page.inner_text("main")
    assert page.locator("figure.chart svg[role='img']").count() == 1
    assert axe_violations(page) == []
    page.screenshot(path=str(tmp_path / "detail.png"), full_page=True)
    value = IndicatorValue.objects.get(indicator__code="vertrouwen-overheid", period="2023", breakdown="")
    assert str(value.value.normalize()) == "33.8"


def test_a_bad_file_says_what_is_wrong_and_passes_axe(page, tmp_path):
    make_user("alice", role="staff")
    sign_in(page, "alice", PASSWORD)
    page.goto("/indicatoren/inlezen/")
    csv = tmp_path / "fout.csv"
    csv.write_text('"Perioden";"Waarde"\n"2023JJ00";"veel"\n', encoding="utf-8")
    page.get_by_label("Indicator").select_option(label="Affectieve polarisatie")
    page.get_by_label("CSV-bestand").set_input_files(str(csv))
    page.get_by_role("button", name="Bekijk wat er verandert").click()
    page.wait_for_load_state()
    assert "1 regel heeft een fout" in page.get_by_role("alert").first.inner_text()
    assert "'veel' is geen getal." in page.inner_text("table")
    assert page.get_by_role("button", name="Opnieuw bekijken").is_visible()
    assert axe_violations(page) == []


def test_the_board_reads_an_indicator_and_the_page_passes_axe(page):
    make_user("dave", role="board")
    sign_in(page, "dave", PASSWORD)
    page.goto("/indicatoren/ervaren-discriminatie/")
    assert "Ooit discriminatie ervaren" in page.inner_text("h1")
    assert page.get_by_role("link", name="Cijfers inlezen").count() == 0
    assert axe_violations(page) == []


def test_the_staff_forms_pass_axe_also_with_errors(page):
    make_user("alice", role="staff")
    sign_in(page, "alice", PASSWORD)
    for path in (
        "/indicatoren/nieuw/",
        "/indicatoren/ervaren-discriminatie/wijzigen/",
        "/indicatoren/ervaren-discriminatie/cijfer/",
    ):
        page.goto(path)
        assert axe_violations(page) == [], path
    page.get_by_label("Periode").fill("vorig jaar")
    page.get_by_label("Waarde").fill("26,9")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert "is geen periode die de portal kent" in page.get_by_role("alert").first.inner_text()
    assert page.get_by_label("Waarde").input_value() == "26,9"
    assert axe_violations(page) == []
