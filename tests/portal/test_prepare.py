"""``manage.py prepare`` (what ``make run`` and ``make serve`` run before the portal starts): migrations and the
reference data in one process, each step with its label and duration, and no demo data unless asked."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from agenda.models import Programme
from portal.management.commands import load_reference

pytestmark = pytest.mark.django_db


def test_it_migrates_and_loads_the_reference_data_step_by_step():
    out = StringIO()

    call_command("prepare", stdout=out)

    lines = out.getvalue().splitlines()
    steps = [line for line in lines if line.startswith(("==>", "<=="))]
    assert [line.split(":")[0] for line in steps] == [
        "==> Migrating the database",
        "<== Migrating the database",
        "==> Loading reference data",
        "<== Loading reference data",
    ]
    assert all(" done in " in line and line.endswith(" s") for line in steps if line.startswith("<=="))
    assert any(line.startswith("Referentiegegevens geladen:") for line in lines)
    assert Programme.objects.exists()
    assert not User.objects.filter(username="staf").exists()  # the demo data set only with --demo


def test_it_stops_at_the_step_that_fails_and_names_it(monkeypatch):
    def fail(self, *args, **options):
        raise CommandError("het bestand ontbreekt")

    monkeypatch.setattr(load_reference.Command, "handle", fail)
    out, err = StringIO(), StringIO()

    with pytest.raises(CommandError, match="het bestand ontbreekt"):
        call_command("prepare", "--demo", stdout=out, stderr=err)

    assert "<== Migrating the database: done in" in out.getvalue()
    assert "<== Loading reference data: FAILED after" in err.getvalue()
    assert "Loading the demo data set" not in out.getvalue()
