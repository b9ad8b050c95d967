"""The load of ``make loadtest``: municipality users report, staff users read and accept.

Municipality users (plain sign-in): the workspace, a new draft for an open period, a few saves
of items, then submit; then the next open period, and when their municipality has none left,
the next municipality's account. Staff users sign in with their password and a code computed
from their authenticator's key, as an app would, then read the KPI page and the report
overview and accept reports that were handed in.

Every request is timed on its own (redirects are not followed), so "save items" is the save
alone. What each user handed in is written to LOADTEST_RECORDS when the run stops, for
``loadtest.verify`` to compare with the database.

Environment: LOADTEST_ACCOUNTS (from ``loadtest.prepare``), LOADTEST_RECORDS,
LOADTEST_MUNICIPALITY_USERS (50), LOADTEST_STAFF_USERS (10), LOADTEST_SAVES (3 saves a report),
LOADTEST_PAUSE_MUNICIPALITY and LOADTEST_PAUSE_STAFF (seconds between a user's steps, "least,most";
5 to 15 by default: people read a page and type before the next step, and "1,3" makes a stress test).
"""

import json
import os
import random
import re
import sys
import time
from collections import deque
from pathlib import Path

from locust import HttpUser, between, events, task
from locust.exception import StopUser

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loadtest.forms import first_error, form_fields
from loadtest.totp import totp_code

ACCOUNTS = json.loads(Path(os.environ.get("LOADTEST_ACCOUNTS", ".loadtest/accounts.json")).read_text("utf-8"))
RECORDS = Path(os.environ.get("LOADTEST_RECORDS", ".loadtest/records.json"))
SAVES = int(os.environ.get("LOADTEST_SAVES", "3"))
ITEM_TOTAL = re.compile(r"^item-(\d+)-participants_total$")
REPORT_EDIT = re.compile(r"/verslagen/(\d+)/bewerken/$")


def pause(variable: str, default: str):
    """Seconds a user waits between steps, "least,most" from the environment: how fast people work."""
    least, most = (float(part) for part in os.environ.get(variable, default).split(","))
    return between(least, most)


# Shared by the users of this one process (locust runs them as greenlets).
free_accounts = deque(ACCOUNTS["municipality_users"])
to_review = deque(ACCOUNTS["submitted_reports"])
records: dict[int, dict] = {}
accepted: list[int] = []


@events.test_stop.add_listener
def write_records(**_kwargs):
    RECORDS.parent.mkdir(parents=True, exist_ok=True)
    RECORDS.write_text(json.dumps({"reports": list(records.values()), "accepted": accepted}, indent=1), "utf-8")


class PortalUser(HttpUser):
    abstract = True

    def on_start(self):
        # A new connection for every request, as a reverse proxy in front of gunicorn makes them.
        # Reusing one races with gunicorn closing idle connections after 2 s (its keep-alive),
        # which a browser survives by sending again, and the load client would count as an error.
        self.client.headers["Connection"] = "close"

    def get(self, url: str, name: str, expect: int = 200):
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != expect:
                response.failure(f"HTTP {response.status_code}, expected {expect} {response.error or ''}".strip())
            return response

    def post(self, url: str, data: dict, name: str, expect_location: str | re.Pattern = ""):
        """A form post that must answer with a redirect (302) to ``expect_location``."""
        with self.client.post(url, data=data, name=name, allow_redirects=False, catch_response=True) as response:
            location = response.headers.get("Location", "")
            pattern = expect_location if isinstance(expect_location, re.Pattern) else None
            matches = pattern.search(location) if pattern else expect_location in location
            if response.status_code != 302 or not matches:
                why = first_error(response.text) if response.status_code in (200, 400, 409) else ""
                response.failure(
                    f"HTTP {response.status_code} to {location!r}, expected a redirect "
                    f"{response.error or ''} {why}".strip()
                )
            return response

    def form(self, url: str, name: str, having: str) -> dict | None:
        """The page's form with the field ``having``; None when the page failed (counted as an error already)."""
        page = self.get(url, name)
        return form_fields(page.text, having=having) if page.status_code == 200 else None

    def sign_in(self, username: str) -> None:
        self.client.cookies.clear()
        fields = self.form("/accounts/login/", "sign-in page", "username")
        if fields is None:
            return
        fields.update(username=username, password=ACCOUNTS["password"])
        self.post("/accounts/login/", fields, "sign in")


class MunicipalityUser(PortalUser):
    fixed_count = int(os.environ.get("LOADTEST_MUNICIPALITY_USERS", "50"))
    wait_time = pause("LOADTEST_PAUSE_MUNICIPALITY", "5,15")

    def on_start(self):
        super().on_start()
        self.periods: list[int] = []
        self.username = ""

    def next_account(self) -> None:
        if not free_accounts:
            raise StopUser()  # every municipality has reported on every open period
        self.username = free_accounts.popleft()
        self.periods = list(ACCOUNTS["periods"])
        self.sign_in(self.username)

    @task
    def report_cycle(self):
        if not self.periods:
            self.next_account()
        period = self.periods.pop(0)
        self.get("/mijn-gemeente/", "workspace")
        self.wait()
        fields = self.form("/verslagen/nieuw/", "new report (form)", "period")
        if fields is None:
            return
        fields["period"] = str(period)
        created = self.post("/verslagen/nieuw/", fields, "new report", REPORT_EDIT)
        found = REPORT_EDIT.search(created.headers.get("Location", ""))
        if not found:
            return
        report = int(found.group(1))
        edit_url = f"/verslagen/{report}/bewerken/"
        fields = self.form(edit_url, "edit report", "report-revision")
        if fields is None:
            return
        items = sorted(int(m.group(1)) for m in (ITEM_TOTAL.match(name) for name in fields) if m)
        for _round in range(SAVES):
            self.wait()
            for intervention in random.sample(items, min(len(items), random.randint(1, 3))):
                fill_item(fields, intervention)
            fields["action"] = "save"
            self.post(edit_url, fields, "save items", edit_url)
            fields = self.form(edit_url, "edit report", "report-revision")
            if fields is None:
                return
        self.wait()
        for intervention in items[:1]:
            fill_item(fields, intervention)  # at least one item is filled in: an empty report is refused
        for intervention in items:
            close_item(fields, intervention)  # every figure is needed: nothing happened is a 0
        fields["action"] = "submit"
        records[report] = {
            "report": report,
            "username": self.username,
            "period": period,
            "state": "submitting",
            "items": {str(i): item_values(fields, i) for i in items},
        }
        # Saving and submitting leads to the summary; the report is handed in when that is confirmed.
        summary_url = f"/verslagen/{report}/indienen/"
        self.post(edit_url, fields, "save and submit", summary_url)
        confirm = self.form(summary_url, "submit (summary)", "revision")
        if confirm is None:
            return
        response = self.post(summary_url, confirm, "submit", f"/verslagen/{report}/")
        if response.status_code == 302 and response.headers.get("Location", "").endswith(f"/verslagen/{report}/"):
            records[report]["state"] = "submitted"
            to_review.append(report)


def fill_item(fields: dict, intervention: int) -> None:
    prefix = f"item-{intervention}-"
    total = random.randint(5, 400)
    fields[prefix + "participants_total"] = str(total)
    fields[prefix + "participants_12_17"] = str(total // 3)
    fields[prefix + "participants_18_26"] = str(total // 4)
    # At most 2,000 euro an item: with four open half-years of twenty-odd rows, more than that takes a
    # municipality over its grant, which the portal rightly refuses (a 400, counted as an error).
    fields[prefix + "spending"] = str(random.randint(1, 8) * 250)
    fields[prefix + "activities"] = f"Bijeenkomsten, ronde {time.time_ns() % 100000}"


def close_item(fields: dict, intervention: int) -> None:
    prefix = f"item-{intervention}-"
    for name in ("participants_total", "spending"):
        if not str(fields.get(prefix + name, "")).strip():
            fields[prefix + name] = "0"


def item_values(fields: dict, intervention: int) -> dict:
    prefix = f"item-{intervention}-"
    return {
        "participants_total": fields.get(prefix + "participants_total", ""),
        "spending": fields.get(prefix + "spending", ""),
        "activities": fields.get(prefix + "activities", ""),
    }


class StaffUser(PortalUser):
    fixed_count = int(os.environ.get("LOADTEST_STAFF_USERS", "10"))
    wait_time = pause("LOADTEST_PAUSE_STAFF", "5,15")

    def on_start(self):
        super().on_start()
        staff = ACCOUNTS["staff"]
        account = staff[StaffUser.started % len(staff)]
        StaffUser.started += 1
        self.sign_in(account["username"])
        # A code is good for about a minute around its moment; when the portal answers later
        # than that, it refuses the code, as it should. Like a person, try again with a new one
        # (the refused attempt still counts as an error).
        for _attempt in range(3):
            fields = self.form("/accounts/tweede-factor/", "second factor page", "code")
            if fields is None:
                return
            fields["code"] = totp_code(bytes.fromhex(account["key"]), at=time.time())
            if self.post("/accounts/tweede-factor/", fields, "second factor").status_code == 302:
                return

    started = 0

    @task(3)
    def kpi_page(self):
        self.get("/kpis/", "KPI page")

    @task(2)
    def overview(self):
        self.get("/verslagen/", "report overview")

    @task(2)
    def accept(self):
        if not to_review:
            self.overview()
            return
        report = to_review.popleft()
        url = f"/verslagen/{report}/beoordelen/"
        fields = self.form(url, "review (form)", "comment")
        if fields is None:
            return
        fields.update(decision="accept", form="review")
        response = self.post(url, fields, "accept", url)
        if response.status_code == 302:
            accepted.append(report)
