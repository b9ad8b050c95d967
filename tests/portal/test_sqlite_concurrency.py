"""The embedded SQLite takes twenty writers at once without "database is locked".

The test runs on a SQLite file of its own, configured the way the portal configures
its embedded default (``core.env.database_from_env``), because the in-memory test
database shares one lock between threads in a way a real file does not.
"""

import threading

import pytest
from django.db import connections, transaction

from core.env import database_from_env
from core.models import OutboxMessage

WRITERS = 20
WRITES_EACH = 10
ALIAS = "concurrency"


@pytest.fixture
def sqlite_file(tmp_path, django_db_blocker):
    # Not the test database: a file of its own, so no test transaction wraps it either.
    django_db_blocker.unblock()
    connections.settings[ALIAS] = {
        **connections.settings["default"],
        **database_from_env("TEST_SQLITE_CONCURRENCY_URL", default=f"sqlite:///{tmp_path / 'portal.sqlite3'}"),
    }
    with connections[ALIAS].schema_editor() as editor:
        editor.create_model(OutboxMessage)
    yield
    connections[ALIAS].close()
    del connections.settings[ALIAS]
    django_db_blocker.restore()


def _write(errors: list, start: threading.Barrier) -> None:
    try:
        start.wait()
        for number in range(WRITES_EACH):
            # Read, then write, in one transaction: the pattern of every form save (validate, then store).
            with transaction.atomic(using=ALIAS):
                seen = OutboxMessage.objects.using(ALIAS).count()
                OutboxMessage.objects.using(ALIAS).create(task="write", args=[seen, number])
    except Exception as error:  # every failure is what this test counts
        errors.append(error)
    finally:
        connections[ALIAS].close()


def test_twenty_concurrent_writers_all_succeed(sqlite_file):
    assert connections[ALIAS].cursor().execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    errors: list = []
    start = threading.Barrier(WRITERS)
    threads = [threading.Thread(target=_write, args=(errors, start)) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert OutboxMessage.objects.using(ALIAS).count() == WRITERS * WRITES_EACH
    # Each transaction saw every write before it: they ran one after another, none lost.
    assert sorted(args[0] for args in OutboxMessage.objects.using(ALIAS).values_list("args", flat=True)) == list(
        range(WRITERS * WRITES_EACH)
    )
