"""The demo's dashboards and advice: published through the services, on fixed dates, in every follow-up state."""

import contextlib
import datetime

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from agenda.models import Kpi
from analysis import dashboards, kpis
from analysis.models import Advice, Dashboard
from portal.demo import load_demo
from tests.analysis.kpi_expectations import display
from tests.analysis.test_kpi_pages import page_values

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_five_half_years_in_two_programmes_and_one_correction(demo):
    published = Dashboard.objects.filter(status=Dashboard.Status.PUBLISHED).order_by("year", "half", "version")
    assert [(d.programme.code, d.year, d.half, d.version) for d in published] == [
        ("agenda-2023-2025", 2024, 1, 1),
        ("agenda-2023-2025", 2024, 2, 1),
        ("agenda-2023-2025", 2024, 2, 2),
        ("agenda-2023-2025", 2025, 1, 1),
        ("meerjarenplan-2025-2030", 2025, 2, 1),
        ("meerjarenplan-2025-2030", 2026, 1, 1),
    ]
    assert [d.published_at.date() for d in published] == [
        datetime.date(2024, 9, 17),
        datetime.date(2025, 2, 18),
        datetime.date(2025, 3, 4),
        datetime.date(2025, 9, 16),
        datetime.date(2026, 3, 10),
        datetime.date(2026, 9, 15),
    ]
    correction = published.get(version=2)
    assert correction.correction_of == published.get(year=2024, half=2, version=1)
    assert "interventies zijn ontwikkeld" in correction.correction_note
    assert all(dashboards.hash_matches(d) for d in published)
    assert all("Voorbeeldtekst" in d.introduction for d in published)


def test_the_demo_highlights_quote_the_frozen_figures(demo):
    latest = Dashboard.objects.get(year=2025, half=1)
    k05 = next(k for k in latest.snapshot["kpis"] if k["code"] == "K05")
    assert f"{int(float(k05['value']))} interventies zijn ontwikkeld" in latest.highlights


def test_each_demo_dashboard_is_presented_at_the_board_meeting_after_it(demo):
    published = Dashboard.objects.filter(status=Dashboard.Status.PUBLISHED, presented_at__isnull=False)
    pairs = sorted((str(d), e.held_on) for d in published for e in d.presented_at.all())
    assert pairs == [
        ("2024-H1", datetime.date(2024, 9, 24)),
        ("2024-H2 v2", datetime.date(2025, 3, 11)),
        ("2025-H1", datetime.date(2025, 9, 30)),
        ("2025-H2", datetime.date(2026, 3, 24)),
        ("2026-H1", datetime.date(2026, 9, 29)),
    ]
    assert all(e.held_on > d.published_at.date() for d in published for e in d.presented_at.all())


def test_kpi_k09_counts_two_demo_board_consultations_a_year(demo, programme):
    k09 = Kpi.objects.get(programme=programme, code="K09")
    for year in (2023, 2024):
        assert kpis.evaluate(k09, datetime.date(year, 12, 31)).value == 2, year
    # The programme ended on 30 June 2025: the meeting of September 2025 counts for the multi-year plan.
    assert kpis.evaluate(k09, datetime.date(2025, 6, 30)).value == 1
    plan_k09 = Kpi.objects.get(programme__code="meerjarenplan-2025-2030", code="K09")
    assert kpis.evaluate(plan_k09, datetime.date(2025, 12, 31)).value == 1
    assert kpis.evaluate(plan_k09, datetime.date(2026, 12, 31)).value == 2
    # The dashboard of 2024-H2 froze K09 of 2024 after the September meeting presented 2024-H1.
    frozen = Dashboard.objects.get(year=2024, half=2, version=2).snapshot
    assert next(k for k in frozen["kpis"] if k["code"] == "K09")["value"] in ("2", "2.00", 2)


def test_the_demo_advice_covers_every_follow_up_state_with_responses(demo):
    advice = list(Advice.objects.select_related("author"))
    assert {a.follow_up for a in advice} == set(Advice.FollowUp.values)
    assert {a.kind for a in advice} == set(Advice.Kind.values)
    assert len({a.author for a in advice}) == 3
    assert all(a.subject.endswith("(demo)") for a in advice)
    assert all(a.response and a.responded_by for a in advice if a.follow_up != Advice.FollowUp.OPEN)
    assert all(a.dashboard.status == Dashboard.Status.PUBLISHED for a in advice)
    assert all(a.author.last_name.endswith("(demo)") for a in advice)


class _Undo(Exception):
    pass


def test_the_demo_dashboards_and_advice_are_deterministic(db):
    runs = []
    for _ in range(2):
        with contextlib.suppress(_Undo), transaction.atomic():
            load_demo()
            runs.append(
                (
                    [
                        (d.year, d.half, d.version, d.introduction, d.highlights, d.published_at)
                        for d in Dashboard.objects.order_by("year", "half", "version")
                    ],
                    list(
                        Advice.objects.order_by("given_at").values_list(
                            "subject", "follow_up", "given_at", "responded_at"
                        )
                    ),
                    [
                        {key: value for key, value in d.snapshot.items() if key != "dashboard"}
                        for d in Dashboard.objects.order_by("year", "half", "version")
                    ],
                )
            )
            raise _Undo
    assert runs[0] == runs[1]


def test_the_demo_dashboard_after_the_published_analysis_counts_it_for_k11(db, programme, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    loaded = load_demo(annual_analysis=True)
    analysis = loaded["annual_analysis"]
    assert (analysis.year, timezone.localdate(analysis.published_at)) == (2024, datetime.date(2025, 3, 14))
    k11 = Kpi.objects.get(programme=programme, code="K11")
    by_half_year = {
        (d.year, d.half, d.version): next(k for k in d.snapshot["kpis"] if k["code"] == "K11")
        for d in Dashboard.objects.filter(status=Dashboard.Status.PUBLISHED)
    }
    # Each frozen figure is what analysis.kpis says as of the dashboard's own date.
    assert float(by_half_year[(2025, 1, 1)]["value"]) == kpis.evaluate(k11, datetime.date(2025, 6, 30)).value == 1
    assert float(by_half_year[(2024, 2, 2)]["value"]) == kpis.evaluate(k11, datetime.date(2024, 12, 31)).value == 0
    # The analysis of 2024 holds the board's advice of 2024, given before it was made.
    assert [a["subject"] for a in analysis.snapshot["year"]["advice"]] == [
        "Meer aandacht voor digitale weerbaarheid (demo)",
        "Betrek jongeren zelf bij de evaluaties (demo)",
    ]


def test_the_kpi_page_in_the_programme_2023_2025_shows_the_figures_of_the_published_analysis_2024(
    db, programme, settings, tmp_path, client
):
    settings.MEDIA_ROOT = tmp_path
    loaded = load_demo(annual_analysis=True)
    analysis = loaded["annual_analysis"]
    staff = loaded["users"]["staf"]
    client.force_login(staff)
    # The demo opens in the multi-year plan: the staff member switches to 2023-2025 in the header.
    assert client.get(reverse("analysis:kpis")).context["programme"].code == "meerjarenplan-2025-2030"
    client.post(reverse("agenda:programme_choose"), {"programme": programme.code, "next": reverse("analysis:kpis")})
    as_of = analysis.snapshot["as_of"]
    page = client.get(reverse("analysis:kpis"), {"as_of": as_of})
    assert page.status_code == 200
    assert page.context["programme"] == programme
    frozen = {
        k["code"]: display(k["code"], None if k["value"] is None else int(float(k["value"])))
        for k in analysis.snapshot["kpis"]
    }
    assert len(frozen) == 12
    assert page_values(page.content.decode()) == frozen


def test_the_board_compares_dashboards_across_the_two_programmes_with_a_note_on_the_kpis(demo, client):
    client.force_login(demo["users"]["klankbord"])
    old = Dashboard.objects.get(programme__code="agenda-2023-2025", year=2025, half=1)
    new = Dashboard.objects.get(programme__code="meerjarenplan-2025-2030", year=2026, half=1)
    page = client.get(reverse("analysis:dashboard_compare"), {"a": old.pk, "b": new.pk})
    assert page.status_code == 200
    notes = page.context["comparison"].notes
    assert "verschillende programma's" in notes[0]
    # K04 and K10 are not in the multi-year plan of the demo; K01 kept its meaning, K05 did not.
    assert any("K04, K10" in note for note in notes)
    assert any("K05" in note and "K01" not in note for note in notes if "streefwaarde" in note)
    same = Dashboard.objects.get(programme__code="agenda-2023-2025", year=2024, half=1)
    assert (
        client.get(reverse("analysis:dashboard_compare"), {"a": same.pk, "b": old.pk}).context["comparison"].notes == []
    )
