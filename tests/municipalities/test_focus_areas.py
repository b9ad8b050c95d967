"""Area-based working: a municipality records its own areas, next to the NPLV focus areas; its grant and
its reports refer to them."""

import pytest
from django.urls import reverse

from interventions.models import ReportItem
from municipalities.models import FocusArea, Grant
from tests.interventions.reporting import edit_url, form_data, item_field, start_report

pytestmark = pytest.mark.django_db

LIST = reverse("municipalities:focus_area_list")
NEW = reverse("municipalities:focus_area_create")


def _area(municipality, name="Oude Noorden", codes="") -> FocusArea:
    return FocusArea.objects.create(municipality=municipality, name=name, cbs_codes=codes)


def test_the_twenty_nplv_areas_are_reference_data():
    assert FocusArea.objects.filter(kind=FocusArea.Kind.NPLV).count() == 20


def test_a_municipality_records_its_own_area_with_cbs_codes(municipality_client, users):
    response = municipality_client.post(
        NEW, {"name": "Oude Noorden", "cbs_codes": "bu05990101, WK059901 BU05990101", "description": "Veel jongeren."}
    )

    assert response.status_code == 302
    area = FocusArea.objects.get(name="Oude Noorden")
    assert area.municipality.cbs_code == "GM0599"
    assert area.kind == FocusArea.Kind.OWN
    assert area.code_list == ["BU05990101", "WK059901"]
    assert area.history.latest().history_user == users["bob"]


@pytest.mark.parametrize(
    ("codes", "message"),
    [
        ("BU0599010", "geen CBS-code"),
        ("GM0599", "geen CBS-code"),
        ("WK0599011", "geen CBS-code"),
        ("BU03630101", "ligt niet in Rotterdam"),
    ],
)
def test_a_wrong_or_foreign_cbs_code_is_refused_and_keeps_what_was_typed(municipality_client, codes, message):
    response = municipality_client.post(NEW, {"name": "Delfshaven", "cbs_codes": codes})

    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Delfshaven" in page
    assert not FocusArea.objects.filter(name="Delfshaven").exists()


def test_two_areas_of_one_municipality_cannot_share_a_name(municipality_client, world):
    _area(world.rotterdam)
    response = municipality_client.post(NEW, {"name": "oude noorden"})
    assert response.status_code == 400
    assert "al een gebied met deze naam" in response.content.decode()


def test_a_municipality_sees_and_edits_only_its_own_areas(municipality_client, world, django_assert_num_queries):
    own, other = _area(world.rotterdam), _area(world.utrecht, name="Kanaleneiland")
    nplv = FocusArea.objects.get(kind=FocusArea.Kind.NPLV, municipality=world.rotterdam)

    # session, user, role, the user's municipality, the count, the page of areas
    with django_assert_num_queries(7):
        page = municipality_client.get(LIST).content.decode()

    assert own.name in page and nplv.name in page and other.name not in page
    assert municipality_client.get(reverse("municipalities:focus_area_edit", args=[other.pk])).status_code == 404
    assert municipality_client.get(reverse("municipalities:focus_area_edit", args=[nplv.pk])).status_code == 404
    response = municipality_client.post(
        reverse("municipalities:focus_area_edit", args=[own.pk]), {"name": "Oude Noorden", "cbs_codes": "WK059901"}
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.cbs_codes == "WK059901"


def test_staff_keep_the_areas_of_every_municipality(staff_client, world):
    response = staff_client.post(NEW, {"municipality": world.utrecht.pk, "name": "Overvecht", "cbs_codes": "WK034401"})
    assert response.status_code == 302
    area = FocusArea.objects.get(name="Overvecht")
    assert staff_client.get(reverse("municipalities:focus_area_edit", args=[area.pk])).status_code == 200
    page = staff_client.get(LIST, {"municipality": "GM0344"}).content.decode()
    assert "Overvecht" in page and "Oude Noorden" not in page


def test_a_grant_names_the_areas_of_its_municipality_only(staff_client, world, programme):
    own, other = _area(world.rotterdam), _area(world.utrecht, name="Kanaleneiland")
    grant = Grant.objects.get(municipality=world.rotterdam)
    url = reverse("municipalities:grant_edit", args=[grant.pk])
    data = {
        "programme": grant.programme_id,
        "municipality": world.rotterdam.pk,
        "regulation": grant.regulation,
        "tranche": grant.tranche,
        "theme": grant.theme,
        "first_year": grant.first_year,
        "last_year": grant.last_year,
        "amount": "100000",
        "awarded_on": grant.awarded_on.isoformat(),
    }

    refused = staff_client.post(url, {**data, "focus_areas": [own.pk, other.pk]})
    assert refused.status_code == 400
    assert "Kanaleneiland ligt niet in Rotterdam" in refused.content.decode()

    assert staff_client.post(url, {**data, "focus_areas": [own.pk]}).status_code == 302
    assert list(grant.focus_areas.all()) == [own]
    assert grant.history.latest().history_user is not None
    assert own.name in staff_client.get(grant.get_absolute_url()).content.decode()
    api = staff_client.get(reverse("municipalities_api:grant-detail", args=[grant.pk])).json()
    assert api["focus_areas"] == [{"id": own.pk, "name": own.name, "kind": "own", "cbs_codes": ""}]


def test_a_report_line_names_the_area_it_ran_in(municipality_client, world, users):
    area = _area(world.rotterdam)
    report = start_report(world, users["bob"])

    response = municipality_client.post(
        edit_url(report), form_data(report, **{item_field(world, "focus_area"): str(area.pk)})
    )

    assert response.status_code == 302
    item = ReportItem.objects.get(report=report)
    assert item.focus_area == area
    assert area.name in municipality_client.get(report.get_absolute_url()).content.decode()


def test_a_report_line_cannot_name_another_municipalitys_area(municipality_client, world, users):
    _area(world.rotterdam)
    foreign = _area(world.utrecht, name="Kanaleneiland")
    report = start_report(world, users["bob"])

    response = municipality_client.post(
        edit_url(report), form_data(report, **{item_field(world, "focus_area"): str(foreign.pk)})
    )

    assert response.status_code == 400
    assert ReportItem.objects.get(report=report).focus_area is None


def test_the_board_has_no_area_pages(board_client):
    assert board_client.get(LIST).status_code == 403
