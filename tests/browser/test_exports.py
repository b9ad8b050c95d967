"""Exports in Chromium: staff filter a register list and download it as XLSX, a municipality downloads its
report items as CSV from its workspace; each file holds what the page showed, and the pages pass axe."""

import csv
import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, sign_in
from tests.factories import PASSWORD, GrantFactory
from tests.interventions.reporting import submitted_report


@pytest.fixture
def world(transactional_db, world):
    # transactional_db (not just the `db` that `users` asks for) makes pytest-django run
    # these tests after the ordinary database tests: a live-server test empties the database.
    return world


def _download(page, name: str) -> bytes:
    with page.expect_download() as download:
        page.locator(".export-links").get_by_role("link", name=re.compile(f"^{name}")).click()
    with open(download.value.path(), "rb") as file:
        return file.read()


def test_staff_download_the_filtered_grant_list_as_xlsx(page, world):
    GrantFactory(municipality=world.rotterdam, decision_reference="BESCHIKKING-R2")
    sign_in(page, "alice", PASSWORD)
    page.goto("/register/uitkeringen/")
    page.get_by_label("Gemeente").select_option(label="Rotterdam")
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_role("status").filter(has_text="resultaten")).to_have_text("2 resultaten")
    assert axe_violations(page) == []

    sheet = load_workbook(io.BytesIO(_download(page, "XLSX"))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Programma", "CBS-code", "Gemeente", "Focusgebied")
    assert [row[2] for row in rows[1:]] == ["Rotterdam", "Rotterdam"]
    assert "BESCHIKKING-R2" in [row[11] for row in rows[1:]]


def test_a_municipality_downloads_its_own_report_items_as_csv(page, world, users):
    submitted_report(world, users["bob"])
    submitted_report(world, users["carol"], world.utrecht)
    sign_in(page, "bob", PASSWORD)
    page.get_by_role("link", name="Mijn gemeente").first.click()
    assert axe_violations(page) == []

    rows = list(csv.reader(io.StringIO(_download(page, "CSV").decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Periode", "CBS-code", "Gemeente"]
    assert [(row[1], row[4]) for row in rows[1:]] == [("GM0599", "Weerbaar Rotterdam")]
