"""Every user-facing string has an English translation, and the compiled catalogue is current."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _entries(text: str) -> list[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) for every entry but the header."""
    entries = []
    for block in text.split("\n\n"):
        fuzzy = "#, fuzzy" in block or ", fuzzy" in block
        msgid = _field(block, "msgid")
        msgstr = _field(block, "msgstr") or _field(block, r"msgstr\[0\]")
        if msgid:
            entries.append((msgid, msgstr, fuzzy))
    return entries


def _field(block: str, name: str) -> str:
    match = re.search(rf'^{name} ((?:".*"\n?)+)', block, re.M)
    if not match:
        return ""
    return "".join(re.findall(r'"(.*)"', match.group(1)))


def test_every_string_has_an_english_translation():
    entries = _entries(PO.read_text(encoding="utf-8"))
    assert len(entries) > 100
    untranslated = [msgid for msgid, msgstr, fuzzy in entries if not msgstr or fuzzy]
    assert untranslated == []


@pytest.mark.skipif(not shutil.which("xgettext"), reason="gettext is not installed")
def test_the_catalogue_holds_every_string_in_the_code(tmp_path):
    """makemessages on a copy of the source finds no string the catalogue lacks.

    makemessages writes to the ``locale`` folder above the files it reads, so it runs in a
    copy of the project: the real catalogue is never touched, and what it finds is seen.
    """
    copy = tmp_path / "project"
    skip = shutil.ignore_patterns(
        ".venv", ".git", "node_modules", "staticfiles", "media", "tests", "benchmarks", "*.pyc"
    )
    shutil.copytree(ROOT, copy, ignore=skip)
    po = copy / "locale" / "en" / "LC_MESSAGES" / "django.po"
    before = {msgid for msgid, _, _ in _entries(po.read_text(encoding="utf-8"))}
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.core.management import call_command; "
            "call_command('makemessages', locale=['en'], verbosity=0)",
        ],
        cwd=copy,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings", "PYTHONPATH": str(copy)},
    )
    after = {msgid for msgid, _, _ in _entries(po.read_text(encoding="utf-8"))}
    assert (ROOT / "locale").resolve() != (copy / "locale").resolve()
    assert sorted(after - before) == []


def test_the_compiled_catalogue_is_in_use():
    with translation.override("en"):
        assert translation.gettext("Werkplek programmastaf") == "Programme staff workspace"
