"""Advice as a conversation: the programme answers, the board replies, each side is told, and the thread is
frozen into the annual analysis that cites the advice."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from analysis import annual
from analysis.models import Advice, AdviceMessage
from analysis.services import annual as annual_services
from analysis.services.advice import advice_record, advice_reply, advice_respond
from analysis.services.dashboards import dashboard_publish
from analysis.snapshots import freeze
from core.models import Notification
from tests.factories import DashboardFactory, InterventionFactory, make_user

pytestmark = pytest.mark.django_db

Kind = Notification.Kind


@pytest.fixture
def dashboard(users):
    InterventionFactory()
    return dashboard_publish(dashboard=DashboardFactory(year=2024, half=1), by=users["alice"], notify=False)


@pytest.fixture
def advice(users, dashboard, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return advice_record(
            by=users["dave"], dashboard=dashboard, kind=Advice.Kind.ASKED, subject="Meer evaluaties", text="Doe meer."
        )


def _told(user, kind) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, kind=kind))


def test_staff_are_told_in_the_portal_and_by_email_when_advice_arrives(users, advice):
    (notification,) = _told(users["alice"], Kind.ADVICE_GIVEN)
    assert notification.url == f"/adviezen/{advice.pk}/"
    assert notification.message == "Nieuw advies van de klankbordgroep: „Meer evaluaties”."
    assert [m.to for m in mail.outbox] == [["alice@example.nl"]]
    # The board member who gave it, and other roles, hear nothing.
    assert Notification.objects.filter(kind=Kind.ADVICE_GIVEN).count() == 1


def test_the_answer_goes_to_the_board_member_and_the_reply_to_the_staff_who_answered(
    users, advice, django_capture_on_commit_callbacks
):
    anna = make_user("anna", role="staff")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        advice_respond(advice=advice, by=users["alice"], follow_up="partly", response="We doen de grootste eerst.")
    (answered,) = _told(users["dave"], Kind.ADVICE_ANSWERED)
    assert answered.message == "Het programma heeft gereageerd op het advies „Meer evaluaties”."
    assert [m.to for m in mail.outbox] == [["dave@example.nl"]]

    with django_capture_on_commit_callbacks(execute=True):
        reply = advice_reply(advice=advice, by=users["dave"], text="Welke zijn de grootste?")
    # Alice answered, so she hears of the reply; anna took no part.
    (replied,) = _told(users["alice"], Kind.ADVICE_REPLY)
    assert replied.url == f"/adviezen/{advice.pk}/#bericht-{reply.pk}"
    assert not _told(anna, Kind.ADVICE_REPLY)

    with django_capture_on_commit_callbacks(execute=True):
        advice_respond(advice=advice, by=users["alice"], follow_up="partly", response="De vijf met het meeste geld.")
    thread = list(AdviceMessage.objects.filter(advice=advice))
    assert [(m.side, m.author.username, m.text) for m in thread] == [
        ("programme", "alice", "We doen de grootste eerst."),
        ("board", "dave", "Welke zijn de grootste?"),
        ("programme", "alice", "De vijf met het meeste geld."),
    ]
    assert len(_told(users["dave"], Kind.ADVICE_ANSWERED)) == 2
    assert thread[1].history.get().history_user == users["dave"]


def test_changing_only_the_follow_up_adds_nothing_to_the_conversation(users, advice):
    advice_respond(advice=advice, by=users["alice"], follow_up="partly", response="Deels.")
    advice_respond(advice=advice, by=users["alice"], follow_up="taken_up", response="Deels.")
    assert AdviceMessage.objects.filter(advice=advice).count() == 1


def test_the_board_replies_only_to_an_answer_and_never_with_nothing(users, advice):
    with pytest.raises(ValidationError, match="zodra het programma"):
        advice_reply(advice=advice, by=users["dave"], text="Nog niets gehoord?")
    advice_respond(advice=advice, by=users["alice"], follow_up="open", response="We kijken ernaar.")
    with pytest.raises(ValidationError):
        advice_reply(advice=advice, by=users["dave"], text="   ")
    assert AdviceMessage.objects.filter(side="board").count() == 0


def test_the_advice_page_shows_the_thread_and_the_reply_form_to_the_board_only(client, users, advice):
    advice_respond(advice=advice, by=users["alice"], follow_up="partly", response="We doen de grootste eerst.")
    client.force_login(users["dave"])
    page = client.get(reverse("analysis:advice_detail", args=[advice.pk]))
    assert page.context["reply_form"] is not None and page.context["form"] is None
    response = client.post(reverse("analysis:advice_reply", args=[advice.pk]), {"text": "Welke zijn dat?"}, follow=True)
    html = response.content.decode()
    assert "Welke zijn dat?" in html and "We doen de grootste eerst." in html
    assert "Uw reactie is geplaatst" in html

    client.force_login(users["alice"])
    staff_page = client.get(reverse("analysis:advice_detail", args=[advice.pk]))
    assert staff_page.context["reply_form"] is None
    # After the board's reply the programme writes a new answer, not an edit of the old one.
    assert staff_page.context["form"].initial["response"] == ""
    assert client.post(reverse("analysis:advice_reply", args=[advice.pk]), {"text": "x"}).status_code == 403


def test_an_empty_reply_shows_the_page_again_with_the_error(client, users, advice):
    advice_respond(advice=advice, by=users["alice"], follow_up="partly", response="Deels.")
    client.force_login(users["dave"])
    response = client.post(reverse("analysis:advice_reply", args=[advice.pk]), {"text": ""})
    assert response.status_code == 200
    assert "een lege reactie kan niet worden geplaatst" in response.content.decode()
    assert AdviceMessage.objects.filter(side="board").count() == 0


def test_the_thread_is_frozen_into_the_analysis_of_the_year_and_shown_in_the_document(users, advice, programme):
    advice_respond(advice=advice, by=users["alice"], follow_up="partly", response="We doen de grootste eerst.")
    reply = advice_reply(advice=advice, by=users["dave"], text="Welke zijn de grootste?")
    later = advice_reply(advice=advice, by=users["dave"], text="Na het einde van het jaar.")
    in_2024 = timezone.make_aware(datetime.datetime(2024, 10, 1, 12))
    Advice.objects.filter(pk=advice.pk).update(given_at=in_2024)
    AdviceMessage.objects.exclude(pk=later.pk).update(written_at=in_2024)
    AdviceMessage.objects.filter(pk=later.pk).update(written_at=timezone.make_aware(datetime.datetime(2025, 1, 5)))

    data = annual.analysis_data(programme=programme, year=2024, version=1, today=datetime.date(2025, 3, 1))
    (frozen_advice,) = data["year"]["advice"]
    assert [(m["side"], m["text"]) for m in frozen_advice["thread"]] == [
        ("programme", "We doen de grootste eerst."),
        ("board", "Welke zijn de grootste?"),
    ]
    # The published analysis names the side, not the person.
    assert "dave" not in str(frozen_advice["thread"]) and "alice" not in str(frozen_advice["thread"])

    snapshot, data_hash = freeze(data)
    # Later messages do not change what was frozen.
    AdviceMessage.objects.filter(pk=reply.pk).update(text="Veranderd")
    html = annual_services.render_document(snapshot, data_hash=data_hash, language="nl").html
    assert "Gesprek over dit advies" in html
    assert "Welke zijn de grootste?" in html and "Veranderd" not in html
    assert "Na het einde van het jaar." not in html


def test_an_analysis_frozen_before_conversations_existed_still_renders(users, advice, programme):
    Advice.objects.filter(pk=advice.pk).update(given_at=timezone.make_aware(datetime.datetime(2024, 10, 1, 12)))
    data = annual.analysis_data(programme=programme, year=2024, version=1, today=datetime.date(2025, 3, 1))
    for item in data["year"]["advice"]:
        del item["thread"]
    snapshot, data_hash = freeze(data)
    html = annual_services.render_document(snapshot, data_hash=data_hash, language="nl").html
    assert "Meer evaluaties" in html and "Gesprek over dit advies" not in html


def test_the_history_of_an_advice_names_who_replied_and_when(users, advice):
    from analysis.selectors.advice import advice_history

    advice_respond(advice=advice, by=users["alice"], follow_up="partly", response="Deels.")
    advice_reply(advice=advice, by=users["dave"], text="Waarom deels?")
    history = advice_history(advice)
    assert [(entry.who, entry.reply) for entry in history][-1] == ("dave", "Waarom deels?")
    assert [entry.when for entry in history] == sorted(entry.when for entry in history)


def test_a_single_answer_is_not_repeated_as_a_conversation_in_the_document(users, advice, programme):
    advice_respond(advice=advice, by=users["alice"], follow_up="partly", response="Alleen dit antwoord.")
    in_2024 = timezone.make_aware(datetime.datetime(2024, 10, 1, 12))
    Advice.objects.filter(pk=advice.pk).update(given_at=in_2024)
    AdviceMessage.objects.update(written_at=in_2024)
    data = annual.analysis_data(programme=programme, year=2024, version=1, today=datetime.date(2025, 3, 1))
    snapshot, data_hash = freeze(data)
    html = annual_services.render_document(snapshot, data_hash=data_hash, language="nl").html
    assert html.count("Alleen dit antwoord.") == 1
    assert "Gesprek over dit advies" not in html
