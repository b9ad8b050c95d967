"""core.notifications: who is told what, per their choice, once per key; the weekly digest."""

from unittest import mock

import pytest
from django.conf import settings
from django.core import mail
from django.test import RequestFactory
from django.utils import translation

from core import notifications
from core.models import Notification, NotificationPreference
from tests.factories import make_user

Kind = Notification.Kind
Delivery = Notification.Delivery


@pytest.fixture
def staff(db):
    return [make_user("alice", role="staff"), make_user("anna", role="staff")]


def _tell(recipients, **options):
    return notifications.notify(
        kind=Kind.ADVICE_GIVEN,
        recipients=recipients,
        params={"subject": "Meer evaluaties"},
        url="/adviezen/1/",
        **options,
    )


def test_each_recipient_gets_one_notification_and_an_email_by_default(staff):
    created = _tell(staff)
    assert sorted(n.recipient.username for n in created) == ["alice", "anna"]
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.nl", "anna@example.nl"]
    assert mail.outbox[0].subject == "Nieuw advies van de klankbordgroep: „Meer evaluaties”."
    assert f"{settings.SITE_URL}/adviezen/1/" in mail.outbox[0].body
    assert Notification.objects.filter(mailed_at__isnull=False).count() == 2


def test_the_actor_and_inactive_users_are_not_told(staff):
    alice, anna = staff
    anna.is_active = False
    anna.save()
    bert = make_user("bert", role="staff")
    created = _tell([alice, anna, bert], actor=alice)
    assert [n.recipient for n in created] == [bert]


def test_a_key_makes_a_notification_once_only_per_recipient(staff):
    assert len(_tell(staff, key="advice-given:1")) == 2
    assert _tell(staff, key="advice-given:1") == []
    assert Notification.objects.count() == 2
    assert len(mail.outbox) == 2
    # A newcomer still gets it once.
    assert len(_tell([*staff, make_user("bert", role="staff")], key="advice-given:1")) == 1


def test_portal_only_sends_no_email_and_the_digest_waits_for_the_week(staff):
    alice, anna = staff
    NotificationPreference.objects.create(user=alice, kind=Kind.ADVICE_GIVEN, delivery=Delivery.PORTAL)
    NotificationPreference.objects.create(user=anna, kind=Kind.ADVICE_GIVEN, delivery=Delivery.DIGEST)
    _tell(staff)
    _tell(staff, key="second")
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=alice).count() == 2

    assert notifications.send_digests() == 1
    (digest,) = mail.outbox
    assert digest.to == ["anna@example.nl"]
    assert digest.subject == "Uw wekelijkse samenvatting: 2 meldingen"
    assert digest.body.count("Nieuw advies van de klankbordgroep") == 2
    # The next week's run sends nothing twice.
    assert notifications.send_digests() == 0
    assert len(mail.outbox) == 1


def test_a_mail_server_that_fails_leaves_nothing_behind_so_the_next_run_tries_again(staff):
    with (
        mock.patch("core.notifications.get_connection", side_effect=ConnectionRefusedError),
        pytest.raises(ConnectionRefusedError),
    ):
        _tell(staff, key="k")
    assert Notification.objects.count() == 0
    assert len(_tell(staff, key="k")) == 2


def test_the_own_mail_of_a_kind_goes_to_those_who_chose_email(staff):
    alice, anna = staff
    NotificationPreference.objects.create(user=anna, kind=Kind.ADVICE_GIVEN, delivery=Delivery.PORTAL)
    mailed = []
    _tell(staff, mail=lambda users: mailed.extend(users) or len(users))
    assert mailed == [alice]
    assert mail.outbox == []


def test_the_message_reads_in_the_language_of_the_page(staff):
    (notification, *_rest) = notifications.notify(
        kind=Kind.REPORT_REVIEWED,
        recipients=staff[:1],
        params={"year": 2025, "half": 1, "status": "returned", "municipality": "Utrecht"},
    )
    assert notification.message == "Uw verslag over het eerste halfjaar 2025 is teruggestuurd: pas het aan."
    with translation.override("en"):
        assert notification.message == "Your report on the first half-year of 2025 was returned: please correct it."


def test_preferences_are_only_for_the_kinds_of_ones_role(staff, db):
    alice = staff[0]
    assert notifications.preferences_for(alice)[Kind.DASHBOARD_PUBLISHED] == Delivery.PORTAL
    assert notifications.preferences_for(alice)[Kind.REPORT_SUBMITTED] == Delivery.EMAIL
    notifications.preferences_save(user=alice, choices={Kind.REPORT_SUBMITTED: Delivery.DIGEST})
    assert notifications.preferences_for(alice)[Kind.REPORT_SUBMITTED] == Delivery.DIGEST
    with pytest.raises(ValueError):
        notifications.preferences_save(user=alice, choices={Kind.REPORT_REVIEWED: Delivery.EMAIL})


def test_the_unread_count_is_one_query_kept_for_the_request(staff, django_assert_num_queries):
    _tell(staff)
    request = RequestFactory().get("/")
    request.user = staff[0]
    with django_assert_num_queries(1):
        assert notifications.unread_count(request) == 1
        assert notifications.unread_count(request) == 1
    assert notifications.mark_all_read(user=staff[0]) == 1
    fresh = RequestFactory().get("/")
    fresh.user = staff[0]
    assert notifications.unread_count(fresh) == 0


def test_only_the_recipient_can_mark_a_notification_read(staff):
    alice, anna = staff
    (for_alice, _for_anna) = sorted(_tell(staff), key=lambda n: n.recipient.username)
    with pytest.raises(PermissionError):
        notifications.mark_read(user=anna, notification=for_alice)
    notifications.mark_read(user=alice, notification=for_alice)
    assert Notification.objects.get(pk=for_alice.pk).read_at is not None
