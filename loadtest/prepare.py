"""``python -m loadtest.prepare ACCOUNTS``: the load test's database, fresh for every run, and its accounts.

DATABASE_URL names the load test's database (``veerkracht_loadtest``). Next to it a template,
``veerkracht_loadtest_base``, holds the national-scale benchmark data
(``benchmarks.generate``) with what the load needs on top:

- reporting periods that are open now and that no municipality has reported on yet;
- a password for the benchmark's municipality users (one user per reporting municipality);
- ten staff users, each with a confirmed authenticator (TOTP) of its own.

The template is built once (a few minutes) and marked with a comment; every run copies it
into the load test's database (seconds), so every run starts from the same state. The
accounts file tells locust who to sign in as: the password, and each staff user's TOTP key,
as an authenticator app holds it. It stays on this machine (.loadtest/, not in git); the
database it opens is local and synthetic.
"""

import argparse
import datetime
import json
import os
import secrets
import sys
from pathlib import Path
from urllib.parse import urlparse, urlunparse

VERSION = 1
MARKER = f"veerkracht loadtest template, version {VERSION}"
PASSWORD = "belastingtest-veerkracht-lokaal"  # noqa: S105 (a local, synthetic database)
STAFF_USERS = 10
# The half-years after the benchmark's ten years (2016-2025): open now, nothing reported yet.
LOAD_PERIODS = [(2026, 1), (2026, 2), (2027, 1), (2027, 2)]


def _maintenance(url: str) -> str:
    return urlunparse(urlparse(url)._replace(path="/postgres"))


def _name(url: str) -> str:
    return urlparse(url).path.lstrip("/")


def template_present(url: str, template: str) -> bool:
    import psycopg

    with psycopg.connect(_maintenance(url), autocommit=True) as connection:
        row = connection.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [template]
        ).fetchone()
    return row is not None and row[0] == MARKER


def recreate(url: str, name: str, *, template: str | None = None) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(_maintenance(url), autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        if template:
            connection.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name), sql.Identifier(template))
            )
        else:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def mark(url: str, template: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(_maintenance(url), autocommit=True) as connection:
        connection.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(sql.Identifier(template), sql.Literal(MARKER))
        )


def _setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()


def build_template(template_url: str) -> None:
    """The benchmark data at national scale, and the load test's periods and accounts."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from benchmarks import generate

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_reference", verbosity=0)
    generate.ensure_national_data(scale=1.0, stdout=sys.stdout)
    add_load_fixtures()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    connection.close()


def add_load_fixtures() -> None:
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group, User
    from django.db import transaction
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from core import roles
    from interventions.models import ReportingPeriod

    hashed = make_password(PASSWORD)
    with transaction.atomic():
        for year, half in LOAD_PERIODS:
            ReportingPeriod.objects.get_or_create(
                year=year,
                half=half,
                defaults={
                    "opens_on": datetime.date(2026, 1, 1),
                    "deadline": datetime.date(year, 8, 31) if half == 1 else datetime.date(year + 1, 2, 28),
                },
            )
        User.objects.filter(username__startswith="bench-", memberships__isnull=False).update(password=hashed)
        group = Group.objects.get(name=roles.STAFF)
        for number in range(1, STAFF_USERS + 1):
            user = User.objects.create(
                username=f"load-staf-{number:02d}",
                first_name="Belastingtest",
                last_name=f"Staf {number:02d}",
                email=f"load-staf-{number:02d}@veerkracht.example",
                password=hashed,
            )
            user.groups.add(group)
            TOTPDevice.objects.create(user=user, name="authenticator", key=secrets.token_hex(20), confirmed=True)


def accounts() -> dict:
    """Who locust signs in as, and what it works on; read from the fresh copy."""
    from django.contrib.auth.models import User
    from django.db.models import Count
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from interventions.models import Report, ReportingPeriod

    periods = list(
        ReportingPeriod.objects.filter(year__in={y for y, _h in LOAD_PERIODS})
        .order_by("year", "half")
        .values_list("pk", flat=True)
    )
    # Municipality users whose municipality runs at least one intervention: their reports have items.
    municipality_users = list(
        User.objects.filter(username__startswith="bench-", memberships__isnull=False)
        .annotate(running=Count("memberships__municipality__interventions"))
        .filter(running__gt=0)
        .order_by("username")
        .values_list("username", flat=True)
    )
    staff = [
        {"username": device.user.username, "key": device.key}
        for device in TOTPDevice.objects.filter(user__username__startswith="load-staf-", confirmed=True)
        .select_related("user")
        .order_by("user__username")
    ]
    waiting = list(
        Report.objects.filter(status=Report.Status.SUBMITTED)
        .order_by("submitted_at", "pk")
        .values_list("pk", flat=True)
    )
    return {
        "password": PASSWORD,
        "periods": periods,
        "municipality_users": municipality_users,
        "staff": staff,
        "submitted_reports": waiting,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loadtest.prepare", description=__doc__.splitlines()[0])
    parser.add_argument("accounts", type=Path, help="where to write the accounts file (JSON)")
    parser.add_argument("--rebuild", action="store_true", help="build the template again")
    options = parser.parse_args(argv)

    url = os.environ.get("DATABASE_URL", "")
    if urlparse(url).scheme not in {"postgres", "postgresql"} or not _name(url):
        print("DATABASE_URL must name a PostgreSQL database for the load test", file=sys.stderr)
        return 2
    name = _name(url)
    template = f"{name}_base"
    template_url = urlunparse(urlparse(url)._replace(path="/" + template))
    if options.rebuild or not template_present(url, template):
        print(f"Building the template database {template} (national-scale data; once)", flush=True)
        recreate(url, template)
        _setup_django(template_url)
        build_template(template_url)
        mark(url, template)
    else:
        _setup_django(template_url)
    from django.db import connections

    connections.close_all()
    recreate(url, name, template=template)
    print(f"Copied {template} into {name}", flush=True)
    connections["default"].settings_dict["NAME"] = name
    # A template built before the newest migrations is brought up to date in the copy.
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    data = accounts()
    connections.close_all()
    options.accounts.parent.mkdir(parents=True, exist_ok=True)
    options.accounts.write_text(json.dumps(data, indent=2), encoding="utf-8")
    print(
        f"Accounts: {len(data['municipality_users'])} municipality users, {len(data['staff'])} staff; "
        f"{len(data['periods'])} open periods; {len(data['submitted_reports'])} reports waiting for review",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
