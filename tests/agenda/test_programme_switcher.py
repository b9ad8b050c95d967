"""The programme switcher: it opens in the programme that runs today, is remembered per user, and can be linked."""

import datetime

import pytest
from django.urls import reverse

from agenda.models import ProgrammeChoice
from agenda.reference import DEMO_PROGRAMME_FILE, load_programme
from agenda.selectors import running_programme
from tests.factories import make_user

pytestmark = pytest.mark.django_db

CHOOSE = reverse("agenda:programme_choose")


@pytest.fixture
def plan(programme):
    return load_programme(DEMO_PROGRAMME_FILE)


def test_the_programme_that_runs_today_is_the_default(programme, plan):
    assert running_programme(today=datetime.date(2024, 5, 1)) == programme
    assert running_programme(today=datetime.date(2026, 12, 7)) == plan
    assert running_programme(today=datetime.date(2031, 3, 1)) == plan  # the latest that started
    assert running_programme(today=datetime.date(2022, 3, 1)) == programme  # none started yet: the first


def test_staff_open_the_kpi_page_in_the_running_programme_and_switch_it_for_good(client, programme, plan):
    staff = make_user("sanne", role="staff")
    client.force_login(staff)
    page = client.get(reverse("analysis:kpis"))
    assert page.context["programme"] == plan
    html = page.content.decode()
    assert 'id="header-programme"' in html and f'value="{programme.code}"' in html

    response = client.post(CHOOSE, {"programme": programme.code, "next": reverse("analysis:kpis") + "?page=2"})
    assert response.status_code == 302
    assert response["Location"] == reverse("analysis:kpis") + f"?programme={programme.code}"
    assert ProgrammeChoice.objects.get(user=staff).programme == programme
    # Remembered: without the address saying so, the pages open in the chosen programme.
    assert client.get(reverse("analysis:kpis")).context["programme"] == programme
    assert client.get(reverse("analysis:budget")).context["programme"] == programme


def test_a_programme_in_the_address_wins_over_the_remembered_choice(client, programme, plan):
    board = make_user("karim", role="board")
    ProgrammeChoice.objects.create(user=board, programme=programme)
    client.force_login(board)
    assert client.get(reverse("analysis:dashboard_list")).context["programme"] == programme
    page = client.get(reverse("analysis:dashboard_list"), {"programme": plan.code})
    assert page.context["programme"] == plan
    assert ProgrammeChoice.objects.get(user=board).programme == programme  # a link does not change the choice


def test_the_switcher_goes_back_only_to_this_site_and_ignores_an_unknown_programme(client, programme, plan):
    client.force_login(make_user("sanne", role="staff"))
    response = client.post(CHOOSE, {"programme": plan.code, "next": "https://elders.example/kpis"})
    assert response["Location"] == f"/?programme={plan.code}"
    response = client.post(CHOOSE, {"programme": "bestaat-niet", "next": "/kpis/"})
    assert response["Location"] == "/kpis/"
    assert not ProgrammeChoice.objects.filter(programme__code="bestaat-niet").exists()


def test_municipality_users_have_no_switcher(client, programme, plan, users):
    client.force_login(users["bob"])
    assert 'id="header-programme"' not in client.get(reverse("home")).content.decode()
    assert client.post(CHOOSE, {"programme": plan.code}).status_code == 403
