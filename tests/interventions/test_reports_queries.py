"""The staff overview and the API list cost the same number of queries for 3 reports as for 30."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from rest_framework.test import APIClient

from agenda.models import ProtectiveFactor
from interventions.models import Report, ReportAttachment, ReportComment, ReportItemOutcome
from municipalities.models import Municipality
from tests.factories import GrantFactory, InterventionFactory, ReportFactory, ReportItemFactory
from tests.interventions.reporting import (
    open_period,
)

pytestmark = pytest.mark.django_db

# Pinned counts. A change here means the page's query shape changed: look at why.
OVERVIEW_QUERIES = 13  # two of them: the programmes of the header's switcher, its unread notifications
API_LIST_QUERIES = 7  # the reports' sums of their items, not the items
API_LIST_WITH_ITEMS_QUERIES = 8  # include=items: the items and their outcomes instead of the sums
WORKSPACE_QUERIES = 11  # one of them: the header's unread notifications


@pytest.fixture
def period(db):
    from django.utils import timezone

    return open_period(timezone.localdate())


def _reports(count: int, period, author: User) -> None:
    """`count` municipalities with a grant and a report with two items, outcomes, an attachment, a comment."""
    factors = list(ProtectiveFactor.objects.order_by("code")[:2])
    statuses = list(Report.Status)
    for index, municipality in enumerate(Municipality.objects.exclude(cbs_code="GM0599").order_by("cbs_code")[:count]):
        GrantFactory(municipality=municipality, first_year=period.year, last_year=period.year)
        status = statuses[index % len(statuses)]
        report = ReportFactory(
            municipality=municipality,
            period=period,
            status=status,
            created_by=author,
            submitted_by=author if status != Report.Status.DRAFT else None,
            submitted_at="2026-01-02T10:00:00Z" if status != Report.Status.DRAFT else None,
            reviewed_by=author,
            return_comment="Aanvullen" if status == Report.Status.RETURNED else "",
        )
        for _ in range(2):
            item = ReportItemFactory(
                report=report, intervention=InterventionFactory(municipalities=[municipality]), spending=Decimal("10")
            )
            for factor in factors:
                ReportItemOutcome.objects.create(item=item, protective_factor=factor, rating=3)
        ReportAttachment.objects.create(
            report=report, file="reports/x.pdf", original_name="x.pdf", content_type="application/pdf", size=3
        )
        ReportComment.objects.create(report=report, author=author, text="Opmerking")
    # And municipalities with a grant but no report, shown as missing.
    for municipality in Municipality.objects.filter(cbs_code__in=["GM0599", "GM1992"])[: max(1, count // 10)]:
        GrantFactory(municipality=municipality, first_year=period.year, last_year=period.year)


@pytest.mark.parametrize("count", [3, 30])
def test_the_staff_overview_has_a_constant_query_count(client, users, period, count, django_assert_num_queries):
    _reports(count, period, users["alice"])
    client.force_login(users["alice"])
    url = reverse("interventions:report_overview")
    with django_assert_num_queries(OVERVIEW_QUERIES):
        response = client.get(url, {"period": period.pk})
    assert len(response.context["overview"].rows) >= count


def _carries_sums(report: dict) -> bool:
    return report["item_count"] == 2 and "items" not in report


def _carries_items(report: dict) -> bool:
    return len(report["items"]) == 2 and bool(report["items"][0]["outcomes"])


@pytest.mark.parametrize(
    ("query", "queries", "carries"),
    [({}, API_LIST_QUERIES, _carries_sums), ({"include": "items"}, API_LIST_WITH_ITEMS_QUERIES, _carries_items)],
    ids=["sums", "with-items"],
)
@pytest.mark.parametrize("count", [3, 30])
def test_the_api_list_has_a_constant_query_count(
    users, period, count, query, queries, carries, django_assert_num_queries
):
    _reports(count, period, users["alice"])
    api = APIClient()
    api.force_login(users["alice"])
    with django_assert_num_queries(queries):
        response = api.get(reverse("interventions_api:report-list"), query)
    assert response.data["count"] == count
    assert all(carries(report) and report["attachments"] for report in response.data["results"])


@pytest.mark.parametrize("count", [1, 6])
def test_the_workspace_has_a_constant_query_count(client, users, period, count, django_assert_num_queries):
    rotterdam = Municipality.objects.get(cbs_code="GM0599")
    GrantFactory(municipality=rotterdam, first_year=period.year, last_year=period.year)
    for _ in range(count):
        InterventionFactory(municipalities=[rotterdam])
    ReportFactory(municipality=rotterdam, period=period)
    client.force_login(users["bob"])
    with django_assert_num_queries(WORKSPACE_QUERIES):
        response = client.get(reverse("interventions:workspace"))
    assert len(response.context["workspace"].interventions) == count
