"""A report submitted again after a return: what changed since the return, as the reviewer sees it."""

from decimal import Decimal

import pytest
from django.urls import reverse

from interventions.models import Report, ReportItemOutcome
from interventions.selectors.report_history import changes_since_return
from interventions.services import reports as services
from tests.factories import InterventionFactory
from tests.interventions.reporting import PDF_BYTES, signed_in, start_report, submitted_report, upload

pytestmark = pytest.mark.django_db


def _save(report, user, intervention, **values):
    return services.report_save(
        report=report,
        by=user,
        revision=Report.objects.get(pk=report.pk).revision,
        items=[services.ItemChange(intervention_id=intervention.pk, values=values)],
    )


def _returned(world, users):
    report = submitted_report(world, users["bob"])  # 40 participants, € 1.000
    return services.report_return(report=report, by=users["alice"], comment="Klopt het aantal deelnemers?")


def _resubmit(report, user):
    return services.report_submit(report=Report.objects.get(pk=report.pk), by=user)


def _changes(parts):
    """{subject: {label: (old, new)}} for comparing with what a test changed."""
    return {part.subject: {c.label: (c.old, c.new) for c in part.changes} for part in parts}


# The selector --------------------------------------------------------------------------


def test_a_report_never_returned_has_no_changes_since_a_return(world, users):
    assert changes_since_return(report=submitted_report(world, users["bob"])) is None


def test_a_returned_report_not_yet_submitted_again_has_none_either(world, users):
    report = _returned(world, users)
    _save(report, users["bob"], world.rotterdam_intervention, participants_total=55)
    assert changes_since_return(report=Report.objects.get(pk=report.pk)) is None


def test_it_lists_exactly_the_fields_changed_after_the_return_with_old_and_new(world, users):
    report = _returned(world, users)
    _save(report, users["bob"], world.rotterdam_intervention, participants_total=55, spending=Decimal("1250.50"))
    changes = changes_since_return(report=_resubmit(report, users["bob"]))

    assert changes.returned_by == users["alice"]
    assert _changes(changes.parts) == {
        "Weerbaar Rotterdam": {
            "Bereikte deelnemers (totaal)": ("40", "55"),
            "Uitgaven (euro)": ("1.000,00", "1.250,50"),
        }
    }
    assert changes.parts[0].intervention_id == world.rotterdam_intervention.pk


def test_it_compares_with_the_report_as_it_was_returned_not_as_it_was_begun(world, users):
    report = start_report(world, users["bob"])
    _save(report, users["bob"], world.rotterdam_intervention, participants_total=10, spending=0, activities="Start")
    _save(report, users["bob"], world.rotterdam_intervention, participants_total=30)
    services.report_submit(report=Report.objects.get(pk=report.pk), by=users["bob"])
    services.report_return(report=Report.objects.get(pk=report.pk), by=users["alice"], comment="Aanvullen")
    _save(report, users["bob"], world.rotterdam_intervention, participants_total=35)
    changes = changes_since_return(report=_resubmit(report, users["bob"]))
    assert _changes(changes.parts) == {"Weerbaar Rotterdam": {"Bereikte deelnemers (totaal)": ("30", "35")}}


def test_a_figure_emptied_after_the_return_shows_as_empty(world, users):
    report = start_report(world, users["bob"])
    _save(report, users["bob"], world.rotterdam_intervention, participants_total=40, participants_12_17=12, spending=0)
    services.report_submit(report=Report.objects.get(pk=report.pk), by=users["bob"])
    services.report_return(report=Report.objects.get(pk=report.pk), by=users["alice"], comment="Leeftijden?")
    _save(report, users["bob"], world.rotterdam_intervention, participants_12_17=None)
    changes = changes_since_return(report=_resubmit(report, users["bob"]))
    assert _changes(changes.parts) == {"Weerbaar Rotterdam": {"Waarvan 12-17 jaar": ("12", "(leeg)")}}


def test_a_change_undone_before_submitting_again_is_no_change(world, users):
    report = _returned(world, users)
    _save(report, users["bob"], world.rotterdam_intervention, participants_total=99)
    _save(report, users["bob"], world.rotterdam_intervention, participants_total=40)
    changes = changes_since_return(report=_resubmit(report, users["bob"]))
    assert changes.parts == []


def test_the_summary_outcomes_and_attachments_are_in_the_changes_too(world, users):
    world.rotterdam_intervention.protective_factors.add(world.factor)
    report = _returned(world, users)
    services.report_save(
        report=report,
        by=users["bob"],
        revision=Report.objects.get(pk=report.pk).revision,
        summary="Meer bijeenkomsten dan gepland.",
        items=[
            services.ItemChange(
                intervention_id=world.rotterdam_intervention.pk,
                outcomes={world.factor.pk: ReportItemOutcome.Rating.GOOD},
            )
        ],
        add_files=[upload("verantwoording.pdf", PDF_BYTES)],
    )
    changes = changes_since_return(report=_resubmit(report, users["bob"]))
    found = _changes(changes.parts)
    assert found["Verslag"] == {"Toelichting bij het verslag": ("(leeg)", "Meer bijeenkomsten dan gepland.")}
    assert found["Weerbaar Rotterdam"] == {
        f"Resultaat voor {world.factor}": ("(leeg)", "4 - goed resultaat"),
    }
    attachment = next(part for part in changes.parts if "verantwoording.pdf" in part.subject)
    assert attachment.action == "added"


def test_it_groups_the_changes_per_intervention(world, users):
    report = _returned(world, users)
    # An intervention the municipality takes up after the return gets its row then.
    other = InterventionFactory(name="Zorgzaam Rotterdam", municipalities=[world.rotterdam])
    _save(report, users["bob"], world.rotterdam_intervention, activities="Bijeenkomsten en trainingen")
    _save(report, users["bob"], other, participants_total=8, spending=Decimal("12.50"), activities="Wandelingen")
    changes = changes_since_return(report=_resubmit(report, users["bob"]))
    assert [part.subject for part in changes.parts] == ["Weerbaar Rotterdam", "Zorgzaam Rotterdam"]
    assert _changes(changes.parts)["Zorgzaam Rotterdam"] == {
        "Bereikte deelnemers (totaal)": ("(leeg)", "8"),
        "Uitgaven (euro)": ("(leeg)", "12,50"),
        "Uitgevoerde activiteiten": ("(leeg)", "Wandelingen"),
    }


# The review page -----------------------------------------------------------------------


def test_the_review_of_a_resubmitted_report_opens_with_what_changed(client, world, users):
    report = _returned(world, users)
    _save(report, users["bob"], world.rotterdam_intervention, participants_total=55)
    _resubmit(report, users["bob"])
    page = signed_in(client, users["alice"]).get(reverse("interventions:report_review", args=[report.pk]))
    html = page.content.decode()
    assert "Gewijzigd sinds het terugsturen" in html
    changes = page.context["return_changes"]
    assert _changes(changes.parts) == {"Weerbaar Rotterdam": {"Bereikte deelnemers (totaal)": ("40", "55")}}
    assert "<del>40</del>" in html and "<ins>55</ins>" in html


def test_a_first_submission_shows_no_change_list(client, world, users):
    report = submitted_report(world, users["bob"])
    page = signed_in(client, users["alice"]).get(reverse("interventions:report_review", args=[report.pk]))
    assert page.context["return_changes"] is None
    assert "Gewijzigd sinds het terugsturen" not in page.content.decode()


def test_a_resubmission_without_changes_says_so(client, world, users):
    report = _returned(world, users)
    _resubmit(report, users["bob"])
    page = signed_in(client, users["alice"]).get(reverse("interventions:report_review", args=[report.pk]))
    assert "De gemeente heeft niets gewijzigd sinds het terugsturen." in page.content.decode()
