"""The reporting pages as the municipality uses them: workspace, starting, editing, attachments, bad input."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from interventions.models import Report, ReportAttachment
from interventions.services import reports as services
from tests.factories import ReportingPeriodFactory
from tests.interventions.reporting import (
    PDF_BYTES,
    docx_bytes,
    edit_url,
    fill_report,
    form_data,
    item_field,
    signed_in,
    start_report,
    submitted_report,
    upload,
)

pytestmark = pytest.mark.django_db


# Workspace -----------------------------------------------------------------------


def test_the_workspace_shows_grant_spending_interventions_and_periods(client, world, users):
    fill_report(start_report(world, users["bob"]), users["bob"], spending="12500")
    response = signed_in(client, users["bob"]).get(reverse("interventions:workspace"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Mijn gemeente: Rotterdam" in page
    assert "€\xa0100.000" in page  # the grant
    assert "€\xa012.500" in page  # spent so far
    assert "€\xa087.500" in page  # remaining
    assert "Weerbaar Rotterdam" in page
    assert "Sterk Utrecht" not in page
    assert "verder invullen" in page


def test_the_workspace_offers_to_start_a_report_for_an_open_period(client, world, users):
    page = signed_in(client, users["bob"]).get(reverse("interventions:workspace")).content.decode()
    assert f"{reverse('interventions:report_create')}?periode={world.period.pk}" in page


def test_a_municipality_user_without_a_municipality_is_told_so(client, world, users):
    users["bob"].memberships.all().delete()
    response = signed_in(client, users["bob"]).get(reverse("interventions:workspace"))
    assert response.status_code == 200
    assert "nog niet aan een gemeente gekoppeld" in response.content.decode()


def test_the_workspace_is_translated_to_english(client, world, users, settings):
    # The language switch sets this cookie; the pages follow the visitor's choice.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = signed_in(client, users["bob"]).get(reverse("interventions:workspace")).content.decode()
    assert "My municipality: Rotterdam" in page
    assert "Reporting periods" in page and "Spent so far" in page


# Starting a report ---------------------------------------------------------------


def test_a_municipality_starts_a_report_for_an_open_period(client, world, users):
    response = signed_in(client, users["bob"]).post(reverse("interventions:report_create"), {"period": world.period.pk})
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == edit_url(report)
    assert report.municipality == world.rotterdam


def test_a_second_report_for_the_same_period_gets_a_clear_message(client, world, users):
    start_report(world, users["bob"])
    response = signed_in(client, users["bob"]).post(reverse("interventions:report_create"), {"period": world.period.pk})
    assert response.status_code == 400
    assert "Er is al een verslag van uw gemeente over tweede halfjaar" in response.content.decode() or (
        "Er is al een verslag van uw gemeente over eerste halfjaar" in response.content.decode()
    )
    assert Report.objects.count() == 1


def test_a_period_that_is_not_open_gets_a_clear_message(client, world, users):
    closed = ReportingPeriodFactory(
        year=2020,
        half=1,
        opens_on=datetime.date(2020, 1, 1),
        deadline=datetime.date(2020, 8, 31),
        closes_on=datetime.date(2020, 12, 31),
    )
    response = signed_in(client, users["bob"]).post(reverse("interventions:report_create"), {"period": closed.pk})
    assert response.status_code == 400
    assert "De periode eerste halfjaar 2020 is gesloten sinds 31 december 2020" in response.content.decode()
    assert not Report.objects.exists()


def test_a_period_that_does_not_exist_gets_a_clear_message(client, world, users):
    response = signed_in(client, users["bob"]).post(reverse("interventions:report_create"), {"period": "99999"})
    assert response.status_code == 400
    assert "Deze periode bestaat niet" in response.content.decode()


# Editing -------------------------------------------------------------------------


def test_a_draft_is_saved_and_comes_back_as_typed(client, world, users):
    report = start_report(world, users["bob"])
    c = signed_in(client, users["bob"])
    data = form_data(
        report,
        **{
            "report-summary": "Een goed halfjaar",
            item_field(world, "participants_total"): "1.250",
            item_field(world, "participants_12_17"): "300",
            item_field(world, "activities"): "Twaalf bijeenkomsten",
            item_field(world, "spending"): "2.500,50",
            item_field(world, f"factor_{world.factor.pk}"): "4",
            item_field(world, "lessons_learned"): "Vroeg beginnen",
        },
    )
    response = c.post(edit_url(report), data)
    assert response.status_code == 302
    item = report.items.get()
    assert (item.participants_total, item.participants_12_17, item.spending) == (1250, 300, Decimal("2500.50"))
    assert item.outcomes.get().rating == 4
    page = c.get(edit_url(report)).content.decode()
    for typed in ("Een goed halfjaar", 'value="1250"', 'value="2500,50"', "Twaalf bijeenkomsten", "Vroeg beginnen"):
        assert typed in page
    assert '<option value="4" selected>' in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("participants_total", "-3", "Vul 0 of meer in; een negatief getal kan hier niet."),
        ("participants_0_11", "-1", "Vul 0 of meer in; een negatief getal kan hier niet."),
        ("spending", "-100", "Vul 0 of meer in; uitgaven kunnen niet negatief zijn."),
        ("spending", "veel", "Vul een bedrag in euro’s in"),
        ("participants_total", "twaalf", "Vul een geheel getal in"),
        ("spending", "12,345", "Gebruik hoogstens twee cijfers achter de komma."),
        ("participants_total", "99999999999", "onwaarschijnlijk groot"),
    ],
)
def test_bad_numbers_get_a_message_next_to_the_field_and_keep_what_was_typed(
    client, world, users, field, value, message
):
    report = start_report(world, users["bob"])
    data = form_data(report, **{item_field(world, field): value, "report-summary": "Niet kwijtraken"})
    response = signed_in(client, users["bob"]).post(edit_url(report), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert f'id="id_{item_field(world, field)}_error"' in page
    assert f'value="{value}"' in page
    assert "Niet kwijtraken" in page
    assert Report.objects.get().summary == ""


def test_age_bands_over_the_total_are_refused(client, world, users):
    report = start_report(world, users["bob"])
    data = form_data(
        report, **{item_field(world, "participants_total"): "10", item_field(world, "participants_65_plus"): "11"}
    )
    response = signed_in(client, users["bob"]).post(edit_url(report), data)
    assert response.status_code == 400
    assert "De leeftijdsgroepen tellen op tot 11, meer dan het totaal van 10." in response.content.decode()


def test_spending_over_the_grant_is_refused_with_the_amounts(client, world, users):
    report = start_report(world, users["bob"])
    data = form_data(report, **{item_field(world, "spending"): "100.000,01"})
    response = signed_in(client, users["bob"]).post(edit_url(report), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "meer dan de uitkering van € 100.000,00" in page
    assert "Verlaag de uitgaven met ten minste € 0,01" in page
    assert 'value="100.000,01"' in page


def test_submitting_an_empty_report_is_refused_and_nothing_is_lost(client, world, users):
    report = start_report(world, users["bob"])
    data = form_data(
        report,
        action="submit",
        **{
            "report-summary": "Nog niets gedaan",
            item_field(world, "participants_total"): "0",
            item_field(world, "spending"): "0",
        },
    )
    response = signed_in(client, users["bob"]).post(edit_url(report), data)
    assert response.status_code == 400
    assert "Het verslag is leeg en is niet ingediend" in response.content.decode()
    assert "Nog niets gedaan" in response.content.decode()
    assert Report.objects.get().status == Report.Status.DRAFT


def test_saving_and_submitting_hands_the_report_in(
    client, world, users, mailoutbox, django_capture_on_commit_callbacks
):
    report = start_report(world, users["bob"])
    data = form_data(
        report, action="submit", **{item_field(world, "participants_total"): "12", item_field(world, "spending"): "0"}
    )
    signed_in(client, users["bob"])
    response = client.post(edit_url(report), data)
    assert response["Location"] == reverse("interventions:report_submit", args=[report.pk])
    assert Report.objects.get().status == Report.Status.DRAFT
    revision = Report.objects.get().revision
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("interventions:report_submit", args=[report.pk]), {"revision": revision})
    assert response.status_code == 302
    assert response["Location"] == reverse("interventions:report_detail", args=[report.pk])
    assert Report.objects.get().status == Report.Status.SUBMITTED
    assert len(mailoutbox) == 1


def test_a_submitted_report_cannot_be_edited_and_the_typed_values_stay(client, world, users):
    report = submitted_report(world, users["bob"])
    c = signed_in(client, users["bob"])
    response = c.get(edit_url(report))
    assert response.status_code == 302
    data = form_data(report, **{"report-summary": "Te laat bedacht"})
    response = c.post(edit_url(report), data)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Dit verslag is ingediend en wacht op beoordeling" in page
    assert "Te laat bedacht" in page
    assert Report.objects.get().summary == ""


def test_an_accepted_report_cannot_be_edited(client, world, users):
    report = services.report_accept(report=submitted_report(world, users["bob"]), by=users["alice"])
    response = signed_in(client, users["bob"]).post(edit_url(report), form_data(report))
    assert response.status_code == 409
    assert "Dit verslag is geaccepteerd en daarmee afgesloten" in response.content.decode()


def test_two_people_editing_the_same_draft_the_second_gets_a_conflict_showing_what_changed(client, world, users):
    report = start_report(world, users["bob"])
    colleague = users["bob"].__class__.objects.create_user("bea", password="x", first_name="Bea", last_name="Collega")
    colleague.groups.set(users["bob"].groups.all())
    colleague.memberships.create(municipality=world.rotterdam)
    first_form = form_data(report)  # both load revision N

    signed_in(client, colleague).post(edit_url(report), {**first_form, item_field(world, "spending"): "800"})
    client.logout()
    mine = {**first_form, item_field(world, "spending"): "650", "report-summary": "Mijn tekst"}
    response = signed_in(client, users["bob"]).post(edit_url(report), mine)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Iemand anders heeft dit verslag intussen gewijzigd" in page
    assert "Bea Collega" in page
    assert "Uitgaven (euro)" in page and "800,00" in page
    assert 'value="650"' in page and "Mijn tekst" in page  # what I typed is kept
    assert Report.objects.get().items.get().spending == Decimal("800")
    # Saving again, deliberately, keeps my version.
    current = Report.objects.get().revision
    assert f'name="report-revision" value="{current}"' in page
    response = client.post(edit_url(report), {**mine, "report-revision": current})
    assert response.status_code == 302
    assert Report.objects.get().items.get().spending == Decimal("650")


def test_a_tampered_revision_is_refused(client, world, users):
    report = start_report(world, users["bob"])
    response = signed_in(client, users["bob"]).post(edit_url(report), form_data(report, **{"report-revision": "x"}))
    assert response.status_code == 400


# Attachments ---------------------------------------------------------------------


def test_an_attachment_is_uploaded_with_the_draft_and_downloaded_only_through_the_portal(client, world, users, media):
    report = start_report(world, users["bob"])
    c = signed_in(client, users["bob"])
    data = form_data(report, **{"attachments-file": upload("begroting.pdf", PDF_BYTES, "text/plain")})
    assert c.post(edit_url(report), data).status_code == 302
    attachment = ReportAttachment.objects.get()
    assert attachment.content_type == "application/pdf"
    response = c.get(reverse("interventions:attachment_download", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert 'attachment; filename="begroting.pdf"' in response["Content-Disposition"]
    # Another municipality, and anyone guessing /media/ paths, get nothing.
    client.force_login(users["carol"])
    assert client.get(reverse("interventions:attachment_download", args=[attachment.pk])).status_code == 404
    assert client.get("/media/" + attachment.file.name).status_code == 404


def test_a_file_whose_content_does_not_match_its_name_is_refused_and_the_form_kept(client, world, users, media):
    report = start_report(world, users["bob"])
    data = form_data(
        report,
        **{"attachments-file": upload("foto.png", docx_bytes(), "image/png"), "report-summary": "Bewaar mij"},
    )
    response = signed_in(client, users["bob"]).post(edit_url(report), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "De inhoud van ‘foto.png’ past niet bij de bestandsnaam: het is een DOCX-bestand." in page
    assert "Bewaar mij" in page
    assert "Kies de bijlage opnieuw" in page
    assert not ReportAttachment.objects.exists()


def test_a_file_that_is_too_large_is_refused(client, world, users, media, settings):
    settings.REPORT_ATTACHMENT_MAX_BYTES = 1024
    report = start_report(world, users["bob"])
    data = form_data(report, **{"attachments-file": upload("groot.pdf", PDF_BYTES + b"0" * 2048)})
    response = signed_in(client, users["bob"]).post(edit_url(report), data)
    assert response.status_code == 400
    assert "een bijlage mag hoogstens" in response.content.decode()
    assert not ReportAttachment.objects.exists()


def test_a_file_of_more_than_twenty_megabytes_is_refused(client, world, users, media):
    report = start_report(world, users["bob"])
    big = upload("groot.pdf", PDF_BYTES + b"0" * (20 * 1024 * 1024))
    response = signed_in(client, users["bob"]).post(edit_url(report), form_data(report, **{"attachments-file": big}))
    assert response.status_code == 400
    assert "een bijlage mag hoogstens 20 MB zijn" in response.content.decode()


def test_an_attachment_can_be_removed_from_a_draft(client, world, users, media):
    report = start_report(world, users["bob"])
    report = services.report_save(
        report=report, by=users["bob"], revision=report.revision, add_files=[upload("a.pdf", PDF_BYTES)]
    )
    attachment = report.attachments.get()
    response = signed_in(client, users["bob"]).post(
        edit_url(report), form_data(report, **{"attachments-remove": [attachment.pk]})
    )
    assert response.status_code == 302
    assert not ReportAttachment.objects.exists()
    assert ReportAttachment.history.filter(id=attachment.pk, history_type="-").get().history_user == users["bob"]
