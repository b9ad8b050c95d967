"""The soft checks on the report pages: the prompt on the form, the flag in the review, the staff's settings."""

import datetime
import html
from decimal import Decimal

import pytest
from django.urls import reverse

from interventions.models import Report, ReportCheckFactor, ReportItemCheck
from interventions.selectors import report_checks as checks
from interventions.services import reports as services
from tests.factories import InterventionFactory, ReportFactory, ReportingPeriodFactory, ReportItemFactory
from tests.interventions.reporting import edit_url, form_data, item_field, signed_in, start_report

pytestmark = pytest.mark.django_db

SETTINGS_URL = "interventions:report_check_settings"
PROMPT = "Klopt het cijfer? Schrijf dan kort waarom het zo afwijkt"


def _previous_report(world, interventions, *, participants=40):
    year, half = checks.previous_half(world.period)
    report = ReportFactory(
        municipality=world.rotterdam,
        period=ReportingPeriodFactory(year=year, half=half),
        status=Report.Status.ACCEPTED,
        submitted_at=datetime.datetime(year, 6, 1, tzinfo=datetime.UTC),
    )
    for intervention in interventions:
        ReportItemFactory(
            report=report, intervention=intervention, participants_total=participants, spending=Decimal("0")
        )
    return report


def _page(response) -> str:
    return html.unescape(response.content.decode())


# The form ------------------------------------------------------------------------


def test_a_figure_ten_times_last_half_years_brings_a_prompt_and_its_explanation_is_kept(client, world, users):
    _previous_report(world, [world.rotterdam_intervention])
    report = start_report(world, users["bob"])
    c = signed_in(client, users["bob"])
    c.post(edit_url(report), form_data(report, **{item_field(world, "participants_total"): "45"}))
    response = c.get(edit_url(report))
    assert response.context["forms"].flagged == []  # 45 against 40: nothing stands out
    assert "Sommige cijfers wijken sterk af" not in _page(response)
    # The box is there for the page's script, hidden, with what the figure is compared with.
    assert 'data-check-previous="40" data-check-factor="5"' in _page(response)

    response = c.post(edit_url(report), form_data(report, **{item_field(world, "participants_total"): "400"}))
    assert response.status_code == 302  # a soft check: the draft is saved
    page = _page(c.get(edit_url(report)))
    assert PROMPT in page
    assert "Sommige cijfers wijken sterk af" in page
    assert "Dit cijfer is 5 keer zo groot of groter dan in het vorige halfjaar: nu 400, toen 40." in page
    explain = item_field(world, "explain_participants_total")
    assert f'name="{explain}"' in page

    data = form_data(
        report, **{explain: "Twee scholen deden mee.", item_field(world, "spending"): "0", "action": "submit"}
    )
    response = c.post(edit_url(report), data)
    assert response["Location"] == reverse("interventions:report_submit", args=[report.pk])  # the summary first
    response = c.post(response["Location"], {"revision": Report.objects.get(pk=report.pk).revision})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED
    check = ReportItemCheck.objects.get(item__report=report)
    assert (check.field, check.change, check.explanation) == ("participants_total", "larger", "Twee scholen deden mee.")


def test_the_prompt_follows_what_was_typed_when_the_page_comes_back_with_an_error(client, world, users):
    _previous_report(world, [world.rotterdam_intervention])
    report = start_report(world, users["bob"])
    c = signed_in(client, users["bob"])
    data = form_data(report, **{item_field(world, "participants_total"): "400", item_field(world, "spending"): "veel"})
    response = c.post(edit_url(report), data)
    assert response.status_code == 400
    page = _page(response)
    assert "nu 400, toen 40" in page and PROMPT in page
    assert not ReportItemCheck.objects.exists()


def test_the_prompt_is_in_english_for_an_english_user(client, world, users, settings):
    _previous_report(world, [world.rotterdam_intervention])
    report = start_report(world, users["bob"])
    services.report_save(
        report=report,
        by=users["bob"],
        revision=report.revision,
        items=[services.ItemChange(intervention_id=world.rotterdam_intervention.pk, values={"participants_total": 4})],
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = _page(signed_in(client, users["bob"]).get(edit_url(report)))
    assert "This figure is 5 times as small or smaller than in the previous half-year: now 4, then 40." in page


# The review ----------------------------------------------------------------------


def _flagged_submitted_report(world, users, interventions):
    _previous_report(world, interventions)
    report = start_report(world, users["bob"])
    services.report_save(
        report=report,
        by=users["bob"],
        revision=report.revision,
        items=[
            services.ItemChange(
                intervention_id=intervention.pk,
                values={"participants_total": 400, "spending": Decimal("0"), "activities": "Bijeenkomsten"},
                explanations={"participants_total": f"Uitleg bij {intervention.name}"},
            )
            for intervention in interventions
        ],
    )
    return services.report_submit(report=report, by=users["bob"])


def test_staff_see_the_flag_the_figures_and_the_explanation_in_the_review(staff_client, world, users):
    report = _flagged_submitted_report(world, users, [world.rotterdam_intervention])
    page = _page(staff_client.get(reverse("interventions:report_review", args=[report.pk])))
    assert "Afwijkende cijfers" in page
    assert "Veel groter dan het vorige halfjaar (factor 5)" in page
    assert "Vorig halfjaar</dt><dd>40</dd>" in page and "Dit halfjaar</dt><dd>400</dd>" in page
    assert "Uitleg bij Weerbaar Rotterdam" in page


def test_a_flag_stays_as_it_was_when_the_factor_changes_later(staff_client, world, users):
    report = _flagged_submitted_report(world, users, [world.rotterdam_intervention])
    staff_client.post(reverse(SETTINGS_URL), {"participants_total": "20"})
    page = _page(staff_client.get(reverse("interventions:report_review", args=[report.pk])))
    assert "Veel groter dan het vorige halfjaar (factor 5)" in page


@pytest.mark.parametrize("count", [1, 5])
def test_the_review_page_does_not_query_per_item(staff_client, world, users, count, django_assert_num_queries):
    extra = [InterventionFactory(municipalities=[world.rotterdam]) for _ in range(count - 1)]
    report = _flagged_submitted_report(world, users, [world.rotterdam_intervention, *extra])
    assert ReportItemCheck.objects.filter(item__report=report).count() == count
    with django_assert_num_queries(REVIEW_QUERIES):
        response = staff_client.get(reverse("interventions:report_review", args=[report.pk]))
    assert _page(response).count("Afwijkende cijfers") == count


@pytest.mark.parametrize("count", [1, 5])
def test_the_form_does_not_query_per_item(client, world, users, count, django_assert_num_queries):
    extra = [InterventionFactory(municipalities=[world.rotterdam]) for _ in range(count - 1)]
    _previous_report(world, [world.rotterdam_intervention, *extra])
    report = start_report(world, users["bob"])
    services.report_save(
        report=report,
        by=users["bob"],
        revision=report.revision,
        items=[
            services.ItemChange(intervention_id=i.pk, values={"participants_total": 400})
            for i in [world.rotterdam_intervention, *extra]
        ],
    )
    c = signed_in(client, users["bob"])
    with django_assert_num_queries(EDIT_QUERIES):
        response = c.get(edit_url(report))
    assert len(response.context["forms"].flagged) == count
    assert _page(response).count("nu 400, toen 40") == count


# Pinned counts. A change here means the page's query shape changed: look at why.
REVIEW_QUERIES = 13  # one of them: the flags of all items, prefetched
EDIT_QUERIES = 19  # among them: the previous half-year's items in one query, and the factors


# The settings page ---------------------------------------------------------------


def test_staff_set_a_factor_in_the_portal_and_see_it_in_the_history(staff_client, users):
    response = staff_client.post(reverse(SETTINGS_URL), {"participants_total": "2,5", "spending": ""})
    assert response.status_code == 302
    assert ReportCheckFactor.objects.get().factor == Decimal("2.5")
    page = _page(staff_client.get(reverse(SETTINGS_URL)))
    assert 'value="2,5"' in page
    assert "Geschiedenis" in page and "Bereikte deelnemers (totaal)" in page
    assert "alice" in page.lower()


def test_a_factor_of_one_or_less_gets_a_clear_message_and_saves_nothing(staff_client):
    response = staff_client.post(reverse(SETTINGS_URL), {"participants_total": "1", "spending": "3"})
    assert response.status_code == 400
    assert "Vul een factor groter dan 1 in" in _page(response)
    assert not ReportCheckFactor.objects.exists()


def test_the_reports_overview_links_to_the_settings(staff_client, world):
    assert reverse(SETTINGS_URL) in staff_client.get(reverse("interventions:report_overview")).content.decode()
