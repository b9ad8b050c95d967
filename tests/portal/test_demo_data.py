"""The demo data set: deterministic, marked as demo, one user per role."""

import base64
import contextlib
import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import transaction
from django.test import RequestFactory

from core import roles
from interventions.models import Evaluation, Intervention, Report
from municipalities.models import Grant, LearningCommunityMembership, Organisation, Partnership
from portal.demo import DEMO_PASSWORD, load_demo

pytestmark = pytest.mark.django_db


def _fingerprint():
    return (
        list(Intervention.objects.order_by("name").values_list("name", "stage", "evidence_level", "developed_on")),
        list(Grant.objects.order_by("decision_reference").values_list("decision_reference", "amount")),
        list(
            Report.objects.order_by("municipality__cbs_code", "period__year", "period__half").values_list(
                "municipality__cbs_code", "period__year", "period__half", "status"
            )
        ),
    )


class _Undo(Exception):
    pass


def test_it_is_deterministic(db):
    fingerprints = []
    for _ in range(2):
        with contextlib.suppress(_Undo), transaction.atomic():
            load_demo()
            fingerprints.append(_fingerprint())
            raise _Undo
    assert fingerprints[0] == fingerprints[1]
    assert len(fingerprints[0][2]) > 50


def test_everything_is_marked_as_demo(demo):
    assert not Intervention.objects.exclude(name__endswith="(demo)").exists()
    assert not Organisation.objects.exclude(name__endswith="(demo)").exists()
    assert not Partnership.objects.exclude(name__endswith="(demo)").exists()
    assert not Grant.objects.filter(amount_is_example=False).exists()


def test_it_gives_grants_to_the_nineteen_focus_municipalities(demo):
    assert Grant.objects.values("municipality").distinct().count() == 19
    assert Grant.objects.filter(tranche=Grant.Tranche.FIRST).count() == 20


def test_it_has_about_forty_interventions_over_stages_and_evidence_levels(demo):
    assert Intervention.objects.count() == 40
    assert set(Intervention.objects.values_list("stage", flat=True)) == set(Intervention.Stage.values)
    assert len(set(Intervention.objects.values_list("evidence_level", flat=True))) >= 5
    assert Intervention.objects.values("protective_factors").distinct().count() == 10
    assert Evaluation.objects.filter(status=Evaluation.Status.COMPLETED).exists()
    assert LearningCommunityMembership.objects.exists()
    assert Partnership.objects.count() >= 5


def test_reports_cover_three_years_in_mixed_states(demo):
    years = set(Report.objects.values_list("period__year", flat=True))
    assert years == {2024, 2025, 2026}
    assert set(Report.objects.values_list("status", flat=True)) == set(Report.Status.values)


def test_each_demo_user_signs_in_with_the_documented_password(demo):
    expected = {
        "staf": roles.STAFF,
        "gemeente-rotterdam": roles.MUNICIPALITY,
        "gemeente-utrecht": roles.MUNICIPALITY,
        "klankbord": roles.BOARD,
        "admin": roles.STAFF,
    }
    for username, role in expected.items():
        user = authenticate(_sign_in_request(), username=username, password=DEMO_PASSWORD)
        assert user is not None, username
        assert roles.role_of(user) == role
    rotterdam = authenticate(_sign_in_request(), username="gemeente-rotterdam", password=DEMO_PASSWORD)
    assert rotterdam.memberships.get().municipality.cbs_code == "GM0599"


def _sign_in_request():
    # The lockout check (django-axes) needs the request a sign-in comes with.
    return RequestFactory().post("/accounts/login/")


def test_the_demo_staff_and_admin_have_the_documented_authenticator_and_the_others_none(demo):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from portal.demo import DEMO_TOTP_KEY

    devices = TOTPDevice.objects.filter(confirmed=True).select_related("user")
    assert sorted(d.user.username for d in devices) == ["admin", "staf"]
    assert {base64.b32encode(d.bin_key).decode() for d in devices} == {DEMO_TOTP_KEY}


def test_demo_code_prints_the_code_the_demo_staffs_app_shows_now(demo):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    out = io.StringIO()
    call_command("demo_code", "staf", stdout=out)
    code = out.getvalue().strip()
    assert len(code) == 6 and code.isdigit()
    assert TOTPDevice.objects.get(user__username="staf").verify_token(code)


def test_demo_code_refuses_a_user_without_the_demo_key(demo):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="demosleutel"):
        call_command("demo_code", "klankbord")


def test_loading_demo_twice_changes_nothing(demo):
    before = _fingerprint()
    call_command("load_demo", verbosity=0)
    assert _fingerprint() == before


def test_some_reports_carry_needs_and_some_of_those_are_answered(demo):
    from interventions.models import NeedResponse

    with_needs = Report.objects.exclude(needs="")
    assert with_needs.exists()
    assert not with_needs.filter(submitted_at__isnull=True).exists()
    statuses = set(NeedResponse.objects.values_list("status", flat=True))
    assert statuses == set(NeedResponse.Status.values)
    assert not NeedResponse.objects.exclude(status="open").filter(answer="").exists()


def test_some_grant_municipalities_have_areas_of_their_own(demo):
    from interventions.models import ReportItem
    from municipalities.models import FocusArea

    own = FocusArea.objects.filter(kind=FocusArea.Kind.OWN)
    assert own.values("municipality").distinct().count() == 6
    assert own.filter(municipality__cbs_code="GM0599").exists()
    for area in own:
        assert area.code_list and all(code[2:6] == area.municipality.cbs_code[2:] for code in area.code_list)
        assert area.grants_in_area.exists()
    assert ReportItem.objects.filter(focus_area__kind=FocusArea.Kind.OWN).exists()
