"""Fit and finish: where signing in lands, one menu vocabulary, filters that offer what has data,
KPI texts in English, and the annual analysis banner that follows its job."""

import re

import pytest
from django.urls import reverse

from agenda.models import Kpi
from analysis.models import AnnualAnalysis
from core import roles
from portal import navigation
from tests.factories import PASSWORD, AnnualAnalysisFactory, GrantFactory

pytestmark = pytest.mark.django_db


def _sign_in(client, username, **query):
    url = reverse("login") + (f"?next={query['next']}" if "next" in query else "")
    return client.post(url, {"username": username, "password": PASSWORD})


# Landing ----------------------------------------------------------------------------


def test_a_municipality_user_lands_on_their_workspace(client, users):
    response = _sign_in(client, "bob")
    assert response.status_code == 302
    assert response["Location"] == reverse("interventions:workspace")


def test_the_board_lands_on_the_board_home(client, users):
    response = _sign_in(client, "dave")
    assert response["Location"] == reverse("home")
    assert "Werkplek klankbordgroep" in client.get(response["Location"]).content.decode()


def test_staff_land_on_the_staff_home_through_the_second_factor(client, users):
    response = _sign_in(client, "alice")
    assert response["Location"] == reverse("home")
    # The second factor comes first, and then the home page.
    assert client.get(reverse("home"))["Location"] == reverse("second_factor") + "?next=/"


def test_a_page_asked_for_wins_over_the_workspace(client, users):
    wanted = reverse("interventions:catalogue")
    response = _sign_in(client, "bob", next=wanted)
    assert response["Location"] == wanted


def test_a_signed_in_user_opening_the_sign_in_page_goes_to_their_workspace(client, users):
    client.force_login(users["bob"])
    assert client.get(reverse("login"))["Location"] == reverse("interventions:workspace")


# Menus ------------------------------------------------------------------------------


def _menu(client) -> dict[str, str]:
    html = client.get(reverse("interventions:catalogue")).content.decode()
    nav = html.split('aria-label="Hoofdmenu"', 1)[1].split("</nav>", 1)[0]
    return dict(re.findall(r'<a class="portal-nav__link" href="([^"]+)"[^>]*>([^<]+)</a>', nav))


def test_entries_shared_by_the_menus_carry_the_same_words_signed_in_or_out(client, users):
    public = _menu(client)
    assert public[reverse("interventions:catalogue")] == "Catalogus"
    for username in ("alice", "bob", "dave"):
        client.force_login(users[username])
        signed_in = _menu(client)
        shared = set(public) & set(signed_in)
        assert reverse("interventions:catalogue") in shared
        assert {url: signed_in[url] for url in shared} == {url: public[url] for url in shared}, username
        client.logout()


def test_municipalities_have_analyses_in_their_menu(client, users):
    client.force_login(users["bob"])
    menu = _menu(client)
    assert menu[reverse("analysis:public_analyses")] == "Analyses"
    assert client.get(reverse("analysis:public_analyses")).status_code == 200


def test_every_role_menu_names_a_url_only_once_and_with_one_label():
    labels: dict[str, str] = {}
    for sections in [navigation.PUBLIC, *navigation.BY_ROLE.values()]:
        for section in sections:
            assert labels.setdefault(section.url_name, str(section.label)) == str(section.label), section.url_name
    assert navigation.CATALOGUE in navigation.BY_ROLE[roles.MUNICIPALITY]


# Filters ----------------------------------------------------------------------------


def _options(html: str, name: str) -> set[str]:
    select = html.split(f'name="{name}"', 1)[1].split("</select>", 1)[0]
    return set(re.findall(r"<option[^>]*>([^<]+)</option>", select))


def test_the_report_overview_offers_the_municipalities_of_the_period(client, world, users):
    client.force_login(users["alice"])
    html = client.get(reverse("interventions:report_overview")).content.decode()
    assert _options(html, "municipality") == {"Alle gemeenten", "Rotterdam", "Utrecht"}


def test_a_municipality_chosen_outside_the_offer_still_filters_and_shows(client, world, users):
    client.force_login(users["alice"])
    html = client.get(reverse("interventions:report_overview"), {"municipality": "GM0363"}).content.decode()
    assert "Amsterdam" in _options(html, "municipality")


def test_the_grant_list_offers_the_municipalities_with_a_grant_in_the_programme(client, users, programme):
    from municipalities.models import Municipality

    GrantFactory(municipality=Municipality.objects.get(cbs_code="GM0363"))
    client.force_login(users["alice"])
    html = client.get(reverse("municipalities:grant_list"), {"programme": programme.code}).content.decode()
    offered = _options(html, "municipality") - {"Alle"}
    expected = set(Municipality.objects.filter(grants__programme=programme).distinct().values_list("name", flat=True))
    assert offered == expected and "Amsterdam" in offered
    assert len(offered) < Municipality.objects.count()


# English reference text ---------------------------------------------------------------


def test_kpi_descriptions_and_milestones_are_shown_in_english(client, users, programme):
    milestone = Kpi.objects.get(programme=programme, code="K04")
    assert milestone.unit == Kpi.Unit.MILESTONE and milestone.description_en and milestone.measure_description_en
    client.force_login(users["alice"])
    client.cookies["django_language"] = "en"
    html = client.get(reverse("analysis:kpi_detail", args=["K04"]), {"programme": programme.code}).content.decode()
    assert milestone.description_en in html.replace("&#x27;", "'")
    assert milestone.measure_description_en in html
    assert milestone.description not in html
    client.cookies["django_language"] = "nl"
    dutch = client.get(reverse("analysis:kpi_detail", args=["K04"]), {"programme": programme.code}).content.decode()
    assert milestone.measure_description in dutch


def test_every_reference_kpi_has_its_english_texts(programme):
    for kpi in Kpi.objects.filter(programme=programme):
        assert kpi.name_en and kpi.description_en and kpi.measure_description_en, kpi.code


def test_the_programme_has_one_english_name_in_the_header_and_the_body(client, programme):
    client.cookies["django_language"] = "en"
    html = client.get(reverse("agenda:programme_public")).content.decode().replace("&amp;", "&")
    header = html.split('class="portal-header__subtitle">', 1)[1].split("<", 1)[0]
    assert programme.name_en.startswith(header)
    assert programme.name_en in html


# The annual analysis banner -----------------------------------------------------------


def _poll(client, analysis, state):
    return client.get(analysis.get_absolute_url(), {"state": state}, HTTP_HX_REQUEST="true")


def test_the_banner_follows_the_job_until_it_is_done(client, users, programme):
    client.force_login(users["alice"])
    analysis = AnnualAnalysisFactory(status="queued")
    page = client.get(analysis.get_absolute_url()).content.decode()
    assert "staat in de wachtrij" in page and 'hx-trigger="every 2s"' in page
    state = re.search(r"\?state=([^\"]+)\"", page).group(1).replace("%3A", ":")
    assert _poll(client, analysis, state).status_code == 204  # nothing changed, nothing to swap

    AnnualAnalysis.objects.filter(pk=analysis.pk).update(status="running", stage="render", progress=55)
    running = _poll(client, analysis, state).content.decode()
    assert "wordt gemaakt" in running and "wachtrij" not in running and 'hx-trigger="every 2s"' in running

    AnnualAnalysis.objects.filter(pk=analysis.pk).update(status="done", stage="done", progress=100, page_count=3)
    done = _poll(client, analysis, "old").content.decode()
    assert "is klaar" in done and "wachtrij" not in done
    assert "hx-trigger" not in done  # the polling stops


def test_a_failed_job_says_so_in_the_banner(client, users, programme):
    client.force_login(users["alice"])
    analysis = AnnualAnalysisFactory(status="failed", error="kapot")
    assert "is mislukt" in _poll(client, analysis, "old").content.decode()
