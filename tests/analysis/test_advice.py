"""The board's advice: recording it, reading each other's, and the programme's response with its history."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from agenda.models import ActionLine, Kpi
from analysis.models import Advice
from analysis.selectors.advice import advice_counts, advice_history
from analysis.services.advice import advice_record, advice_respond
from analysis.services.dashboards import dashboard_publish
from tests.factories import AdviceFactory, DashboardFactory, InterventionFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def dashboard(users):
    InterventionFactory()
    return dashboard_publish(dashboard=DashboardFactory(year=2024, half=1), by=users["alice"], notify=False)


@pytest.fixture
def advice(users, dashboard):
    return advice_record(
        by=users["dave"], dashboard=dashboard, kind=Advice.Kind.ASKED, subject="Meer evaluaties", text="Doe meer."
    )


def _url(name, *args):
    return reverse(f"analysis:{name}", args=args)


def _form(dashboard, **extra):
    return {"dashboard": dashboard.pk, "kind": "unasked", "subject": "Onderwerp", "text": "Mijn advies.", **extra}


def test_a_board_member_records_advice_on_a_dashboard_about_a_kpi(client, users, dashboard, programme):
    k06 = Kpi.objects.get(programme=programme, code="K06")
    client.force_login(users["dave"])
    form = client.get(_url("advice_create"), {"dashboard": dashboard.pk})
    assert form.context["form"].initial["dashboard"] == dashboard.pk
    response = client.post(_url("advice_create"), _form(dashboard, kpi=k06.pk), follow=True)
    advice = Advice.objects.get()
    assert (advice.author, advice.kind, advice.kpi, advice.action_line) == (
        users["dave"],
        Advice.Kind.UNASKED,
        k06,
        k06.action_line,
    )
    assert advice.follow_up == Advice.FollowUp.OPEN
    assert "Uw advies is vastgelegd" in response.content.decode()
    assert advice.history.get().history_user == users["dave"]


def test_advice_without_text_is_refused_with_a_clear_message_and_nothing_is_lost(client, users, dashboard):
    client.force_login(users["dave"])
    response = client.post(_url("advice_create"), _form(dashboard, text="   ", subject="Mijn onderwerp"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "een advies zonder tekst kan niet worden vastgelegd" in html
    assert "Er ging iets mis" in html
    assert 'value="Mijn onderwerp"' in html
    assert not Advice.objects.exists()


def test_the_service_and_the_database_refuse_advice_without_text(users, dashboard):
    with pytest.raises(ValidationError) as refused:
        advice_record(by=users["dave"], dashboard=dashboard, kind="asked", subject="Leeg", text=" ")
    assert "text" in refused.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Advice.objects.create(dashboard=dashboard, author=users["dave"], kind="asked", subject="Leeg", text="")


def test_a_kpi_of_another_action_line_is_refused(client, users, dashboard, programme):
    al1 = ActionLine.objects.get(programme=programme, code="AL1")
    k06 = Kpi.objects.get(programme=programme, code="K06")
    client.force_login(users["dave"])
    response = client.post(_url("advice_create"), _form(dashboard, action_line=al1.pk, kpi=k06.pk))
    assert "KPI K06 hoort bij actielijn AL2, niet bij de gekozen actielijn" in response.content.decode()
    assert not Advice.objects.exists()


def test_advice_can_only_be_given_on_a_published_dashboard(client, users, dashboard):
    draft = DashboardFactory(year=2024, half=2)
    client.force_login(users["dave"])
    response = client.post(_url("advice_create"), _form(draft))
    assert response.status_code == 200
    assert response.context["form"].errors["dashboard"]
    assert draft not in response.context["form"].fields["dashboard"].queryset
    with pytest.raises(ValidationError):
        advice_record(by=users["dave"], dashboard=draft, kind="asked", subject="x", text="y")


def test_board_members_see_each_others_advice_and_the_response(client, users, advice):
    advice_respond(advice=advice, by=users["alice"], follow_up=Advice.FollowUp.PARTLY, response="Deels, omdat...")
    colleague = make_user("ilse", role="board")
    client.force_login(colleague)
    listing = client.get(_url("advice_list"))
    assert list(listing.context["page_obj"].object_list) == [advice]
    detail = client.get(_url("advice_detail", advice.pk))
    html = detail.content.decode()
    assert "Deels, omdat..." in html
    assert "Deels overgenomen" in html
    assert detail.context["form"] is None
    assert "Reactie opslaan" not in html


def test_staff_respond_and_the_history_says_who_changed_what_and_when(client, users, advice):
    client.force_login(users["alice"])
    response = client.post(
        _url("advice_respond", advice.pk), {"follow_up": "not_taken_up", "response": "Past niet in het budget."}
    )
    assert response.url == _url("advice_detail", advice.pk)
    advice.refresh_from_db()
    assert (advice.follow_up, advice.responded_by) == (Advice.FollowUp.NOT_TAKEN_UP, users["alice"])
    client.post(_url("advice_respond", advice.pk), {"follow_up": "taken_up", "response": "Toch overgenomen."})
    history = advice_history(advice)
    assert [entry.who for entry in history] == ["dave", "alice", "alice"]
    assert history[0].created
    fields = {change.field: (change.old, change.new) for change in history[2].changes}
    assert fields["opvolging"] == ("Niet overgenomen", "Overgenomen")
    assert fields["reactie van het programma"] == ("Past niet in het budget.", "Toch overgenomen.")
    page = client.get(_url("advice_detail", advice.pk)).content.decode()
    assert "„Niet overgenomen” werd „Overgenomen”" in page


def test_a_response_is_required_unless_the_advice_stays_open(client, users, advice):
    client.force_login(users["alice"])
    response = client.post(_url("advice_respond", advice.pk), {"follow_up": "taken_up", "response": " "})
    assert response.status_code == 200
    assert "zonder reactie blijft het advies open" in response.content.decode()
    response = client.post(_url("advice_respond", advice.pk), {"follow_up": "not_taken_up", "response": ""})
    assert "Leg uit waarom het advies niet wordt overgenomen" in response.content.decode()
    advice.refresh_from_db()
    assert advice.follow_up == Advice.FollowUp.OPEN and advice.responded_by is None


def test_saving_the_same_response_twice_adds_no_history(users, advice):
    advice_respond(advice=advice, by=users["alice"], follow_up="taken_up", response="Ja.")
    advice_respond(advice=advice, by=users["alice"], follow_up="taken_up", response="Ja.")
    assert advice.history.count() == 2


def test_a_board_member_who_tries_to_respond_gets_403(client, users, advice):
    client.force_login(users["dave"])
    response = client.post(_url("advice_respond", advice.pk), {"follow_up": "taken_up", "response": "Zelf gedaan"})
    assert response.status_code == 403
    advice.refresh_from_db()
    assert advice.follow_up == Advice.FollowUp.OPEN


def test_staff_do_not_record_advice_and_others_do_not_see_it(client, users, advice):
    client.force_login(users["alice"])
    assert client.get(_url("advice_create")).status_code == 403
    for username in ("bob", "eve"):
        client.force_login(users[username])
        assert client.get(_url("advice_list")).status_code == 403
        assert client.get(_url("advice_detail", advice.pk)).status_code == 403
        assert client.post(_url("advice_create"), {}).status_code == 403
    client.logout()
    assert client.get(_url("advice_detail", advice.pk)).status_code == 302


def test_advice_on_a_draft_is_never_shown(client, users, dashboard):
    hidden = AdviceFactory(dashboard=DashboardFactory(year=2024, half=2), author=users["dave"])
    client.force_login(users["dave"])
    assert client.get(_url("advice_detail", hidden.pk)).status_code == 404
    assert client.get(_url("advice_list")).context["total"] == 0


def test_staff_see_advice_counted_by_state_and_filter_it(client, users, dashboard):
    other = dashboard_publish(dashboard=DashboardFactory(year=2023, half=2), by=users["alice"], notify=False)
    plan = [
        (dashboard, "asked", "open", ""),
        (dashboard, "unasked", "taken_up", "Ja."),
        (other, "asked", "taken_up", "Ja."),
        (other, "asked", "partly", "Deels."),
        (dashboard, "unasked", "not_taken_up", "Nee, want..."),
    ]
    for target, kind, follow_up, response in plan:
        item = advice_record(by=users["dave"], dashboard=target, kind=kind, subject=f"{kind} {follow_up}", text="x")
        if response:
            advice_respond(advice=item, by=users["alice"], follow_up=follow_up, response=response)
    counts = {c["code"]: c["count"] for c in advice_counts(user=users["alice"])}
    assert counts == {"open": 1, "taken_up": 2, "partly": 1, "not_taken_up": 1}
    client.force_login(users["alice"])
    response = client.get(_url("advice_list"), {"follow_up": "taken_up"})
    assert {a.subject for a in response.context["page_obj"]} == {"unasked taken_up", "asked taken_up"}
    response = client.get(_url("advice_list"), {"follow_up": "taken_up", "kind": "asked", "dashboard": other.pk})
    assert [a.subject for a in response.context["page_obj"]] == ["asked taken_up"]
    assert [c["count"] for c in response.context["counts"]] == [1, 2, 1, 1]
    response = client.get(_url("advice_list"), {"follow_up": "nonsense", "dashboard": "abc"})
    assert response.status_code == 200


def test_the_advice_list_takes_a_fixed_number_of_queries(client, users, dashboard, django_assert_num_queries):
    for index in range(3):
        advice_record(by=users["dave"], dashboard=dashboard, kind="asked", subject=f"A{index}", text="x")
    client.force_login(users["alice"])
    client.get(_url("advice_list"))
    with django_assert_num_queries(9):
        client.get(_url("advice_list"))
    for index in range(5):
        advice_record(by=users["dave"], dashboard=dashboard, kind="asked", subject=f"B{index}", text="x")
    with django_assert_num_queries(9):
        client.get(_url("advice_list"))


def test_the_advice_is_listed_on_its_dashboard(client, users, dashboard, advice):
    client.force_login(users["dave"])
    response = client.get(_url("dashboard_detail", dashboard.pk))
    assert response.context["advice"] == [advice]
    assert "Meer evaluaties" in response.content.decode()
    assert advice.given_at.date() <= datetime.date.today()


def test_the_respond_url_refuses_a_get_after_checking_who_asks(client, users, advice):
    """Who may not respond gets 403 whatever the method; staff get 405 for a GET (the form is on the detail page)."""
    url = _url("advice_respond", advice.pk)
    for username in ("dave", "bob", "eve"):
        client.force_login(users[username])
        assert client.get(url).status_code == 403, username
    client.force_login(users["alice"])
    assert client.get(url).status_code == 405
    assert client.get(_url("advice_respond", 10**9)).status_code == 404
