"""The programme's data in one archive, and back: every object of the programme apps with its history,
the accounts and groups, and every stored file (attachments, evaluation reports, generated PDFs).

The archive is a gzipped tar file:

    manifest.json                      what is in it, with a SHA-256 hash per member
    data/<app>.<model>.jsonl           one table, one object per line (Django's JSON Lines serializer)
    media/<name in the media storage>  one stored file

It restores into a database that has been migrated (``manage.py migrate``) to the same migrations and holds no
programme data yet: not after ``load_reference``, since the archive brings the reference data as it was, edits
included. Day-to-day backups are ``pg_dump``; this is the way between machines and database engines, and the
proof that nothing is lost (README, "Backups and restoring").
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import shutil
import tarfile
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.apps import apps
from django.contrib.auth.models import Group, User
from django.core import serializers
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder

FORMAT = "veerkracht-export"
VERSION = 1
PROGRAMME_APPS = ("core", "agenda", "municipalities", "interventions", "analysis")
# The migrations that decide what a table looks like: the programme's apps and the accounts.
SCHEMA_APPS = ("auth", "contenttypes", "simple_history", *PROGRAMME_APPS)
BATCH = 1000

Progress = Callable[[str], None]


class ArchiveError(Exception):
    """The archive cannot be written or restored; the message says why, in words for the operator."""


def archived_models() -> list[type[models.Model]]:
    """Groups, accounts, then every model of the programme apps (historical models included), in a fixed order."""
    found: list[type[models.Model]] = [Group, User]
    for label in PROGRAMME_APPS:
        found += sorted(apps.get_app_config(label).get_models(), key=lambda model: model._meta.label_lower)
    return found


def _file_fields(model: type[models.Model]) -> list[models.FileField]:
    return [field for field in model._meta.concrete_fields if isinstance(field, models.FileField)]


def _applied_migrations(using: str) -> dict[str, list[str]]:
    applied = MigrationRecorder(connections[using]).applied_migrations()
    return {app: sorted(name for label, name in applied if label == app) for app in SCHEMA_APPS}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# Writing


def export_archive(target: Path, *, using: str = "default", progress: Progress = lambda line: None) -> dict:
    """Write the archive to ``target`` and return its manifest."""
    with tempfile.TemporaryDirectory(prefix="veerkracht-export-") as staging_dir:
        staging = Path(staging_dir)
        (staging / "data").mkdir()
        tables: list[dict] = []
        file_names: dict[str, bool] = {}
        with _snapshot(using):
            for model in archived_models():
                tables.append(_write_table(model, staging, using, progress))
                progress(f"  {model._meta.label_lower}: {tables[-1]['rows']} rijen")
                for field in _file_fields(model):
                    live = not getattr(model, "instance_type", None)  # a historical model points at its original
                    for name in (
                        model._base_manager.using(using).exclude(**{field.name: ""}).values_list(field.name, flat=True)
                    ):
                        file_names[name] = file_names.get(name, False) or live
        files, missing = [], []
        for number, (name, live) in enumerate(sorted(file_names.items()), start=1):
            entry = _stage_file(name, staging)
            if entry:
                files.append(entry)
            elif live:
                # History may point at a file that was deleted on purpose; a current object may not.
                missing.append(name)
            if number % 100 == 0 or number == len(file_names):
                progress(f"  bestanden: {number} van {len(file_names)}")
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "migrations": _applied_migrations(using),
            "tables": tables,
            "files": files,
            "missing_files": missing,
        }
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
        partial = target.with_name(target.name + ".partial")
        progress("  archief schrijven ...")
        try:
            with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
                archive.add(staging / "manifest.json", arcname="manifest.json")
                for entry in [*tables, *files]:
                    archive.add(staging / entry["path"], arcname=entry["path"])
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        # Renamed into place only when complete, so a half-written archive never looks like a good one.
        partial.replace(target)
    return manifest


class _ExactJSONEncoder(DjangoJSONEncoder):
    """Times to the microsecond: Django's encoder keeps milliseconds, and a restored history would drift."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


@contextlib.contextmanager
def _snapshot(using: str) -> Iterator[None]:
    """One transaction that sees the database as it was at its first query, while the portal keeps running."""
    connection = connections[using]
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        # SQLite: one transaction already reads one state of the file.
        yield


def _write_table(model: type[models.Model], staging: Path, using: str, progress: Progress) -> dict:
    label = model._meta.label_lower
    path = f"data/{label}.jsonl"
    rows = model._base_manager.using(using).order_by("pk")
    # Accounts and groups name their permissions by natural key (app, model, codename): the ids of
    # permissions differ between databases. Everything else keeps its primary keys as they are.
    natural = model in (Group, User)
    counted = [0]

    def each_row() -> Iterator[models.Model]:
        for row in rows.iterator(chunk_size=BATCH):
            counted[0] += 1
            if counted[0] % 100_000 == 0:
                progress(f"  {label}: {counted[0]} rijen ...")
            yield row

    with (staging / path).open("w", encoding="utf-8") as stream:
        serializers.serialize(
            "jsonl",
            each_row(),
            stream=stream,
            use_natural_foreign_keys=natural,
            use_natural_primary_keys=model is Group,
            cls=_ExactJSONEncoder,
        )
    return {"model": label, "path": path, "rows": counted[0], "sha256": _sha256(staging / path)}


def _stage_file(name: str, staging: Path) -> dict | None:
    if not default_storage.exists(name):
        return None
    path = f"media/{name}"
    destination = staging / path
    destination.parent.mkdir(parents=True, exist_ok=True)
    with default_storage.open(name, "rb") as source, destination.open("wb") as copy:
        shutil.copyfileobj(source, copy, 1 << 20)
    return {"name": name, "path": path, "size": destination.stat().st_size, "sha256": _sha256(destination)}


# Reading


def import_archive(source: Path, *, using: str = "default", progress: Progress = lambda line: None) -> dict:
    """Restore the archive at ``source`` into an empty, migrated database; refuse anything else."""
    with tempfile.TemporaryDirectory(prefix="veerkracht-import-") as unpacked_dir:
        unpacked = Path(unpacked_dir)
        manifest = _unpack_and_verify(source, unpacked, progress)
        _check_schema(manifest, using)
        _check_empty(manifest, using)
        written: list[str] = []
        try:
            with transaction.atomic(using=using):
                _load_tables(manifest, unpacked, using, progress)
                for number, entry in enumerate(manifest["files"], start=1):
                    written.append(_restore_file(entry, unpacked))
                    if number % 100 == 0 or number == len(manifest["files"]):
                        progress(f"  bestanden: {number} van {len(manifest['files'])}")
        except BaseException:
            for name in written:
                default_storage.delete(name)
            raise
    return manifest


def _unpack_and_verify(source: Path, unpacked: Path, progress: Progress) -> dict:
    hashes: dict[str, str] = {}
    try:
        with tarfile.open(source, "r:*") as archive:
            for member in archive:
                if not member.isfile():
                    continue
                path = PurePosixPath(member.name)
                if path.is_absolute() or ".." in path.parts:
                    raise ArchiveError(f"Het archief bevat een pad buiten het archief: {member.name}")
                destination = unpacked.joinpath(*path.parts)
                destination.parent.mkdir(parents=True, exist_ok=True)
                extracted = archive.extractfile(member)
                assert extracted is not None  # a regular file always has a stream
                hashes[member.name] = _copy_hashing(extracted, destination)
    except (OSError, EOFError, zlib.error, tarfile.TarError) as exc:
        raise ArchiveError(f"{source} is geen leesbaar exportarchief, of het is beschadigd: {exc}") from None
    if "manifest.json" not in hashes:
        raise ArchiveError(f"{source} heeft geen manifest.json: dit is geen exportarchief van het portaal.")
    manifest = json.loads((unpacked / "manifest.json").read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise ArchiveError(
            f"Onbekend archiefformaat {manifest.get('format')!r} versie {manifest.get('version')!r}; "
            f"verwacht {FORMAT!r} versie {VERSION}."
        )
    listed = {entry["path"]: entry["sha256"] for entry in [*manifest["tables"], *manifest["files"]]}
    wrong = sorted(path for path, digest in listed.items() if hashes.get(path) != digest)
    extra = sorted(set(hashes) - set(listed) - {"manifest.json"})
    if wrong or extra:
        details = [f"{path}: {'ontbreekt' if path not in hashes else 'hash klopt niet'}" for path in wrong]
        details += [f"{path}: staat niet in het manifest" for path in extra]
        raise ArchiveError(
            "Het archief is beschadigd of veranderd; er is niets ingelezen.\n  " + "\n  ".join(details[:20])
        )
    progress(f"  archief gecontroleerd: {len(listed)} bestanden, alle hashes kloppen")
    return manifest


def _copy_hashing(source: IO[bytes], destination: Path) -> str:
    digest = hashlib.sha256()
    with destination.open("wb") as copy:
        for chunk in iter(lambda: source.read(1 << 20), b""):
            digest.update(chunk)
            copy.write(chunk)
    return digest.hexdigest()


def _check_schema(manifest: dict, using: str) -> None:
    here = _applied_migrations(using)
    differ = [app for app in SCHEMA_APPS if manifest["migrations"].get(app, []) != here[app]]
    if differ:
        raise ArchiveError(
            "De migraties van deze database verschillen van die van het archief ("
            + ", ".join(differ)
            + "). Lees het archief in met de versie van het portaal die het maakte en migreer daarna, "
            "of migreer deze database eerst naar dezelfde stand (manage.py migrate)."
        )


def _made_by_migrations() -> set[type[models.Model]]:
    """Rows a migrated, empty database already has: the role groups and their first history rows."""
    history = getattr(Group, "history", None)
    return {Group} | ({history.model} if history is not None else set())


def _check_empty(manifest: dict, using: str) -> None:
    # The role groups may already be there (load_reference makes them); they are matched by name, and
    # their history is the archive's.
    made = _made_by_migrations()
    filled = [
        f"{model._meta.label_lower} ({count})"
        for model in archived_models()
        if model not in made and (count := model._base_manager.using(using).count())
    ]
    if filled:
        raise ArchiveError(
            "De database is niet leeg; er is niets ingelezen. Lees een archief alleen in een nieuwe database in, "
            "gemigreerd (manage.py migrate) maar zonder load_reference of demogegevens. Al gevuld: "
            + ", ".join(filled[:10])
            + (" ..." if len(filled) > 10 else "")
        )
    present = [entry["name"] for entry in manifest["files"] if default_storage.exists(entry["name"])]
    if present:
        raise ArchiveError(
            "De mediaopslag bevat al bestanden met dezelfde naam; er is niets ingelezen. Bijvoorbeeld: "
            + ", ".join(present[:5])
        )


def _load_tables(manifest: dict, unpacked: Path, using: str, progress: Progress) -> None:
    connection = connections[using]
    loaded: list[type[models.Model]] = []
    # Rows refer to rows of tables that come later (a report to the user who accepted it, and back);
    # the constraints are checked once everything is in.
    with connection.constraint_checks_disabled():
        for entry in manifest["tables"]:
            model = apps.get_model(entry["model"])
            assert model is not None  # get_model raises LookupError for a name it does not know
            with (unpacked / entry["path"]).open(encoding="utf-8") as stream:
                if model is Group:
                    _load_groups(stream, using)
                else:
                    if model in _made_by_migrations():
                        model._base_manager.using(using).all().delete()
                    rows = serializers.deserialize("jsonl", stream, using=using)
                    _insert_in_bulk(model, rows, using, progress)
            loaded.append(model)
            progress(f"  {entry['model']}: {entry['rows']} rijen")
    tables = [model._meta.db_table for model in loaded]
    throughs = [field.remote_field.through for model in loaded for field in model._meta.local_many_to_many]
    tables += [through._meta.db_table for through in throughs if through and through._meta.auto_created]
    connection.check_constraints(table_names=tables)
    # Primary keys came from the archive; the next new row must get a number after them (PostgreSQL).
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), loaded):
            cursor.execute(statement)


def _load_groups(stream: IO[str], using: str) -> None:
    for deserialized in serializers.deserialize("jsonl", stream, using=using):
        group, _created = Group.objects.using(using).get_or_create(name=getattr(deserialized.object, "name"))  # noqa: B009
        group.permissions.set((deserialized.m2m_data or {}).get("permissions", []))


def _insert_in_bulk(model: type[models.Model], objects: Iterable[Any], using: str, progress: Progress) -> None:
    """Insert rows as they are, many at a time: no save(), so no signals, no new history and no tasks."""
    links: dict[type[models.Model], list[models.Model]] = {}
    for number, batch in enumerate(_batches(objects), start=1):
        with _times_as_they_were(model):
            model._base_manager.using(using).bulk_create([deserialized.object for deserialized in batch])
        if number % 100 == 0:
            progress(f"  {model._meta.label_lower}: {number * BATCH} rijen ...")
        for deserialized in batch:
            for name, related_ids in (deserialized.m2m_data or {}).items():
                field = model._meta.get_field(name)
                assert isinstance(field, models.ManyToManyField)  # the serializer writes many-to-many fields only
                through = field.remote_field.through
                assert through is not None  # Django fills it in when the models load
                source = field.m2m_field_name()
                target = field.m2m_reverse_field_name()
                links.setdefault(through, []).extend(
                    through(**{f"{source}_id": deserialized.object.pk, f"{target}_id": related})
                    for related in related_ids
                )
    for through, rows in links.items():
        through._base_manager.using(using).bulk_create(rows, batch_size=BATCH)


@contextlib.contextmanager
def _times_as_they_were(model: type[models.Model]) -> Iterator[None]:
    """Keep the archive's created and updated times: bulk_create would set auto_now(_add) fields to now."""
    stamped = [
        (field, field.auto_now, field.auto_now_add)
        for field in model._meta.concrete_fields
        if isinstance(field, models.DateField) and (field.auto_now or field.auto_now_add)
    ]
    for field, _now, _now_add in stamped:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, now, now_add in stamped:
            field.auto_now, field.auto_now_add = now, now_add


def _batches(objects: Iterable[Any]) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in objects:
        batch.append(item)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _restore_file(entry: dict, unpacked: Path) -> str:
    with (unpacked / entry["path"]).open("rb") as stream:
        stored = default_storage.save(entry["name"], File(stream, name=entry["name"]))
    if stored != entry["name"]:
        default_storage.delete(stored)
        raise ArchiveError(f"Het bestand {entry['name']} kwam onder een andere naam in de opslag: {stored}")
    return stored
