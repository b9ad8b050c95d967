"""The dashboard pages: who sees what, preparing and publishing through the browser, comparing two dashboards."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from analysis.models import Dashboard
from analysis.services.dashboards import dashboard_publish, dashboard_start_correction
from core import roles
from tests.factories import AdviceFactory, DashboardFactory, InterventionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(users):
    InterventionFactory(stage="developed", developed_on=datetime.date(2024, 2, 1))
    at = timezone.make_aware(datetime.datetime(2024, 9, 17, 10))
    return dashboard_publish(dashboard=DashboardFactory(year=2024, half=1), by=users["alice"], at=at, notify=False)


@pytest.fixture
def draft(users):
    return DashboardFactory(year=2024, half=2, introduction="Concepttekst", created_by=users["alice"])


def _url(name, *args):
    return reverse(f"analysis:{name}", args=args)


def test_anonymous_visitors_are_sent_to_the_login_page(client, published):
    for url in (_url("dashboard_list"), _url("dashboard_detail", published.pk), _url("dashboard_compare")):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("username", ["bob", "eve"])
def test_municipalities_and_users_without_a_role_may_not_see_dashboards(client, users, published, username):
    client.force_login(users[username])
    for url in (_url("dashboard_list"), _url("dashboard_detail", published.pk), _url("dashboard_compare")):
        assert client.get(url).status_code == 403


def test_board_members_see_only_published_dashboards(client, users, published, draft):
    client.force_login(users["dave"])
    response = client.get(_url("dashboard_list"))
    assert list(response.context["dashboards"]) == [published]
    assert "Nieuw dashboard" not in response.content.decode()
    assert client.get(_url("dashboard_detail", published.pk)).status_code == 200
    assert client.get(_url("dashboard_detail", draft.pk)).status_code == 404


def test_staff_see_drafts_and_published_dashboards(client, users, published, draft):
    client.force_login(users["alice"])
    response = client.get(_url("dashboard_list"))
    assert list(response.context["dashboards"]) == [draft, published]
    preview = client.get(_url("dashboard_detail", draft.pk))
    assert preview.context["is_draft"] is True
    assert "voorbeeld met de actuele cijfers" in preview.content.decode()


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("dashboard_edit", "get"),
        ("dashboard_edit", "post"),
        ("dashboard_publish", "get"),
        ("dashboard_publish", "post"),
        ("dashboard_correct", "post"),
        ("dashboard_delete", "post"),
    ],
)
def test_a_board_member_who_tries_to_change_a_dashboard_gets_403(client, users, published, draft, name, method):
    client.force_login(users["dave"])
    for dashboard in (published, draft):
        response = getattr(client, method)(_url(name, dashboard.pk), {"introduction": "x", "note": "x"})
        assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.introduction == "Concepttekst" and draft.status == Dashboard.Status.DRAFT


def test_a_board_member_cannot_start_a_dashboard(client, users):
    client.force_login(users["dave"])
    assert client.get(_url("dashboard_create")).status_code == 403
    assert client.post(_url("dashboard_create"), {"year": 2024, "half": 1}).status_code == 403
    assert not Dashboard.objects.exists()


def test_an_unknown_dashboard_is_a_404(client, users):
    client.force_login(users["alice"])
    assert client.get(_url("dashboard_detail", 999_999)).status_code == 404
    assert client.get(_url("dashboard_edit", 999_999)).status_code == 404


def test_staff_start_a_draft_write_its_texts_and_publish_it(
    client, users, programme, django_capture_on_commit_callbacks
):
    InterventionFactory()
    client.force_login(users["alice"])
    response = client.post(
        _url("dashboard_create"), {"programme": programme.pk, "year": 2024, "half": 2, "introduction": "Eerste tekst"}
    )
    dashboard = Dashboard.objects.get()
    assert response.url == _url("dashboard_detail", dashboard.pk)
    response = client.post(
        _url("dashboard_edit", dashboard.pk), {"introduction": "Beter", "highlights": "- Een\n- Twee"}, follow=True
    )
    assert response.context["highlights"] == ["Een", "Twee"]
    assert "Concept opslaan" in client.get(_url("dashboard_edit", dashboard.pk)).content.decode()
    confirm = client.get(_url("dashboard_publish", dashboard.pk))
    assert "krijgt een e-mail" in confirm.content.decode()
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(_url("dashboard_publish", dashboard.pk), follow=True)
    assert len(callbacks) == 1
    dashboard.refresh_from_db()
    assert dashboard.status == Dashboard.Status.PUBLISHED
    assert "Het dashboard is gepubliceerd" in response.content.decode()
    assert dashboard.content_hash in response.content.decode()


def test_publishing_twice_shows_a_clear_message(client, users, published):
    client.force_login(users["alice"])
    response = client.post(_url("dashboard_publish", published.pk), follow=True)
    assert "is al gepubliceerd op 17 september 2024" in response.content.decode()
    assert "maak dan een correctie" in response.content.decode()
    response = client.get(_url("dashboard_publish", published.pk), follow=True)
    assert "is al gepubliceerd op" in response.content.decode()


def test_publishing_an_empty_half_year_shows_a_clear_message(client, users):
    empty = DashboardFactory(year=2023, half=1)
    client.force_login(users["alice"])
    preview = client.get(_url("dashboard_detail", empty.pk))
    assert "Publiceren kan nog niet" in preview.content.decode()
    response = client.post(_url("dashboard_publish", empty.pk), follow=True)
    assert "Een leeg dashboard wordt niet gepubliceerd" in response.content.decode()
    empty.refresh_from_db()
    assert empty.status == Dashboard.Status.DRAFT


def test_the_create_form_refuses_a_half_year_without_data_and_keeps_the_text(client, users, programme):
    client.force_login(users["alice"])
    response = client.post(
        _url("dashboard_create"), {"programme": programme.pk, "year": 2030, "half": 1, "introduction": "Mijn tekst"}
    )
    assert response.status_code == 200
    assert "2030 is geen beschikbare keuze" in response.content.decode()
    assert "Mijn tekst" in response.content.decode()
    response = client.post(
        _url("dashboard_create"), {"programme": programme.pk, "year": 2025, "half": 2, "introduction": "Mijn tekst"}
    )
    assert "ligt na het einde van het programma op 30 juni 2025" in response.content.decode()
    assert "Mijn tekst" in response.content.decode()
    assert not Dashboard.objects.exists()


def test_starting_a_second_draft_for_a_half_year_leads_to_the_first(client, users, programme):
    client.force_login(users["alice"])
    response = client.post(_url("dashboard_create"), {"programme": programme.pk, "year": 2023, "half": 1})
    assert response.status_code == 302
    response = client.post(_url("dashboard_create"), {"programme": programme.pk, "year": 2023, "half": 1}, follow=True)
    assert "ligt al een concept klaar" in response.content.decode()
    assert response.context["dashboard"] == Dashboard.objects.get()


def test_garbage_in_the_forms_never_gives_a_500(client, users, published, draft):
    client.force_login(users["alice"])
    assert client.post(_url("dashboard_create"), {"year": "abc", "half": "9", "programme": "x"}).status_code == 200
    assert client.post(_url("dashboard_correct", published.pk), {"note": ""}).status_code == 200
    assert client.get(_url("dashboard_compare"), {"a": "x", "b": "999"}).status_code == 200


def test_a_correction_is_made_through_the_pages_and_the_old_version_is_marked_superseded(client, users, published):
    client.force_login(users["alice"])
    response = client.post(_url("dashboard_correct", published.pk), {"note": "Een verslag kwam later."})
    correction = Dashboard.objects.get(version=2)
    assert response.url == _url("dashboard_detail", correction.pk)
    edit = client.get(_url("dashboard_edit", correction.pk))
    assert "correction_note" in edit.context["form"].fields
    client.post(_url("dashboard_publish", correction.pk))
    old = client.get(_url("dashboard_detail", published.pk))
    assert old.context["superseded_by"] == Dashboard.objects.get(version=2)
    assert "Deze versie is vervangen door versie 2" in old.content.decode()
    new = client.get(_url("dashboard_detail", correction.pk))
    assert "Een verslag kwam later." in new.content.decode()
    listing = client.get(_url("dashboard_list"))
    assert [d.is_superseded for d in listing.context["dashboards"]] == [False, True]
    again = client.get(_url("dashboard_correct", published.pk), follow=True)
    assert "al vervangen door versie 2" in again.content.decode()
    client.force_login(users["dave"])
    assert "Advies geven over dit dashboard" not in client.get(_url("dashboard_detail", published.pk)).content.decode()
    assert "Advies geven over dit dashboard" in client.get(_url("dashboard_detail", correction.pk)).content.decode()


def test_a_published_dashboard_renders_from_its_snapshot_in_a_fixed_number_of_queries(
    client, users, published, django_assert_num_queries
):
    client.force_login(users["dave"])
    url = _url("dashboard_detail", published.pk)
    client.get(url)
    # Session, user, groups, dashboard, previous dashboard, versions, advice, and the dashboard's PDF.
    with django_assert_num_queries(10):
        client.get(url)
    InterventionFactory.create_batch(5, stage="developed", developed_on=datetime.date(2024, 3, 1))
    with django_assert_num_queries(10):
        response = client.get(url)
    assert response.status_code == 200


def test_the_dashboard_shows_the_change_since_the_previous_dashboard_with_words(client, users, published):
    InterventionFactory.create_batch(3, stage="developed", developed_on=datetime.date(2024, 9, 1))
    second = dashboard_publish(dashboard=DashboardFactory(year=2024, half=2), by=users["alice"], notify=False)
    client.force_login(users["dave"])
    response = client.get(_url("dashboard_detail", second.pk))
    assert response.context["previous"] == published
    k05 = next(row for group in response.context["kpi_groups"] for row in group.rows if row.code == "K05")
    assert (k05.value, k05.change.signed, k05.change.text) == (4, "+3", "gestegen met 3")
    html = response.content.decode()
    assert '<span class="visually-hidden">gestegen met 3</span>' in html
    assert 'aria-hidden="true"><span class="change__arrow">▲</span> +3' in html


def test_the_previous_dashboard_stays_the_one_it_was_published_with(client, users, published):
    InterventionFactory(stage="developed", developed_on=datetime.date(2024, 9, 1))
    second = dashboard_publish(dashboard=DashboardFactory(year=2024, half=2), by=users["alice"], notify=False)
    correction = dashboard_start_correction(dashboard=published, by=users["alice"], note="Later gecorrigeerd.")
    dashboard_publish(dashboard=correction, by=users["alice"], notify=False)
    client.force_login(users["dave"])
    response = client.get(_url("dashboard_detail", second.pk))
    assert response.context["previous"] == published


def test_board_members_compare_two_dashboards_side_by_side(client, users, published):
    InterventionFactory.create_batch(2, stage="developed", developed_on=datetime.date(2024, 9, 1))
    second = dashboard_publish(dashboard=DashboardFactory(year=2024, half=2), by=users["alice"], notify=False)
    client.force_login(users["dave"])
    default = client.get(_url("dashboard_compare"))
    assert (default.context["first"], default.context["second"]) == (published, second)
    response = client.get(_url("dashboard_compare"), {"a": published.pk, "b": second.pk})
    k05 = response.context["comparison"].get("kpi:K05")
    assert (k05.before_display, k05.after_display, k05.text) == ("1", "3", "gestegen met 2")
    assert 'data-key="kpi:K05"' in response.content.decode()
    reverse_order = client.get(_url("dashboard_compare"), {"a": second.pk, "b": published.pk})
    assert reverse_order.context["comparison"].get("kpi:K05").text == "gedaald met 2"


def test_comparing_a_dashboard_with_itself_or_a_draft_is_refused(client, users, published, draft):
    InterventionFactory()
    other = dashboard_publish(dashboard=DashboardFactory(year=2023, half=2), by=users["alice"], notify=False)
    client.force_login(users["dave"])
    same = client.get(_url("dashboard_compare"), {"a": published.pk, "b": published.pk})
    assert same.context["comparison"] is None
    assert "Kies twee verschillende dashboards" in same.content.decode()
    with_draft = client.get(_url("dashboard_compare"), {"a": other.pk, "b": draft.pk})
    assert with_draft.context["comparison"] is None
    assert with_draft.context["form"].errors["b"]


def test_the_dashboard_page_is_translated_to_english(client, users, published):
    client.force_login(users["dave"])
    client.cookies["django_language"] = "en"
    response = client.get(_url("dashboard_detail", published.pk))
    html = response.content.decode()
    assert "Dashboard first half-year of 2024" in html
    assert "KPIs per action line" in html


def test_the_board_navigation_links_to_dashboards_and_advice(client, users):
    client.force_login(users["dave"])
    html = client.get("/").content.decode()
    assert f'href="{_url("dashboard_list")}"' in html
    assert f'href="{_url("advice_list")}"' in html
    assert Group.objects.get(name=roles.BOARD).user_set.filter(pk=users["dave"].pk).exists()


def test_the_read_only_pages_refuse_a_post_after_the_permission_check(client, users, published, draft):
    advice = AdviceFactory(dashboard=published, author=users["dave"])
    pages = [
        _url("dashboard_list"),
        _url("dashboard_compare"),
        _url("dashboard_detail", published.pk),
        reverse("analysis:advice_list"),
        reverse("analysis:advice_detail", args=[advice.pk]),
    ]
    for username in ("alice", "dave"):
        client.force_login(users[username])
        for url in pages:
            assert client.post(url).status_code == 405, (username, url)
    # The board gets a 404 for a draft whatever the method; staff a 405 for the POST.
    assert client.post(_url("dashboard_detail", draft.pk)).status_code == 404
    client.force_login(users["alice"])
    assert client.post(_url("dashboard_detail", draft.pk)).status_code == 405
    for username in ("bob", "eve"):
        client.force_login(users[username])
        for url in pages:
            assert client.post(url).status_code == 403, (username, url)


def test_the_multi_year_plan_takes_the_half_years_after_the_first_programme(client, users, programme):
    from agenda.reference import DEMO_PROGRAMME_FILE, load_programme

    plan = load_programme(DEMO_PROGRAMME_FILE)
    client.force_login(users["alice"])
    form = client.get(_url("dashboard_create")).context["form"]
    # The form opens in the programme that runs today, at its last half-year that has ended.
    assert form.fields["programme"].initial == plan
    assert form.fields["year"].initial >= 2026
    response = client.post(
        _url("dashboard_create"), {"programme": plan.pk, "year": 2025, "half": 2, "introduction": "Tweede helft 2025"}
    )
    assert response.status_code == 302
    assert Dashboard.objects.get(programme=plan, year=2025, half=2).introduction == "Tweede helft 2025"
    response = client.post(
        _url("dashboard_create"), {"programme": plan.pk, "year": 2026, "half": 1, "introduction": "Eerste helft 2026"}
    )
    assert response.status_code == 302
    assert Dashboard.objects.filter(programme=plan).count() == 2
