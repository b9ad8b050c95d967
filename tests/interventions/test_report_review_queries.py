"""The review and report pages cost the same number of queries for one row as for many, with changes and comments."""

from decimal import Decimal

import pytest
from django.urls import reverse

from interventions.models import Report
from interventions.services import reports as services
from interventions.services.report_comments import report_comment_add
from tests.factories import InterventionFactory
from tests.interventions.reporting import start_report

pytestmark = pytest.mark.django_db

# Pinned counts. A change here means the page's query shape changed: look at why.
REVIEW_QUERIES = 19
DETAIL_QUERIES = 12
EDIT_QUERIES = 19


def _resubmitted_with_comments(world, users, rows: int) -> Report:
    """A report with `rows` interventions, each changed after the return and each with a comment and a reply."""
    interventions = [world.rotterdam_intervention] + [
        InterventionFactory(name=f"Interventie {n}", municipalities=[world.rotterdam]) for n in range(rows - 1)
    ]
    for intervention in interventions:
        intervention.protective_factors.add(world.factor)
    bob, alice = users["bob"], users["alice"]
    report = start_report(world, bob)

    def save(participants: int) -> None:
        services.report_save(
            report=report,
            by=bob,
            revision=Report.objects.get(pk=report.pk).revision,
            items=[
                services.ItemChange(
                    intervention_id=i.pk,
                    values={"participants_total": participants, "spending": Decimal(participants)},
                    outcomes={world.factor.pk: participants % 5 + 1},
                )
                for i in interventions
            ],
        )

    save(10)
    services.report_submit(report=Report.objects.get(pk=report.pk), by=bob)
    services.report_return(report=Report.objects.get(pk=report.pk), by=alice, comment="Aanvullen")
    for intervention in interventions:
        report_comment_add(report=report, by=alice, text="Klopt dit?", intervention_id=intervention.pk)
        report_comment_add(report=report, by=bob, text="Ja.", intervention_id=intervention.pk)
    save(12)
    return services.report_submit(report=Report.objects.get(pk=report.pk), by=bob)


@pytest.mark.parametrize("rows", [1, 4])
def test_the_review_page_has_a_constant_query_count(client, world, users, rows, django_assert_num_queries):
    report = _resubmitted_with_comments(world, users, rows)
    client.force_login(users["alice"])
    with django_assert_num_queries(REVIEW_QUERIES):
        response = client.get(reverse("interventions:report_review", args=[report.pk]))
    assert len(response.context["return_changes"].parts) == rows
    assert sum(len(response.context["threads"].for_row(item.intervention_id)) for item in report.items.all()) == (
        2 * rows
    )


@pytest.mark.parametrize("rows", [1, 4])
def test_the_report_page_has_a_constant_query_count(client, world, users, rows, django_assert_num_queries):
    report = _resubmitted_with_comments(world, users, rows)
    client.force_login(users["bob"])
    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(reverse("interventions:report_detail", args=[report.pk]))
    assert response.content.decode().count("Klopt dit?") == rows


@pytest.mark.parametrize("rows", [1, 4])
def test_the_report_form_has_a_constant_query_count(client, world, users, rows, django_assert_num_queries):
    report = _resubmitted_with_comments(world, users, rows)
    services.report_return(report=report, by=users["alice"], comment="Nog eens")
    client.force_login(users["bob"])
    with django_assert_num_queries(EDIT_QUERIES):
        response = client.get(reverse("interventions:report_edit", args=[report.pk]))
    assert response.content.decode().count("Klopt dit?") == rows
