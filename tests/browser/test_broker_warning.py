"""Staff see on their home page how many messages wait for the broker; the warning passes axe."""

import pytest

from core.models import OutboxMessage
from tests.browser.conftest import axe_violations, sign_in
from tests.factories import PASSWORD


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_staff_home_page_warns_that_messages_wait_for_the_broker(page, live_server, users, language):
    OutboxMessage.objects.create(task="interventions.tasks.notify_staff_of_submission", args=[1])
    OutboxMessage.objects.create(task="interventions.tasks.notify_municipality_of_review", args=[1])
    sign_in(page, "alice", PASSWORD)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto("/")
    warning = page.get_by_role("status").filter(has_text="broker")
    expected = "2 berichten wachten op de berichtenserver" if language == "nl" else "2 messages are waiting"
    assert expected in warning.inner_text()
    assert axe_violations(page) == []
