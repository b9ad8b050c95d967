"""Nothing typed is lost: the draft saves itself, empty is not zero, and handing in is a confirmed step."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from interventions.api.report_serializers import ReportItemSerializer
from interventions.models import Report
from interventions.selectors import reports as selectors
from interventions.services import reports as services
from tests.factories import InterventionFactory
from tests.interventions.reporting import (
    edit_url,
    fill_report,
    form_data,
    item_field,
    signed_in,
    start_report,
)

pytestmark = pytest.mark.django_db


def autosave_url(report) -> str:
    return reverse("interventions:report_autosave", args=[report.pk])


def submit_url(report) -> str:
    return reverse("interventions:report_submit", args=[report.pk])


# Autosave ------------------------------------------------------------------------------


def test_an_autosave_stores_what_was_typed_and_hands_back_the_new_revision(client, world, users):
    report = start_report(world, users["bob"])
    data = form_data(report, **{item_field(world, "participants_total"): "25", "report-summary": "Half af"})
    response = signed_in(client, users["bob"]).post(autosave_url(report), data)
    assert response.status_code == 200
    answer = response.json()
    saved = Report.objects.get()
    assert answer["saved"] is True
    assert answer["revision"] == saved.revision == report.revision + 1
    assert answer["status"].startswith("Opgeslagen om ")
    assert (saved.summary, saved.items.get().participants_total) == ("Half af", 25)


def test_the_save_after_an_autosave_uses_its_revision_and_does_not_conflict(client, world, users):
    report = start_report(world, users["bob"])
    signed_in(client, users["bob"])
    data = form_data(report, **{item_field(world, "participants_total"): "25"})
    revision = client.post(autosave_url(report), data).json()["revision"]
    data.update({"report-revision": revision, item_field(world, "spending"): "300"})
    response = client.post(edit_url(report), data)
    assert response.status_code == 302
    item = Report.objects.get().items.get()
    assert (item.participants_total, item.spending) == (25, Decimal("300.00"))


def test_a_second_tab_with_the_old_revision_gets_a_conflict_and_overwrites_nothing(client, world, users):
    report = start_report(world, users["bob"])
    signed_in(client, users["bob"])
    first_tab = form_data(report, **{item_field(world, "participants_total"): "25"})
    second_tab = form_data(report, **{item_field(world, "participants_total"): "99"})
    assert client.post(autosave_url(report), first_tab).status_code == 200
    response = client.post(autosave_url(report), second_tab)
    assert response.status_code == 409
    assert response.json()["conflict"] is True
    assert Report.objects.get().items.get().participants_total == 25
    # The stale tab's own save button then shows the existing conflict page.
    response = client.post(edit_url(report), second_tab)
    assert response.status_code == 409
    assert "Iemand anders heeft dit verslag intussen gewijzigd" in response.content.decode()
    assert Report.objects.get().items.get().participants_total == 25


def test_an_autosave_with_a_bad_value_saves_nothing_and_says_so(client, world, users):
    report = start_report(world, users["bob"])
    data = form_data(report, **{item_field(world, "participants_total"): "veel", "report-summary": "Iets"})
    response = signed_in(client, users["bob"]).post(autosave_url(report), data)
    assert response.status_code == 400
    assert response.json()["saved"] is False
    assert Report.objects.get().summary == ""
    assert Report.objects.get().revision == report.revision


def test_an_autosave_of_a_submitted_report_is_refused(client, world, users):
    report = fill_report(start_report(world, users["bob"]), users["bob"])
    data = form_data(report)
    services.report_submit(report=report, by=users["bob"])
    response = signed_in(client, users["bob"]).post(autosave_url(report), data)
    assert response.status_code == 409
    assert "ingediend" in response.json()["status"]


def test_the_edit_page_carries_the_autosave_script_and_a_status_region(client, world, users):
    report = start_report(world, users["bob"])
    page = signed_in(client, users["bob"]).get(edit_url(report)).content.decode()
    assert f'data-autosave-url="{autosave_url(report)}"' in page
    assert 'id="report-autosave-status" role="status"' in page
    assert "js/report-autosave.js" in page


# Empty is not zero -------------------------------------------------------------------


def test_number_fields_start_empty_and_a_typed_zero_stays_zero(client, world, users):
    report = start_report(world, users["bob"])
    signed_in(client, users["bob"])
    page = client.get(edit_url(report)).content.decode()
    assert f'name="{item_field(world, "participants_total")}" ' in page
    assert f'name="{item_field(world, "participants_total")}" value=' not in page
    assert f'name="{item_field(world, "spending")}" value=' not in page
    data = form_data(report, **{item_field(world, "participants_total"): "0"})
    client.post(edit_url(report), data)
    item = Report.objects.get().items.get()
    assert (item.participants_total, item.spending) == (0, None)
    page = client.get(edit_url(report)).content.decode()
    assert f'name="{item_field(world, "participants_total")}" value="0"' in page


def test_the_form_says_which_interventions_have_nothing_filled_in_yet(client, world, users):
    second = InterventionFactory(name="Zorgzaam Zuid", municipalities=[world.rotterdam])
    report = fill_report(start_report(world, users["bob"]), users["bob"])
    page = signed_in(client, users["bob"]).get(edit_url(report)).content.decode()
    assert "Bij deze interventie is nog niets ingevuld:" in page
    assert f'<a href="#item-{second.pk}">Zorgzaam Zuid</a>' in page
    assert f'<a href="#item-{world.rotterdam_intervention.pk}">' not in page
    assert page.count("Nog niets ingevuld") == 1


def test_empty_figures_count_as_nothing_in_totals_and_the_api(world, users):
    second = InterventionFactory(name="Zorgzaam Zuid", municipalities=[world.rotterdam])
    report = fill_report(start_report(world, users["bob"]), users["bob"], spending="250", participants=40)
    loaded = selectors.report_detail_queryset(user=users["bob"]).get(pk=report.pk)
    assert selectors.report_totals(loaded) == selectors.ReportTotals(participants=40, spending=Decimal("250"))
    listed = selectors.report_list(user=users["bob"]).get(pk=report.pk)
    assert (listed.total_participants, listed.total_spending) == (40, Decimal("250"))
    assert selectors.spending_by_year(municipality_ids=[world.rotterdam.pk]) == {
        (world.rotterdam.pk, world.period.year): Decimal("250")
    }
    empty = loaded.items.get(intervention=second)
    shown = ReportItemSerializer(empty).data
    assert (shown["participants_total"], shown["spending"]) == (None, None)


# Handing in --------------------------------------------------------------------------


def test_submitting_with_empty_figures_lists_them_with_links_and_keeps_the_draft(client, world, users):
    second = InterventionFactory(name="Aardig Anders", municipalities=[world.rotterdam])
    report = start_report(world, users["bob"])
    data = form_data(report, action="submit", **{item_field(world, "participants_total"): "12"})
    response = signed_in(client, users["bob"]).post(edit_url(report), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Het concept is opgeslagen, maar nog niet ingediend" in page
    for intervention, field in (
        (second, "participants_total"),
        (second, "spending"),
        (world.rotterdam_intervention, "spending"),
    ):
        assert f'<li><a href="#id_item-{intervention.pk}-{field}">{intervention.name}: ' in page
    saved = Report.objects.get()
    assert saved.status == Report.Status.DRAFT
    assert saved.items.get(intervention=world.rotterdam_intervention).participants_total == 12
    # The page carries the new revision, so the next save does not conflict with this one.
    assert f'name="report-revision" value="{saved.revision}"' in page


def test_the_submit_button_shows_a_summary_and_submits_nothing_yet(client, world, users):
    report = fill_report(start_report(world, users["bob"]), users["bob"], spending="1250", participants=40)
    data = form_data(report, action="submit")
    signed_in(client, users["bob"])
    response = client.post(edit_url(report), data)
    assert response["Location"] == submit_url(report)
    assert Report.objects.get().status == Report.Status.DRAFT
    page = client.get(submit_url(report)).content.decode()
    assert "Weerbaar Rotterdam" in page
    assert "€\u00a01.250" in page
    assert "Ja, verslag definitief indienen" in page
    assert Report.objects.get().status == Report.Status.DRAFT


def test_the_confirmation_needs_the_revision_the_summary_showed(client, world, users):
    report = fill_report(start_report(world, users["bob"]), users["bob"])
    signed_in(client, users["bob"])
    assert client.post(submit_url(report), {}).status_code == 400
    shown = Report.objects.get().revision
    fill_report(Report.objects.get(), users["bob"], participants=41)  # another tab saves meanwhile
    response = client.post(submit_url(report), {"revision": shown})
    assert response.status_code == 409
    assert "Iemand anders heeft dit verslag intussen gewijzigd" in response.content.decode()
    assert Report.objects.get().status == Report.Status.DRAFT
    response = client.post(submit_url(report), {"revision": Report.objects.get().revision})
    assert response.status_code == 302
    assert Report.objects.get().status == Report.Status.SUBMITTED


def test_the_summary_of_an_incomplete_report_lists_what_is_missing_and_offers_no_submit(client, world, users):
    report = start_report(world, users["bob"])
    page = signed_in(client, users["bob"]).get(submit_url(report)).content.decode()
    assert "Het verslag kan nog niet worden ingediend" in page
    assert f"{edit_url(report)}#id_item-{world.rotterdam_intervention.pk}-spending" in page
    assert "Ja, verslag definitief indienen" not in page


# Messages ------------------------------------------------------------------------------


def test_a_too_large_amount_is_reported_once(client, world, users):
    report = start_report(world, users["bob"])
    data = form_data(report, **{item_field(world, "spending"): "99999999999999"})
    page = signed_in(client, users["bob"]).post(edit_url(report), data).content.decode()
    assert page.count("Dit bedrag is te groot; controleer het.") == 2  # once in the summary, once at the field


# Earlier drafts ------------------------------------------------------------------------


def test_a_draft_item_never_filled_in_becomes_empty_and_handed_in_zeros_stay(world, users):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("interventions.migrations.0008_report_item_figures_empty_until_filled_in")
    written = InterventionFactory(name="Zorgzaam Zuid", municipalities=[world.rotterdam])
    draft = start_report(world, users["bob"])
    handed_in = start_report(world, users["carol"], municipality=world.utrecht)
    for report in (draft, handed_in):
        report.items.update(participants_total=0, spending=Decimal("0"))
    draft.items.filter(intervention=written).update(activities="Training")
    Report.objects.filter(pk=handed_in.pk).update(status=Report.Status.SUBMITTED, submitted_at=timezone.now())

    migration.untouched_draft_items_to_empty(apps, None)

    figures = {item.intervention_id: (item.participants_total, item.spending) for item in draft.items.all()}
    assert figures == {world.rotterdam_intervention.pk: (None, None), written.pk: (0, Decimal("0"))}
    assert (handed_in.items.get().participants_total, handed_in.items.get().spending) == (0, Decimal("0"))
