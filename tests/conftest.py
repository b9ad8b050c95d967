"""Shared test set-up: reference data in the test database, named users per role."""

import os

import pytest
from django.core.management import call_command
from django.db import connections

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# The database state with reference data, per connection alias, restored after
# every transactional test (see tests/browser/conftest.py).
SERIALIZED_REFERENCE: dict[str, str] = {}


def remember_serialized_reference() -> None:
    """Attach the saved state to the current connection objects.

    Django keeps it on the connection object, and code running inside an event
    loop (Playwright's sync API) gets connection objects of its own.
    """
    for connection in connections.all():
        if connection.alias in SERIALIZED_REFERENCE:
            connection._test_serialized_contents = SERIALIZED_REFERENCE[connection.alias]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the reference data once, and make it survive transactional tests."""
    with django_db_blocker.unblock():
        call_command("load_reference", verbosity=0)
        for connection in connections.all():
            # Transactional tests (live server, browser) flush the database; with
            # serialized_rollback they restore this state, reference data included.
            SERIALIZED_REFERENCE[connection.alias] = connection.creation.serialize_db_to_string()
        remember_serialized_reference()


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # Tests do not run collectstatic, so the hashed-name manifest does not exist.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _pdf_jobs_run_inline(settings):
    # Without a broker the portal runs PDF jobs in a background thread; tests run them
    # inline (eagerly, at commit) so what they assert has happened when they assert it.
    settings.RENDER_IN_BACKGROUND_THREAD = False


@pytest.fixture
def programme(db):
    from agenda.models import Programme

    return Programme.objects.get(code="agenda-2023-2025")


@pytest.fixture
def users(db):
    """alice (staff), bob (Rotterdam), carol (Utrecht), dave (advisory board), eve (no role)."""
    from tests.factories import make_user

    return {
        "alice": make_user("alice", role="staff"),
        "bob": make_user("bob", role="municipality", cbs_code="GM0599"),
        "carol": make_user("carol", role="municipality", cbs_code="GM0344"),
        "dave": make_user("dave", role="board"),
        "eve": make_user("eve"),
    }


@pytest.fixture
def demo(db):
    """The full demo data set, loaded inside the test's transaction."""
    from portal.demo import load_demo

    return load_demo()


def pytest_sessionfinish(session, exitstatus):
    # "No tests ran" must fail CI rather than pass silently.
    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
