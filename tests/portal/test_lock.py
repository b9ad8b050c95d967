"""The lock files agree with the requirements they are made from (run `make lock` when not)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOCKS = {"requirements.txt": "requirements.lock", "requirements-dev.txt": "requirements-dev.lock"}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned(requirements: Path) -> dict[str, str]:
    """The exact pins of a requirements file and of the files it includes with -r."""
    pins: dict[str, str] = {}
    for line in requirements.read_text().splitlines():
        line = line.split(" #")[0].strip()
        if line.startswith(("-r ", "--requirement ")):
            pins.update(pinned(requirements.parent / line.split(maxsplit=1)[1]))
        elif match := PIN.match(line):
            pins[normalized(match[1])] = match[2]
    return pins


def locked(lock: Path) -> dict[str, tuple[str, int]]:
    """Each package of a lock file: its version and how many hashes it has."""
    entries: dict[str, tuple[str, int]] = {}
    current = None
    for line in lock.read_text().splitlines():
        if match := PIN.match(line):
            current = normalized(match[1])
            entries[current] = (match[2], 0)
        elif current and line.strip().startswith("--hash=sha256:"):
            version, hashes = entries[current]
            entries[current] = (version, hashes + 1)
        elif not line.startswith((" ", "#")) and line.strip():
            current = None
    return entries


@pytest.mark.parametrize(("requirements", "lock"), LOCKS.items())
def test_every_pinned_package_is_in_the_lock_at_the_same_version(requirements, lock):
    in_lock = locked(ROOT / lock)

    disagree = {
        name: (version, in_lock.get(name, ("missing", 0))[0])
        for name, version in pinned(ROOT / requirements).items()
        if in_lock.get(name, (None, 0))[0] != version
    }

    assert not disagree, f"{lock} does not match {requirements} (pinned, locked): {disagree}; run `make lock`"


@pytest.mark.parametrize("lock", LOCKS.values())
def test_every_locked_package_has_a_hash(lock):
    entries = locked(ROOT / lock)

    assert len(entries) > 20
    assert not [name for name, (_version, hashes) in entries.items() if hashes == 0]


def test_the_runtime_and_development_locks_agree_on_every_shared_package():
    runtime = locked(ROOT / "requirements.lock")
    development = locked(ROOT / "requirements-dev.lock")

    assert set(runtime) <= set(development), "the development lock must contain every runtime package"
    differ = {
        name: (runtime[name][0], development[name][0]) for name in runtime if runtime[name][0] != development[name][0]
    }
    assert not differ, f"run `make lock`: the locks pin different versions: {differ}"


def test_the_pins_are_read_like_pip_reads_them(tmp_path):
    (tmp_path / "base.txt").write_text("# a comment\nDjango==5.2.19\npsycopg[binary]==3.2.12  # with a comment\n")
    (tmp_path / "dev.txt").write_text("-r base.txt\npytest_django==4.11.1\nunpinned-tool\n")

    assert pinned(tmp_path / "dev.txt") == {"django": "5.2.19", "psycopg": "3.2.12", "pytest-django": "4.11.1"}
