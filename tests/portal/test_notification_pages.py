"""The notification pages: each user's own list with the unread count in the header, marking read, and choices."""

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import Notification, NotificationPreference
from municipalities.models import Municipality
from tests.factories import ReportFactory

pytestmark = pytest.mark.django_db

Kind = Notification.Kind


def _notify(user, n=1, **fields):
    return [
        Notification.objects.create(
            recipient=user,
            kind=Kind.ADVICE_GIVEN,
            params={"subject": f"Advies {user.username} {i}"},
            url="/adviezen/",
            **fields,
        )
        for i in range(n)
    ]


def test_the_header_shows_the_unread_count_and_the_list_only_ones_own(client, users):
    _notify(users["alice"], 3)
    _notify(users["dave"], 2)
    client.force_login(users["alice"])
    response = client.get(reverse("notification_list"))
    html = response.content.decode()
    assert '<span class="portal-notifications-link__count" aria-hidden="true">3</span>' in html
    assert ", 3 ongelezen" in html
    assert [n.recipient for n in response.context["page_obj"]] == [users["alice"]] * 3
    assert "Advies dave" not in html


def test_opening_a_notification_marks_it_read_and_goes_where_it_points(client, users):
    (notification,) = _notify(users["alice"])
    client.force_login(users["alice"])
    response = client.get(reverse("notification_open", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"] == "/adviezen/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_link_elsewhere_is_never_followed(client, users):
    (notification,) = _notify(users["alice"])
    Notification.objects.filter(pk=notification.pk).update(url="https://example.com/")
    client.force_login(users["alice"])
    response = client.get(reverse("notification_open", args=[notification.pk]))
    assert response["Location"] == reverse("notification_list")


def test_someone_elses_notification_does_not_exist_for_you(client, users):
    (notification,) = _notify(users["dave"])
    client.force_login(users["alice"])
    assert client.get(reverse("notification_open", args=[notification.pk])).status_code == 404
    assert client.post(reverse("notification_read", args=[notification.pk])).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_marking_one_and_then_all_read(client, users):
    first, _second, _third = _notify(users["alice"], 3)
    (daves,) = _notify(users["dave"])
    client.force_login(users["alice"])
    client.post(reverse("notification_read", args=[first.pk]))
    assert Notification.objects.filter(recipient=users["alice"], read_at__isnull=True).count() == 2
    response = client.post(reverse("notification_read_all"), follow=True)
    assert "Alle meldingen zijn als gelezen gemarkeerd" in response.content.decode()
    assert not Notification.objects.filter(recipient=users["alice"], read_at__isnull=True).exists()
    daves.refresh_from_db()
    assert daves.read_at is None


def test_staff_see_how_many_reports_wait_for_review(client, users):
    first, second, third, fourth = Municipality.objects.order_by("cbs_code")[:4]
    for municipality in (first, second, third):
        ReportFactory(municipality=municipality, status="submitted", submitted_at=timezone.now())
    ReportFactory(municipality=fourth, status="draft")
    client.force_login(users["alice"])
    assert "3 verslagen wachten op uw beoordeling" in client.get(reverse("notification_list")).content.decode()
    client.force_login(users["dave"])
    assert "wachten op uw beoordeling" not in client.get(reverse("notification_list")).content.decode()


def test_the_list_takes_a_fixed_number_of_queries(client, users, django_assert_num_queries):
    _notify(users["alice"], 2)
    client.force_login(users["alice"])
    client.get(reverse("notification_list"))
    with django_assert_num_queries(8):
        client.get(reverse("notification_list"))
    _notify(users["alice"], 20)
    with django_assert_num_queries(8):
        client.get(reverse("notification_list"))


def test_each_role_chooses_how_to_hear_of_its_own_kinds(client, users):
    client.force_login(users["bob"])
    form = client.get(reverse("notification_preferences")).context["form"]
    assert list(form.fields) == [Kind.REPORT_REVIEWED, Kind.REPORT_COMMENT, Kind.REPORT_REMINDER]
    response = client.post(
        reverse("notification_preferences"),
        {Kind.REPORT_REVIEWED: "digest", Kind.REPORT_COMMENT: "email", Kind.REPORT_REMINDER: "portal"},
    )
    assert response.status_code == 302
    assert dict(NotificationPreference.objects.filter(user=users["bob"]).values_list("kind", "delivery")) == {
        Kind.REPORT_REVIEWED: "digest",
        Kind.REPORT_COMMENT: "email",
        Kind.REPORT_REMINDER: "portal",
    }
    # A kind that is not for the role cannot be slipped in.
    client.post(
        reverse("notification_preferences"),
        {Kind.REPORT_REVIEWED: "email", Kind.REPORT_REMINDER: "email", Kind.ADVICE_GIVEN: "portal"},
    )
    assert not NotificationPreference.objects.filter(user=users["bob"], kind=Kind.ADVICE_GIVEN).exists()


def test_a_choice_left_open_is_refused_with_a_message(client, users):
    client.force_login(users["dave"])
    response = client.post(reverse("notification_preferences"), {Kind.DASHBOARD_PUBLISHED: "email"})
    assert response.status_code == 400
    assert "Kies hoe u deze meldingen wilt ontvangen." in response.content.decode()
    assert not NotificationPreference.objects.exists()
