"""The annual analysis on real Celery workers with the real Redis broker, including workers that die.

The first test runs an embedded worker in this process (``start_worker``), so it sees
the test database on SQLite and PostgreSQL alike. The kill tests run ``celery worker``
as a separate process, so they need a database a second process can open: PostgreSQL
(CI runs them there). They kill that worker with SIGKILL in the middle of a job and
check that the job is picked up again and completes.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from analysis.models import AnnualAnalysis
from analysis.tasks import generate_annual_analysis
from portal.celery import app as celery_app
from tests.factories import AnnualAnalysisFactory, EvaluationFactory, GrantFactory, InterventionFactory

# One Redis database serves these tests: they run one after another, in one process also when the suite runs
# in parallel (`--dist loadfile` keeps a file together; `--dist loadgroup` keeps this group together).
pytestmark = [
    pytest.mark.worker,
    pytest.mark.xdist_group("redis"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOT = Path(__file__).resolve().parents[2]
VISIBILITY_TIMEOUT = 15  # seconds; short, so a job of a worker that died is handed out again soon
TIME_LIMIT = 12


def _redis_url_or_skip() -> str:
    import redis

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=2)
        client.ping()
    except redis.exceptions.RedisError as error:
        if os.environ.get("REQUIRE_SERVICES"):
            pytest.fail(f"Redis at {url} is not reachable: {error}")
        pytest.skip(f"Redis at {url} is not reachable; .ci/run starts one")
    client.flushdb()  # a database of its own: nothing of an earlier run is left in the queue
    return url


@pytest.fixture
def broker(settings):
    """Send tasks to the real Redis broker instead of running them in-process."""
    from tests.conftest import remember_serialized_reference

    remember_serialized_reference()
    url = _redis_url_or_skip()
    # The app reads Django's CELERY_* settings under those names, so they are overridden by those names.
    wanted = {
        "CELERY_BROKER_URL": url,
        "CELERY_TASK_ALWAYS_EAGER": False,
        "CELERY_BROKER_TRANSPORT_OPTIONS": {"visibility_timeout": VISIBILITY_TIMEOUT},
    }
    saved = {key: celery_app.conf.get(key) for key in wanted}
    celery_app.conf.update(wanted)
    assert celery_app.conf.broker_url == url and not celery_app.conf.task_always_eager
    settings.CELERY_TASK_ALWAYS_EAGER = False
    _reset_connections()
    yield url
    celery_app.conf.update(saved)
    _reset_connections()


def _reset_connections() -> None:
    # The producer and connection pools remember the broker they were made for, and the
    # embedded worker closes the ones it used when it stops.
    from kombu import pools

    pools.reset()
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def year_data(programme, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    InterventionFactory.create_batch(4, stage="developed", developed_on="2024-04-01")
    EvaluationFactory(completed_on="2024-11-01")
    GrantFactory()
    return tmp_path


def _wait_for(condition, *, timeout: float, every: float = 0.1, what: str, log=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    output = f"; worker log:\n{log.output()}" if log else ""
    raise AssertionError(f"timed out after {timeout} s waiting for {what}{output}")


def _state(pk: int) -> AnnualAnalysis:
    return AnnualAnalysis.objects.get(pk=pk)


def test_an_embedded_worker_builds_the_analysis_from_the_redis_queue(broker, year_data, users, programme):
    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_postrun, task_prerun
    from django.db import connections

    from analysis.services.annual import analysis_request

    runs = []

    def record(task, **kwargs):
        runs.append((task.name, task.request.is_eager, task.request.delivery_info or {}))

    def close_connections(**kwargs):
        # As Celery's Django fixup does in a real worker: the worker thread's session ends with the job.
        connections.close_all()

    task_prerun.connect(record, weak=False)
    task_postrun.connect(close_connections, weak=False)
    try:
        with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            analysis = analysis_request(programme=programme, year=2024, by=users["alice"])  # sent on commit
            done = _wait_for(
                lambda: _state(analysis.pk).status in ("done", "failed") and _state(analysis.pk),
                timeout=120,
                what="the worker to finish the analysis",
            )
    finally:
        task_prerun.disconnect(record)
        task_postrun.disconnect(close_connections)
    [(name, eager, delivery)] = runs
    assert name == "analysis.generate_annual_analysis"
    assert not eager and delivery.get("routing_key") == "celery", "the job came through the Redis queue"
    assert done.status == "done", done.error
    assert done.task_id  # the id Celery gave the job, kept on the analysis
    assert done.attempts == 1 and done.page_count >= 20
    assert Path(done.pdf.path).read_bytes().startswith(b"%PDF-")


# ---------------------------------------------------------------------------
# Workers that die


def _postgresql_or_skip() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "a separate worker process cannot open SQLite's in-memory test database; CI runs this on PostgreSQL"
        )


def _worker_env(broker_url: str, media: Path) -> dict[str, str]:
    db = connection.settings_dict
    env = dict(os.environ)
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    env.update(
        DATABASE_URL=f"postgresql://{db['USER']}:{db['PASSWORD']}@{host}:{port}/{db['NAME']}",
        CELERY_BROKER_URL=broker_url,
        CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY_TIMEOUT),
        PDF_TASK_TIME_LIMIT=str(TIME_LIMIT),
        MEDIA_ROOT=str(media),
        DEBUG="false",
        SECRET_KEY=env.get("SECRET_KEY") or "test-only-secret-key",
        ALLOWED_HOSTS="localhost",
    )
    return env


class Worker:
    """``celery worker`` in a process group of its own, so it can be killed whole."""

    def __init__(self, broker_url: str, media: Path, log: Path):
        self.log = log
        with open(log, "ab") as out:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "portal",
                    "worker",
                    "--pool",
                    "prefork",
                    "--concurrency",
                    "1",
                    "--prefetch-multiplier",
                    "1",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    "--loglevel",
                    "INFO",
                ],
                cwd=ROOT,
                env=_worker_env(broker_url, media),
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def children(self) -> list[int]:
        """The pool processes that run the jobs."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                found.append(int(stat.parent.name))
        return found

    def kill_all(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.kill_all()

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]


@pytest.fixture
def workers(broker, year_data, tmp_path):
    started: list[Worker] = []

    def start() -> Worker:
        worker = Worker(broker, year_data, tmp_path / f"worker-{len(started) + 1}.log")
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()
    _wait_for_other_sessions_to_end()


def _wait_for_other_sessions_to_end() -> None:
    """A killed worker's database session ends a moment after the process; the test database is dropped later."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for _ in range(100):
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.1)


def _running(pk: int) -> bool:
    return _state(pk).status == "running"


def test_a_job_whose_pool_process_is_killed_is_put_back_and_completes(workers):
    _postgresql_or_skip()
    worker = workers()
    analysis = AnnualAnalysisFactory(year=2024)
    generate_annual_analysis.delay(analysis.pk)
    _wait_for(lambda: _running(analysis.pk), timeout=60, what="the job to start", log=worker)
    children = _wait_for(worker.children, timeout=10, what="the worker's pool process")
    for pid in children:
        os.kill(pid, signal.SIGKILL)
    killed = _state(analysis.pk)
    assert killed.status == "running" and not killed.pdf, "the job was still running when it was killed"
    done = _wait_for(
        lambda: _state(analysis.pk).status in ("done", "failed") and _state(analysis.pk),
        timeout=120,
        what="the job to be run again and finish",
        log=worker,
    )
    assert done.status == "done", done.error
    assert done.attempts == 2
    assert Path(done.pdf.path).read_bytes().rstrip().endswith(b"%%EOF")


def test_a_job_of_a_worker_killed_whole_is_picked_up_by_the_next_worker_and_completes(workers):
    _postgresql_or_skip()
    first = workers()
    analysis = AnnualAnalysisFactory(year=2024)
    generate_annual_analysis.delay(analysis.pk)
    _wait_for(lambda: _running(analysis.pk), timeout=60, what="the job to start", log=first)
    sent = time.monotonic()
    first.kill_all()  # kill -9 of the worker and its pool: nobody acknowledges the job
    killed = _state(analysis.pk)
    assert killed.status == "running" and not killed.pdf
    # Redis hands out an unacknowledged job again once the visibility timeout has passed.
    time.sleep(max(0.0, VISIBILITY_TIMEOUT + 1 - (time.monotonic() - sent)))
    second = workers()
    done = _wait_for(
        lambda: _state(analysis.pk).status in ("done", "failed") and _state(analysis.pk),
        timeout=120,
        what="the next worker to finish the job",
        log=second,
    )
    assert done.status == "done", done.error
    assert done.attempts == 2
    assert Path(done.pdf.path).read_bytes().startswith(b"%PDF-")
