"""Shared test set-up: reference data in the test database, fast password hashing, named users per role,
a signed-in client per role, and the reporting world (two municipalities with a grant and an intervention
each, and a period open today)."""

from __future__ import annotations

import copy
import datetime
import functools
import io
import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from django.core.management import call_command
from django.db import connections, transaction
from django.test.utils import override_settings

if TYPE_CHECKING:
    from agenda.models import ProtectiveFactor
    from interventions.models import Intervention, ReportingPeriod
    from municipalities.models import Municipality

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# The test client and the live server speak plain http; production redirects it to https.
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

# The database state with reference data, per connection alias, restored after
# every transactional test (see tests/browser/conftest.py).
SERIALIZED_REFERENCE: dict[str, str] = {}


def remember_serialized_reference() -> None:
    """Attach the saved state to the current connection objects, and the fast way to put it back.

    Django keeps it on the connection object, and code running inside an event
    loop (Playwright's sync API) gets connection objects of its own.
    """
    for connection in connections.all():
        if connection.alias in SERIALIZED_REFERENCE:
            connection._test_serialized_contents = SERIALIZED_REFERENCE[connection.alias]
            connection.creation.deserialize_db_from_string = functools.partial(restore_in_bulk, connection.alias)


def restore_in_bulk(alias: str, data: str) -> None:
    """Put a serialized database state back with one INSERT per table, not an UPDATE and an INSERT per row.

    The same rows as Django's own ``deserialize_db_from_string``, which saves each object on its own;
    the reference data is over a thousand rows, put back after every test that empties the database.
    """
    from django.core import serializers

    connection = connections[alias]
    rows: dict[type, list] = {}
    links: dict[type, list] = {}
    with transaction.atomic(using=connection.alias), connection.constraint_checks_disabled():
        for deserialized in serializers.deserialize("json", io.StringIO(data), using=connection.alias):
            instance = deserialized.object
            rows.setdefault(type(instance), []).append(instance)
            for name, related_ids in (deserialized.m2m_data or {}).items():
                through = type(instance)._meta.get_field(name).remote_field.through
                source, target = (f.attname for f in _through_fields(through, type(instance), name))
                links.setdefault(through, []).extend(
                    through(**{source: instance.pk, target: related}) for related in related_ids
                )
        for model, instances in [*rows.items(), *links.items()]:
            # A row already there is the same reference row (the first test of a process finds them all).
            model._base_manager.using(connection.alias).bulk_create(instances, batch_size=500, ignore_conflicts=True)
        connection.check_constraints(table_names=[model._meta.db_table for model in [*rows, *links]])


def _through_fields(through, model, name: str) -> tuple:
    """The two foreign keys of a many-to-many table: to the owning model, and to the related one."""
    field = model._meta.get_field(name)
    source = next(f for f in through._meta.fields if f.is_relation and f.related_model == model)
    target = next(
        f for f in through._meta.fields if f.is_relation and f.related_model == field.related_model and f != source
    )
    return source, target


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


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing():
    """Hashing passwords the production way costs a good part of a second per user; tests need no such cost."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _force_login_passes_the_second_factor(monkeypatch):
    """``client.force_login(user)`` signs in as if the second factor was passed too.

    Staff must pass a second factor before any page; tests that are not about signing in
    should not each go through it. The session is marked the way a single sign-on marks one
    whose identity provider did the second factor. ``force_login(user, second_factor=False)``
    leaves it outstanding, for the tests of that step (tests/portal/test_second_factor.py).
    """
    from django.test import Client

    from portal.second_factor import SECOND_FACTOR_BY_IDP

    original = Client.force_login

    def force_login(self, user, backend=None, *, second_factor=True):
        original(self, user, backend)
        if second_factor:
            session = self.session
            session[SECOND_FACTOR_BY_IDP] = True
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(autouse=True)
def _dutch_after_each_test():
    """A request in English leaves English active in the thread; the next test starts in Dutch again."""
    from django.conf import settings
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _session_activity_saved_once_per_test(monkeypatch):
    """The session's last activity is written back at most once a minute, so on a slow machine a
    test whose requests lie a minute apart would count one more write. Query counts must not depend
    on the clock; the idle tests move the activity back by more than these 20 minutes."""
    monkeypatch.setattr("portal.middleware.ACTIVITY_RESOLUTION_SECONDS", 20 * 60)


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
def media(settings, tmp_path):
    """Uploads and generated files go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def programme(db):
    from agenda.models import Programme

    return Programme.objects.get(code="agenda-2023-2025")


@contextmanager
def kept_for_the_scope(django_db_blocker) -> Iterator[None]:
    """Data written inside this block stays for every test of a module- or class-scoped fixture that uses it.

    Like Django's ``setUpTestData``: the data is written once, in a transaction that is rolled back at the
    end; each test (with ``db``, never ``transactional_db``) runs in a savepoint inside it, so what one test
    changes is undone before the next. Hand tests a copy of any model instances (``copy.deepcopy``).
    """
    with django_db_blocker.unblock(), ExitStack() as atomics:
        for alias in connections:
            atomics.enter_context(transaction.atomic(using=alias))
        try:
            yield
        finally:
            for alias in connections:
                transaction.set_rollback(True, using=alias)


def make_users() -> dict:
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
def users(db):
    """alice (staff), bob (Rotterdam), carol (Utrecht), dave (advisory board), eve (no role)."""
    return make_users()


def _signed_in(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def staff_client(client, users):
    """The test client signed in as alice (staff)."""
    return _signed_in(client, users["alice"])


@pytest.fixture
def municipality_client(client, users):
    """The test client signed in as bob (Rotterdam)."""
    return _signed_in(client, users["bob"])


@pytest.fixture
def board_client(client, users):
    """The test client signed in as dave (advisory board)."""
    return _signed_in(client, users["dave"])


@dataclass
class World:
    """Rotterdam (bob's) and Utrecht (carol's), each with a grant and an intervention, and a period open today."""

    today: datetime.date
    period: ReportingPeriod  # open now, deadline ahead
    rotterdam: Municipality
    utrecht: Municipality
    rotterdam_intervention: Intervention
    utrecht_intervention: Intervention
    factor: ProtectiveFactor


def build_world(*, grant_amount: Decimal = Decimal("100000")) -> World:
    from django.utils import timezone

    from agenda.models import ProtectiveFactor
    from municipalities.models import Municipality
    from tests.factories import GrantFactory, InterventionFactory
    from tests.interventions.reporting import open_period

    today = timezone.localdate()
    rotterdam = Municipality.objects.get(cbs_code="GM0599")
    utrecht = Municipality.objects.get(cbs_code="GM0344")
    for municipality in (rotterdam, utrecht):
        GrantFactory(municipality=municipality, first_year=today.year, last_year=today.year + 2, amount=grant_amount)
    factor = ProtectiveFactor.objects.get(code="PF01")
    return World(
        today=today,
        period=open_period(today),
        rotterdam=rotterdam,
        utrecht=utrecht,
        rotterdam_intervention=InterventionFactory(name="Weerbaar Rotterdam", municipalities=[rotterdam]),
        utrecht_intervention=InterventionFactory(name="Sterk Utrecht", municipalities=[utrecht]),
        factor=factor,
    )


@pytest.fixture
def world(users) -> World:
    """The reporting world, with the five users of `users`."""
    return build_world()


@pytest.fixture(scope="module")
def _demo_for_the_module(django_db_setup, django_db_blocker):
    from portal.demo import load_demo

    with kept_for_the_scope(django_db_blocker):
        yield load_demo()


@pytest.fixture
def demo(db, _demo_for_the_module):
    """The full demo data set, loaded once per module; what a test changes in it is rolled back.

    The tests of a module that use it run after the module's other tests (see
    `pytest_collection_modifyitems`), so no test finds demo data it did not ask for.
    """
    return copy.deepcopy(_demo_for_the_module)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Data kept for a module (a fixture named `*_for_the_module`) is in the way of the tests that did not ask
    for it: after pytest-django's ordering, within each run of one module's tests, those go first."""
    ordered, run = [], []
    for item in [*items, None]:
        if run and (item is None or item.path != run[0].path):
            ordered += sorted(run, key=_kept_for_the_module)
            run = []
        if item is not None:
            run.append(item)
    items[:] = ordered


def _kept_for_the_module(item) -> tuple[str, ...]:
    return tuple(sorted(name for name in getattr(item, "fixturenames", []) if name.endswith("_for_the_module")))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test (live server, browser, Celery worker) empties the database when it ends; put the
    reference data back at once, so a test run after it in the same process finds the database as it was.
    (pytest-django runs such tests last, but a parallel run hands out whole files, largest first.)"""
    yield
    # After the last test every fixture has ended, the test database too: nothing to put back then.
    if SERIALIZED_REFERENCE and nextitem is not None and _is_transactional(item):
        from pytest_django.plugin import blocking_manager_key

        if _restores_itself(nextitem):
            return  # pytest-django puts the reference data back before that test anyway
        with item.config.stash[blocking_manager_key].unblock():
            for connection in connections.all():
                if connection.alias in SERIALIZED_REFERENCE:
                    restore_in_bulk(connection.alias, SERIALIZED_REFERENCE[connection.alias])


def _restores_itself(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction") and marker.kwargs.get("serialized_rollback"))


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", [])
    if marker and marker.kwargs.get("transaction"):
        return True
    return "transactional_db" in fixtures or "live_server" in fixtures


def pytest_sessionfinish(session, exitstatus):
    # "No tests ran" must fail CI rather than pass silently.
    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
