"""Browser tests: Debian's Chromium driven by Playwright against the live test server."""

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.conftest import remember_serialized_reference

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(__file__).resolve().parent.parent / "assets" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            # The live server flushes the database after each test; restore the reference data.
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("REQUIRE_SERVICES"):
            pytest.fail(f"{CHROMIUM} is missing; install Debian's chromium package")
        pytest.skip(f"{CHROMIUM} is missing; run ./scripts/install-system-packages")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        remember_serialized_reference()
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def sign_in(page, username: str, password: str) -> None:
    """Sign in through the form, and pass the second factor when the portal asks for it.

    A user with an authenticator app enters its current code; staff without one set one up
    (the helper reads the key from the database, as the phone would from the QR code) and
    go on past their recovery codes.
    """
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    if urlparse(page.url).path.startswith("/accounts/tweede-factor/"):
        pass_second_factor(page, username)


def pass_second_factor(page, username: str) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from portal.second_factor import current_code

    setting_up = "/instellen/" in page.url
    device = TOTPDevice.objects.filter(user__username=username, confirmed=not setting_up).latest("pk")
    page.get_by_label("Code uit uw authenticator-app").fill(current_code(device))
    page.get_by_role("button", name="Instellen" if setting_up else "Verder").click()
    page.wait_for_load_state()
    if setting_up:
        page.get_by_role("link", name="Ik heb de codes bewaard").click()
        page.wait_for_load_state()


def axe_violations(page) -> list[dict]:
    """Run axe-core on the current page; return the WCAG 2.1 A/AA violations."""
    # Evaluated through the DevTools protocol, not added as an inline <script> (which the page's
    # Content-Security-Policy would refuse, and rightly).
    page.evaluate(AXE.read_text())
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA)
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


# Collects what the browser refused under the page's Content-Security-Policy: the console error Chromium
# writes for each refusal, and the securitypolicyviolation events of the page, recorded before any of its
# own scripts runs.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__cspViolations.push(`${event.violatedDirective}: ${event.blockedURI || "inline"} (${where})`);
});
"""


def watch_csp(page) -> list[str]:
    """Start recording Content-Security-Policy violations on `page`; returns the list the console ones go to."""
    console: list[str] = []
    page.add_init_script(RECORD_CSP_VIOLATIONS)
    page.on(
        "console",
        lambda message: console.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return console


def csp_violations(page, console: list[str]) -> list[str]:
    """The violations on the current page so far (events and console), and forget them."""
    found = list(page.evaluate("window.__cspViolations || []")) + console
    console.clear()
    page.evaluate("window.__cspViolations = []")
    return found
