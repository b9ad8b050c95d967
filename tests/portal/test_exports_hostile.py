"""Nothing put in the query string of an export makes it answer with a server error: a filter it cannot use
gives the file without it or sends the reader back to the page, which says what is wrong."""

import pytest
from django.urls import reverse

from tests.factories import GrantFactory, InterventionFactory
from tests.interventions.reporting import submitted_report

pytestmark = pytest.mark.django_db

HOSTILE = ["-0", "1e400", "9" * 40, "€€€", '=HYPERLINK("http://x")', "١٢٣"]

EXPORTS = {
    "interventions:intervention_export": ["q", "stage", "municipality", "owner", "action_line", "is_public"],
    "interventions:evaluation_export": ["q", "kind", "status", "evaluator"],
    "municipalities:grant_export": ["programme", "municipality", "tranche", "year"],
    "municipalities:organisation_export": ["kind", "municipality"],
    "municipalities:partnership_export": ["programme", "active", "member"],
    "analysis:budget_export": ["programme", "as_of"],
    "analysis:expenditure_export": ["action_line", "kind", "year"],
    "analysis:advice_export": ["follow_up", "kind", "dashboard"],
    "analysis:kpi_measurement_export": ["action_line", "as_of"],
    "interventions:report_item_export": ["period", "status", "municipality", "overdue"],
}


@pytest.mark.parametrize("name", list(EXPORTS))
def test_an_export_answers_every_filter_value_without_a_server_error(staff_client, world, users, name):
    GrantFactory()
    InterventionFactory()
    submitted_report(world, users["bob"])
    for fmt in ("csv", "xlsx"):
        url = reverse(name, args=[fmt])
        for parameter in EXPORTS[name]:
            for value in HOSTILE:
                response = staff_client.get(url, {parameter: value})
                assert response.status_code in (200, 302), (parameter, value, response.status_code)
                if response.streaming:
                    b"".join(response.streaming_content)
