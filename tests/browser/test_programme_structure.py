"""Programme structure and budget per year in Chromium: staff start a programme from the old one, enter a
year's plan and see it on the budget page; a too-large measurement asks for a confirmation. Pages pass axe."""

import datetime
from decimal import Decimal

import pytest

from agenda.models import ActionLine, Expenditure, Kpi, KpiMeasurement, Programme
from portal.demo import DEMO_PASSWORD, load_demo
from tests.browser.conftest import axe_violations, sign_in

CODE = "agenda-2023-2025"
SHOTS = "/tmp/structure-screenshots"


@pytest.fixture
def demo_data():
    return load_demo()


def test_staff_start_a_programme_from_the_old_one_and_see_what_to_fill_in(page, demo_data):
    sign_in(page, "staf", DEMO_PASSWORD)
    page.goto("/programmas/beheer/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Nieuw programma op basis van een bestaand programma").click()
    # The form offers the latest programme (the multi-year plan of the demo); this test starts from the old one.
    page.get_by_label("Overnemen van").select_option(label="Agenda Veerkrachtige & Weerbare Samenleving 2023-2025")
    page.get_by_label("Code").fill("proef-2031")
    page.locator("#id_name").fill("Proefprogramma 2031")
    page.get_by_label("Begindatum").fill("2031-01-01")
    page.get_by_label("Einddatum").fill("2031-12-31")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert "Proefprogramma 2031 is aangemaakt" in page.get_by_role("status").first.inner_text()
    assert page.get_by_role("heading", name="KPI's nog niet compleet").is_visible()
    page.screenshot(path=f"{SHOTS}/programme-detail.png", full_page=True)
    assert axe_violations(page) == []
    assert Programme.objects.get(code="proef-2031").kpis.filter(is_complete=False).count() == 12


def test_staff_enter_a_years_plan_and_the_budget_page_says_which_figure_is_entered(page, demo_data):
    line = ActionLine.objects.get(programme__code=CODE, code="AL4")
    Expenditure.objects.create(
        programme=line.programme,
        action_line=line,
        kind=Expenditure.Kind.COMMITTED,
        amount=Decimal("90000"),
        date=datetime.date(2025, 3, 1),
        source="Opdracht (demo)",
    )
    sign_in(page, "staf", DEMO_PASSWORD)
    page.goto(f"/programmas/beheer/{CODE}/begroting/2025/")
    assert axe_violations(page) == []
    page.screenshot(path=f"{SHOTS}/budget-year-form.png", full_page=True)
    page.get_by_label("AL1 Versterken expertise").fill("200.000")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    page.goto(f"/begroting/?as_of=2025-06-30&programme={CODE}")
    assert page.get_by_role("heading", name="Overgecommitteerd").is_visible()
    assert page.get_by_role("heading", name="Begroting van het plan (gemiddeld per jaar)", level=2).is_visible()
    year_2025 = page.get_by_role("table", name="Begrotingspositie per actielijn in 2025 (euro)")
    assert "ingevoerd" in year_2025.get_by_role("row", name="AL1 Versterken expertise").inner_text()
    assert "naar rato" in year_2025.get_by_role("row", name="AL3 Versterken samenwerking").inner_text()
    # The demo's staff entered 2025's plan for interventions: the first tranche's grants run the whole year.
    assert "ingevoerd" in year_2025.get_by_role("row", name="AL2 Ontwikkelen interventies").inner_text()
    page.screenshot(path=f"{SHOTS}/budget.png", full_page=True)
    assert axe_violations(page) == []


def test_a_value_far_above_the_target_asks_for_a_confirmation_and_keeps_what_was_typed(page, demo_data):
    # K12 as a count recorded by hand (the reference data counts it from the recorded inventories now).
    Kpi.objects.filter(programme__code=CODE, code="K12").update(measure=Kpi.MANUAL)
    sign_in(page, "staf", DEMO_PASSWORD)
    # The demo opens in the multi-year plan; the staff member chooses 2023-2025 in the header, for good.
    page.get_by_label("Programma", exact=True).first.select_option(value=CODE)
    page.get_by_role("button", name="Toon", exact=True).click()
    page.wait_for_load_state()
    page.goto("/kpis/K12/metingen/nieuw/")
    page.get_by_label("Peildatum").fill("2025-05-01")
    page.get_by_role("textbox", name="Waarde").fill("250")
    page.get_by_label("Toelichting").fill("Telling")
    page.get_by_role("button", name="Opslaan").click()
    assert "meer dan 100 keer de streefwaarde" in page.get_by_role("alert").first.inner_text()
    assert page.get_by_role("textbox", name="Waarde").input_value() == "250"
    page.screenshot(path=f"{SHOTS}/measurement-confirm.png", full_page=True)
    assert axe_violations(page) == []
    page.get_by_label("Ja, deze waarde klopt").check()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    measurement = KpiMeasurement.objects.get(kpi__code="K12", measured_on=datetime.date(2025, 5, 1))
    assert measurement.value == 250
    page.goto(f"/kpis/K12/metingen/{measurement.pk}/intrekken/")
    assert axe_violations(page) == []
    page.get_by_label("Reden van intrekking").fill("Tikfout.")
    page.get_by_role("button", name="Meting intrekken").click()
    page.wait_for_load_state()
    measurement.refresh_from_db()
    assert measurement.is_withdrawn


@pytest.mark.parametrize(
    "path",
    [
        f"/programmas/beheer/{CODE}/",
        f"/programmas/beheer/{CODE}/wijzigen/",
        f"/programmas/beheer/{CODE}/kpis/{{kpi}}/wijzigen/",
        f"/programmas/beheer/{CODE}/actielijnen/nieuw/",
        f"/programmas/beheer/{CODE}/begrotingsposten/nieuw/",
    ],
)
def test_programme_pages_have_no_wcag_violations(page, demo_data, path):
    sign_in(page, "staf", DEMO_PASSWORD)
    page.goto(path.format(kpi=Kpi.objects.get(programme__code=CODE, code="K05").pk))
    assert page.get_by_role("heading", level=1).is_visible()
    assert axe_violations(page) == []
