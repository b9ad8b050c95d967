"""A new embedded database gets its tables straight from the models.

Migrating an empty SQLite file replays every migration of every app: about 300 operations, each of
which makes Django build the state of the related models again, some 25 s of a newcomer's first
``make run``. On a database with no tables at all the outcome is known in advance: the tables of
the current models. So they are created from the models at once (as ``migrate --run-syncdb`` does
for apps without migrations), and every migration on disk is recorded as applied. ``migrate`` runs
afterwards as always: it finds nothing left to apply, and sends the signals that create the
content types, the permissions and the role groups.

Only for SQLite, the embedded default, and only when the database has no tables: PostgreSQL, where
the portal's data lives, is always migrated step by step. ``tests/portal/test_schema.py`` holds the
tables, columns, indexes and constraints made here to those the migrations make.

The data migrations have nothing to do on a new database: they change rows that already exist
(each is marked ``elidable`` for that reason).
"""

from django.apps import apps
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder


def can_create_at_once(connection: BaseDatabaseWrapper) -> bool:
    """An SQLite database without a single table."""
    return connection.vendor == "sqlite" and not connection.introspection.table_names()


def create_from_models(connection: BaseDatabaseWrapper | None = None) -> int:
    """Create every table of the installed apps' models and record every migration as applied.

    Returns the number of models whose tables were created.
    """
    connection = connection or connections["default"]
    models = [
        model
        for model in apps.get_models()  # the automatic many-to-many tables come with their model
        if model._meta.managed and not model._meta.proxy
    ]
    # One transaction: an interruption leaves an empty database, which the next run starts again.
    with connection.schema_editor(atomic=True) as editor:
        for model in models:
            editor.create_model(model)
        recorder = MigrationRecorder(connection)
        recorder.ensure_schema()
        recorder.migration_qs.bulk_create(
            recorder.Migration(app=app_label, name=name)
            for app_label, name in sorted(MigrationLoader(connection, ignore_no_migrations=True).disk_migrations)
        )
    return len(models)
