"""A new embedded database made from the models (portal/schema.py) has the same tables as one made by running
every migration: the same columns with the same types, and the same indexes, keys and constraints.

Both are built here in SQLite files of their own, whatever database the tests run on.
"""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.db.utils import ConnectionHandler

from portal import schema

pytestmark = pytest.mark.django_db


def sqlite_file(path):
    return ConnectionHandler({"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)}})["default"]


def definitions(create_table: str) -> list[str]:
    """The column and constraint definitions of a CREATE TABLE statement, sorted: the order columns were
    added in differs between the two paths and does not matter."""
    body = create_table[create_table.index("(") + 1 : create_table.rindex(")")]
    parts, depth, current = [], 0, ""
    for character in body:
        depth += {"(": 1, ")": -1}.get(character, 0)
        if character == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += character
    return sorted([*parts, current.strip()])


def shape(db) -> dict:
    """Every table's columns (name, type, null, default, key, reference) and constraints, and every index, as
    SQLite keeps them."""
    with db.cursor() as cursor:
        cursor.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'")
        return {(kind, name): definitions(sql) if kind == "table" else sql for kind, name, sql in cursor.fetchall()}


def test_a_new_database_made_from_the_models_matches_the_migrated_one(tmp_path):
    migrated, fresh = sqlite_file(tmp_path / "migrated.sqlite3"), sqlite_file(tmp_path / "fresh.sqlite3")
    try:
        # In a process of its own: the migrations' data steps read through the default connection.
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--verbosity", "0"],
            cwd=settings.BASE_DIR,
            env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'migrated.sqlite3'}"},
            check=True,
        )
        executor = MigrationExecutor(migrated)
        assert schema.can_create_at_once(fresh)

        created = schema.create_from_models(fresh)

        assert created > 100
        assert not schema.can_create_at_once(fresh)  # a second run migrates as always
        migrated_shape, fresh_shape = shape(migrated), shape(fresh)
        assert sorted(fresh_shape) == sorted(migrated_shape)
        for table, expected in migrated_shape.items():
            assert fresh_shape[table] == expected, table
        assert sum(kind == "table" for kind, _ in fresh_shape) > 100
        # Every migration counts as applied, so migrate finds nothing left to do.
        assert MigrationExecutor(fresh).migration_plan(executor.loader.graph.leaf_nodes()) == []
        assert (
            MigrationRecorder(fresh).applied_migrations().keys()
            == MigrationRecorder(migrated).applied_migrations().keys()
        )
    finally:
        migrated.close()
        fresh.close()


def test_only_an_empty_sqlite_database_is_made_at_once(tmp_path):
    new = sqlite_file(tmp_path / "new.sqlite3")
    try:
        assert schema.can_create_at_once(new)
        with new.cursor() as cursor:
            cursor.execute("CREATE TABLE something_else (id integer)")
        assert not schema.can_create_at_once(new)
    finally:
        new.close()
    # The test database itself has tables, and PostgreSQL is always migrated step by step.
    assert not schema.can_create_at_once(connection)
