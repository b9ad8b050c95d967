"""export_data and import_data: the programme's data leaves one database and arrives whole in a new one,
and an archive that was changed, or a database that is not empty, is refused."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from interventions.models import Report, ReportAttachment
from municipalities.models import Organisation
from tests.factories import EvaluationFactory, ReportFactory, ReportItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme_data(world, users, media):
    """A submitted report with an item and an attachment, an evaluation with its report file, and history."""
    report = ReportFactory(municipality=world.rotterdam, period=world.period, created_by=users["bob"])
    ReportItemFactory(report=report, intervention=world.rotterdam_intervention)
    attachment = ReportAttachment(
        report=report, original_name="verslag.pdf", content_type="application/pdf", size=9, uploaded_by=users["bob"]
    )
    attachment.file.save("verslag.pdf", ContentFile(b"%PDF-1.7\n"), save=True)
    evaluation = EvaluationFactory(intervention=world.utrecht_intervention)
    evaluation.report_file.save("evaluatie.pdf", ContentFile(b"%PDF-1.7 evaluatie\n"), save=True)
    report.status = Report.Status.SUBMITTED
    report.submitted_by = users["bob"]
    report.submitted_at = timezone.now()
    report.save()
    return report


@pytest.fixture
def archive(programme_data, tmp_path) -> Path:
    path = tmp_path / "export.tar.gz"
    call_command("export_data", str(path), stdout=io.StringIO())
    return path


def test_the_round_trip_restores_every_object_and_file(archive, media, tmp_path):
    restored_media = tmp_path / "restored-media"
    second = tmp_path / "again.tar.gz"
    with _NewDatabase(tmp_path) as database_url:
        env = {**os.environ, "DATABASE_URL": database_url, "MEDIA_ROOT": str(restored_media)}
        _manage(env, "migrate", "--verbosity", "0")
        imported = _manage(env, "import_data", str(archive))
        _manage(env, "export_data", str(second))
        # New rows get numbers after the restored ones (on PostgreSQL the sequences were moved on).
        _manage(env, "shell", "-c", _NEW_ROWS)

    first_manifest, first_tables = _read(archive)
    second_manifest, second_tables = _read(second)
    counts = {table["model"]: table["rows"] for table in first_manifest["tables"]}
    assert counts["interventions.report"] == 1
    assert counts["interventions.historicalreport"] >= 2
    assert counts["auth.user"] == 5
    assert "interventions.reportitem: 1 rijen" in imported
    assert first_tables.keys() == second_tables.keys()
    for model, rows in first_tables.items():
        assert rows == second_tables[model], f"{model}: {_first_difference(rows, second_tables[model])}"
    assert first_manifest["files"] == second_manifest["files"]
    assert len(first_manifest["files"]) == 2
    for entry in first_manifest["files"]:
        assert (restored_media / entry["name"]).read_bytes() == (media / entry["name"]).read_bytes()


def test_it_refuses_a_database_that_holds_programme_data(archive):
    before = Organisation.objects.count()

    with pytest.raises(CommandError, match="De database is niet leeg"):
        call_command("import_data", str(archive), stdout=io.StringIO())

    assert Organisation.objects.count() == before


def test_it_refuses_an_archive_whose_hashes_do_not_match(archive, tmp_path):
    changed = tmp_path / "changed.tar.gz"
    with tarfile.open(archive) as original, tarfile.open(changed, "w:gz") as copy:
        for member in original:
            data = original.extractfile(member).read()
            if member.name == "data/interventions.report.jsonl":
                data = data.replace(b'"submitted"', b'"accepted"')
            member.size = len(data)
            copy.addfile(member, fileobj=io.BytesIO(data))

    with pytest.raises(CommandError, match="data/interventions.report.jsonl: hash klopt niet"):
        call_command("import_data", str(changed), stdout=io.StringIO())


def test_it_refuses_a_file_that_is_no_archive(tmp_path):
    garbage = tmp_path / "garbage.tar.gz"
    garbage.write_bytes(b"not an archive")

    with pytest.raises(CommandError, match="geen leesbaar exportarchief"):
        call_command("import_data", str(garbage), stdout=io.StringIO())


def test_it_names_files_the_database_refers_to_but_storage_lacks(programme_data, media, tmp_path):
    attachment = programme_data.attachments.get()
    (media / attachment.file.name).unlink()
    errors = tmp_path / "errors.txt"

    with errors.open("w") as stderr:
        call_command("export_data", str(tmp_path / "export.tar.gz"), stdout=io.StringIO(), stderr=stderr)

    assert attachment.file.name in errors.read_text()


_NEW_ROWS = (
    "from municipalities.models import Organisation; from django.contrib.auth.models import User; "
    "Organisation.objects.create(name='Nieuw na het herstel', kind='vng'); User.objects.create(username='nieuw')"
)


def test_times_keep_their_microseconds(programme_data, tmp_path):
    path = tmp_path / "export.tar.gz"
    call_command("export_data", str(path), stdout=io.StringIO())

    _manifest, tables = _read(path)

    [report] = tables["interventions.report"]
    assert report["fields"]["submitted_at"] == programme_data.submitted_at.isoformat()


def _first_difference(first: list, second: list) -> str:
    if len(first) != len(second):
        return f"{len(first)} rows, then {len(second)}"
    return next(f"{a} became {b}" for a, b in zip(first, second, strict=True) if a != b)


def _read(archive: Path) -> tuple[dict, dict[str, list]]:
    """The manifest, and every table's rows with lists of links sorted, so that order does not count."""
    tables: dict[str, list] = {}
    with tarfile.open(archive) as opened:
        manifest = json.load(opened.extractfile("manifest.json"))
        for table in manifest["tables"]:
            rows = [json.loads(line) for line in opened.extractfile(table["path"]).read().splitlines()]
            for row in rows:
                row["fields"] = {
                    name: sorted(value, key=json.dumps) if isinstance(value, list) else value
                    for name, value in row["fields"].items()
                }
            tables[table["model"]] = sorted(rows, key=json.dumps)
    return manifest, tables


def _manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True
    )
    assert done.returncode == 0, f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


class _NewDatabase:
    """A database of its own next to the test database: a file on SQLite, a second database on PostgreSQL."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.name = ""

    def __enter__(self) -> str:
        if connection.vendor == "sqlite":
            return f"sqlite:///{self.tmp_path / 'restored.sqlite3'}"
        config = connection.settings_dict
        # The test database's name is already one per pytest-xdist process.
        self.name = f"{config['NAME']}_restored"
        self._run(f'DROP DATABASE IF EXISTS "{self.name}"')
        self._run(f'CREATE DATABASE "{self.name}"')
        credentials = quote(config["USER"]) + (f":{quote(config['PASSWORD'])}" if config.get("PASSWORD") else "")
        return f"postgresql://{credentials}@{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}/{self.name}"

    def __exit__(self, *exc) -> None:
        if self.name:
            self._run(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def _run(self, statement: str) -> None:
        import psycopg

        config = connection.settings_dict
        with psycopg.connect(
            dbname="postgres",
            user=config["USER"],
            password=config.get("PASSWORD") or None,
            host=config["HOST"] or "127.0.0.1",
            port=config["PORT"] or 5432,
            autocommit=True,
        ) as admin:
            admin.execute(statement)
