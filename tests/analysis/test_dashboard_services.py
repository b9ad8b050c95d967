"""Preparing, publishing and correcting a dashboard, and the e-mail to the board."""

import datetime
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from agenda.models import Activity, Event, Kpi
from analysis import kpis
from analysis.models import Dashboard
from analysis.services import dashboards as services
from analysis.services.meetings import meeting_dashboards_set
from analysis.tasks import mail_dashboard_published
from core import roles
from tests.factories import DashboardFactory, InterventionFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def some_data(db):
    return InterventionFactory(stage="developed", developed_on=datetime.date(2023, 9, 1))


def _publish(dashboard, by, **kwargs):
    return services.dashboard_publish(dashboard=dashboard, by=by, notify=False, **kwargs)


def test_publishing_freezes_the_figures_with_a_hash_and_the_date(users, some_data):
    dashboard = DashboardFactory(year=2024, half=1)
    published = _publish(dashboard, users["alice"])
    assert published.status == Dashboard.Status.PUBLISHED
    assert published.snapshot["dashboard"]["introduction"] == "Inleiding bij het dashboard."
    assert len(published.content_hash) == 64
    assert published.published_by == users["alice"]
    assert timezone.localdate(published.published_at) == timezone.localdate()
    assert published.history.first().history_user == users["alice"]


def test_publishing_a_published_dashboard_again_is_refused_with_a_pointer_to_a_correction(users, some_data):
    published = _publish(DashboardFactory(year=2024, half=1), users["alice"])
    with pytest.raises(ValidationError) as refused:
        _publish(published, users["alice"])
    assert refused.value.code == "already_published"
    assert "is al gepubliceerd op" in refused.value.messages[0]
    assert "correctie" in refused.value.messages[0]


@pytest.mark.parametrize(("year", "half"), [(2022, 2), (2030, 1)])
def test_publishing_a_half_year_outside_the_programme_is_refused(users, some_data, year, half):
    dashboard = DashboardFactory(year=year, half=half)
    with pytest.raises(ValidationError) as refused:
        _publish(dashboard, users["alice"])
    assert refused.value.code == "no_data"
    assert "geen gegevens" in refused.value.messages[0]
    dashboard.refresh_from_db()
    assert dashboard.status == Dashboard.Status.DRAFT and dashboard.snapshot is None


def test_publishing_a_half_year_in_which_nothing_happened_is_refused(users):
    dashboard = DashboardFactory(year=2023, half=1)
    with pytest.raises(ValidationError) as refused:
        _publish(dashboard, users["alice"])
    assert refused.value.code == "empty"
    assert "Een leeg dashboard wordt niet gepubliceerd" in refused.value.messages[0]


def test_publishing_a_running_half_year_takes_the_figures_of_today(users, some_data):
    at = timezone.make_aware(datetime.datetime(2024, 4, 15, 12))
    published = _publish(DashboardFactory(year=2024, half=1), users["alice"], at=at)
    assert published.snapshot["as_of"] == "2024-04-15"
    assert published.snapshot["dashboard"]["complete_half_year"] is False


def test_the_database_refuses_a_published_dashboard_without_a_snapshot(programme):
    with pytest.raises(IntegrityError), transaction.atomic():
        Dashboard.objects.create(programme=programme, year=2024, half=1, status=Dashboard.Status.PUBLISHED)


def test_a_published_dashboard_counts_for_kpi_k09_once_presented_at_a_board_meeting_that_asked_advice(
    users, programme, some_data
):
    k09 = Kpi.objects.get(programme=programme, code="K09")
    at = timezone.make_aware(datetime.datetime(2024, 9, 17, 10))
    first = _publish(DashboardFactory(year=2024, half=1), users["alice"], at=at)
    correction = services.dashboard_start_correction(dashboard=first, by=users["alice"], note="Tekst verbeterd.")
    corrected = _publish(correction, users["alice"], at=at + datetime.timedelta(days=7))
    assert kpis.evaluate(k09, datetime.date(2024, 12, 31)).value == 0  # published, but never discussed

    meeting = Event.objects.create(
        activity=Activity.objects.get(kind=Activity.Kind.ADVISORY_BOARD),
        title="Klankbordgroep",
        held_on=datetime.date(2024, 10, 1),
        advice_asked=True,
    )
    meeting_dashboards_set(meeting=meeting, dashboards=[first, corrected], by=users["alice"])
    assert kpis.evaluate(k09, datetime.date(2024, 12, 31)).value == 1
    assert kpis.evaluate(k09, datetime.date(2024, 9, 30)).value == 0
    assert [d.pk for d in meeting.dashboards_presented.order_by("version")] == [first.pk, corrected.pk]
    assert meeting.history.latest().history_user == users["alice"]


def test_starting_a_dashboard_refuses_a_half_year_that_already_has_one(users, programme, some_data):
    draft = services.dashboard_create(programme=programme, year=2024, half=1, by=users["alice"])
    with pytest.raises(ValidationError) as refused:
        services.dashboard_create(programme=programme, year=2024, half=1, by=users["alice"])
    assert refused.value.code == "draft_exists" and refused.value.params["draft"] == draft.pk
    _publish(draft, users["alice"])
    with pytest.raises(ValidationError) as refused:
        services.dashboard_create(programme=programme, year=2024, half=1, by=users["alice"])
    assert refused.value.code == "already_published"


def test_starting_a_dashboard_for_the_future_is_refused(users, programme):
    with pytest.raises(ValidationError) as refused:
        services.dashboard_create(programme=programme, year=timezone.localdate().year + 1, half=1, by=users["alice"])
    assert "nog niet begonnen" in refused.value.messages[0]


def test_a_correction_is_a_new_version_that_says_what_changed_and_leaves_the_old_one_as_it_was(users, some_data):
    first = _publish(DashboardFactory(year=2024, half=1), users["alice"])
    frozen = first.snapshot
    correction = services.dashboard_start_correction(
        dashboard=first, by=users["alice"], note="Een verslag kwam later binnen."
    )
    assert (correction.version, correction.correction_of, correction.status) == (2, first, Dashboard.Status.DRAFT)
    assert correction.introduction == first.introduction
    InterventionFactory(stage="developed", developed_on=datetime.date(2024, 1, 10))
    second = _publish(correction, users["alice"])
    first.refresh_from_db()
    assert first.snapshot == frozen
    assert second.content_hash != first.content_hash
    assert second.snapshot["dashboard"]["correction_note"] == "Een verslag kwam later binnen."
    assert second.snapshot["dashboard"]["correction_of"]["id"] == first.pk


def test_a_correction_needs_a_note(users, some_data):
    first = _publish(DashboardFactory(year=2024, half=1), users["alice"])
    with pytest.raises(ValidationError) as refused:
        services.dashboard_start_correction(dashboard=first, by=users["alice"], note="  ")
    assert refused.value.code == "note_required"


def test_only_the_latest_published_version_can_be_corrected(users, some_data):
    first = _publish(DashboardFactory(year=2024, half=1), users["alice"])
    draft = services.dashboard_start_correction(dashboard=first, by=users["alice"], note="Eerste correctie.")
    with pytest.raises(ValidationError) as refused:
        services.dashboard_start_correction(dashboard=first, by=users["alice"], note="Nog een.")
    assert refused.value.code == "draft_exists"
    _publish(draft, users["alice"])
    with pytest.raises(ValidationError) as refused:
        services.dashboard_start_correction(dashboard=first, by=users["alice"], note="Nog een.")
    assert refused.value.code == "superseded"
    with pytest.raises(ValidationError) as refused:
        services.dashboard_start_correction(
            dashboard=DashboardFactory(year=2024, half=2), by=users["alice"], note="Concept."
        )
    assert refused.value.code == "not_published"


def test_the_texts_of_a_published_dashboard_cannot_change(users, some_data):
    published = _publish(DashboardFactory(year=2024, half=1), users["alice"])
    with pytest.raises(ValidationError):
        services.dashboard_update_texts(dashboard=published, by=users["alice"], introduction="Anders", highlights="")
    with pytest.raises(ValidationError):
        services.dashboard_delete_draft(dashboard=published, by=users["alice"])
    published.refresh_from_db()
    assert published.introduction == "Inleiding bij het dashboard."


def test_a_draft_keeps_its_texts_and_can_be_thrown_away(users):
    draft = DashboardFactory(year=2024, half=1)
    services.dashboard_update_texts(dashboard=draft, by=users["alice"], introduction=" Nieuw ", highlights="A\nB")
    draft.refresh_from_db()
    assert (draft.introduction, draft.highlights) == ("Nieuw", "A\nB")
    services.dashboard_delete_draft(dashboard=draft, by=users["alice"])
    assert not Dashboard.objects.filter(pk=draft.pk).exists()


def test_publishing_queues_the_mail_to_the_board_after_the_commit(users, some_data, django_capture_on_commit_callbacks):
    dashboard = DashboardFactory(year=2024, half=1)
    with mock.patch.object(mail_dashboard_published, "apply_async") as apply_async:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            services.dashboard_publish(dashboard=dashboard, by=users["alice"])
        apply_async.assert_not_called()
        for callback in callbacks:
            callback()
    apply_async.assert_called_once_with(args=[dashboard.pk])


def test_a_refused_publication_queues_no_mail(users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(ValidationError):
        services.dashboard_publish(dashboard=DashboardFactory(year=2023, half=1), by=users["alice"])
    assert callbacks == []


def test_every_active_board_member_with_an_address_gets_their_own_mail(users, some_data):
    board = Group.objects.get(name=roles.BOARD)
    inactive = make_user("frank", role="board")
    inactive.is_active = False
    inactive.save()
    no_address = make_user("gina", role="board")
    no_address.email = ""
    no_address.save()
    second = make_user("hans", role="board")
    assert board.user_set.count() == 4
    published = _publish(DashboardFactory(year=2024, half=1), users["alice"])
    # dave, gina and hans are told in the portal (alice published it); the two with an address also by e-mail.
    assert mail_dashboard_published(published.pk) == 3
    assert sorted(message.to[0] for message in mail.outbox) == [users["dave"].email, second.email]
    message = mail.outbox[0]
    assert message.subject == "Nieuw dashboard voor de klankbordgroep: Dashboard eerste halfjaar 2024"
    assert f"/dashboards/{published.pk}/" in message.body
    assert f"/adviezen/nieuw/?dashboard={published.pk}" in message.body


def test_the_mail_task_sends_nothing_for_a_draft_or_a_missing_dashboard(users):
    assert mail_dashboard_published(DashboardFactory(year=2024, half=1).pk) == 0
    assert mail_dashboard_published(999_999) == 0
    assert mail.outbox == []
