"""The benchmark's own database: next to the one DATABASE_URL names, never that one itself.

``postgresql://user:pass@host:5432/veerkracht`` becomes ``.../veerkracht_bench``. The
benchmark refuses SQLite: its figures would say nothing about production.
"""

import os
from urllib.parse import urlparse, urlunparse

SUFFIX = "_bench"


class BenchmarkDatabaseError(Exception):
    pass


def benchmark_url(url: str, *, name: str | None = None) -> str:
    """The URL of the benchmark database that belongs to ``url``."""
    parsed = urlparse(url)
    if parsed.scheme not in {"postgres", "postgresql", "pgsql"}:
        raise BenchmarkDatabaseError(
            "The benchmark runs on PostgreSQL only; SQLite timings say nothing about production. Run it as\n"
            "  DATABASE_URL=postgresql://user:password@127.0.0.1:5432/veerkracht make bench\n"
            "It uses a database of its own next to that one (veerkracht_bench) and never touches the one named."
        )
    current = parsed.path.lstrip("/")
    if not current and not name:
        raise BenchmarkDatabaseError("DATABASE_URL must name a database, e.g. postgresql://host:5432/veerkracht")
    target = name or (current if current.endswith(SUFFIX) else current + SUFFIX)
    if target == current and not current.endswith(SUFFIX):
        raise BenchmarkDatabaseError(f"The benchmark database must end in {SUFFIX!r}, got {target!r}.")
    return urlunparse(parsed._replace(path="/" + target))


def database_name(url: str) -> str:
    return urlparse(url).path.lstrip("/")


def ensure_database(url: str, *, fresh: bool = False) -> bool:
    """Create the benchmark database if it is missing (drop it first with ``fresh``); True when it was created."""
    import psycopg
    from psycopg import sql

    parsed = urlparse(url)
    name = database_name(url)
    maintenance = urlunparse(parsed._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None
        if exists and fresh:
            connection.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = False
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            return True
    return False


def use(url: str) -> None:
    """Point the settings (read at django.setup()) at the benchmark database."""
    os.environ["DATABASE_URL"] = url
