"""The annual analysis: versions, the frozen data, the PDF it renders, failures and retries."""

import datetime
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.utils import timezone

from agenda.models import Kpi
from analysis import annual, kpis
from analysis.models import AnnualAnalysis
from analysis.services import annual as services
from analysis.services import rendering
from analysis.snapshots import canonical_json, freeze
from analysis.tasks import generate_annual_analysis
from tests.analysis.pdf_text import pages, pdf_text
from tests.factories import (
    AnnualAnalysisFactory,
    EvaluationFactory,
    GrantFactory,
    InterventionFactory,
    LearningCommunityMembershipFactory,
    PartnershipFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 1)
STATUS_WORDS = ("Behaald", "Op koers", "Risico", "Achter", "Geen gegevens")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def some_data(programme):
    """A small programme year: developed and evaluated interventions, a grant, a learning-community member."""
    developed = InterventionFactory.create_batch(3, stage="developed", developed_on=datetime.date(2024, 5, 1))
    EvaluationFactory(intervention=developed[0], completed_on=datetime.date(2024, 10, 1))
    GrantFactory(awarded_on=datetime.date(2023, 6, 1))
    LearningCommunityMembershipFactory(joined_on=datetime.date(2023, 9, 1))
    PartnershipFactory(started_on=datetime.date(2024, 2, 1))
    return developed


def build(analysis: AnnualAnalysis, today=TODAY) -> AnnualAnalysis:
    services.analysis_build(analysis_id=analysis.pk, today=today)
    analysis.refresh_from_db()
    return analysis


# ---------------------------------------------------------------------------
# Asking for a version


def test_asking_again_for_a_year_makes_a_new_version_and_keeps_the_older_ones(
    programme, users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        first = services.analysis_request(programme=programme, year=2024, by=users["alice"])
        second = services.analysis_request(programme=programme, year=2024, by=users["alice"], language="en")
    assert (first.version, second.version) == (1, 2)
    assert (first.status, second.status) == ("queued", "queued")
    assert second.language == "en" and second.requested_by == users["alice"]
    assert len(callbacks) == 2  # each version's task is sent once the transaction commits
    assert AnnualAnalysis.objects.filter(year=2024).count() == 2


def test_a_year_outside_the_programme_is_refused_in_plain_dutch(programme, users):
    with pytest.raises(ValidationError) as refused:
        services.analysis_request(programme=programme, year=2031, by=users["alice"])
    assert "valt buiten het programma" in refused.value.messages[0]
    assert not AnnualAnalysis.objects.exists()


def test_a_year_that_has_not_begun_is_refused(programme):
    problem = annual.year_problem(programme=programme, year=2025, today=datetime.date(2024, 12, 31))
    assert "nog niet begonnen" in problem


# ---------------------------------------------------------------------------
# Building


def test_building_freezes_the_data_with_its_hash_and_stores_the_whole_pdf(some_data, media):
    analysis = build(AnnualAnalysisFactory(year=2024))
    assert analysis.status == AnnualAnalysis.Status.DONE
    assert analysis.progress == 100 and analysis.attempts == 1 and analysis.error == ""
    assert analysis.data_hash == freeze(analysis.snapshot)[1]
    assert analysis.snapshot["as_of"] == "2024-12-31"
    path = Path(analysis.pdf.path)
    assert path.read_bytes().startswith(b"%PDF-") and path.read_bytes().rstrip().endswith(b"%%EOF")
    assert analysis.page_count == len(pages(pdf_text(path))) - 1  # pdftotext ends with a form feed
    assert analysis.duration_seconds is not None and analysis.duration_seconds > 0
    assert not list(media.rglob("*.part")), "no partial file is left behind"


def test_work_already_done_is_not_redone(some_data, monkeypatch):
    analysis = build(AnnualAnalysisFactory(year=2024))
    rendered = []
    monkeypatch.setattr("analysis.pdf.render_pdf", lambda *a, **k: rendered.append(1))
    assert services.analysis_build(analysis_id=analysis.pk) is None
    generate_annual_analysis.apply(args=(analysis.pk,))
    assert rendered == []
    analysis.refresh_from_db()
    assert analysis.attempts == 1


def test_an_attempt_after_a_lost_worker_renders_the_data_frozen_by_the_first_attempt(some_data):
    analysis = AnnualAnalysisFactory(year=2024)
    # A first attempt froze the data, then its worker died before the PDF was stored.
    data = annual.analysis_data(programme=analysis.programme, year=2024, version=analysis.version, today=TODAY)
    frozen, data_hash = freeze(data)
    AnnualAnalysis.objects.filter(pk=analysis.pk).update(
        snapshot=frozen, data_hash=data_hash, status="running", attempts=1, started_at=timezone.now()
    )
    InterventionFactory.create_batch(4, stage="developed", developed_on=datetime.date(2024, 6, 1))
    analysis = build(analysis)
    assert analysis.status == "done" and analysis.attempts == 2
    assert analysis.data_hash == data_hash
    assert analysis.snapshot == frozen
    k05 = next(k for k in analysis.snapshot["kpis"] if k["code"] == "K05")
    assert k05["value"] == "3"  # the three of the first attempt, not the seven there are now


def test_the_same_frozen_data_always_renders_to_the_same_text(some_data):
    analysis = build(AnnualAnalysisFactory(year=2024))
    first = services.render_document(analysis.snapshot, data_hash=analysis.data_hash, language="nl")
    second = services.render_document(analysis.snapshot, data_hash=analysis.data_hash, language="nl")
    one = services.render_pdf_bytes(first, snapshot=analysis.snapshot, language="nl")
    two = services.render_pdf_bytes(second, snapshot=analysis.snapshot, language="nl")
    assert pdf_text(one.content) == pdf_text(two.content)
    assert pdf_text(one.content) == pdf_text(Path(analysis.pdf.path))
    assert one.content == two.content  # byte for byte: no clock, no random id in the file


def test_later_data_changes_leave_a_finished_version_as_it_was(some_data):
    analysis = build(AnnualAnalysisFactory(year=2024))
    before = canonical_json(analysis.snapshot)
    InterventionFactory.create_batch(5, stage="developed", developed_on=datetime.date(2024, 7, 1))
    analysis.refresh_from_db()
    assert canonical_json(analysis.snapshot) == before
    assert freeze(analysis.snapshot)[1] == analysis.data_hash


def test_the_report_over_the_second_half_year_counts_when_it_arrives_after_the_year(some_data, programme):
    from tests.factories import ReportFactory, ReportingPeriodFactory, ReportItemFactory

    ReportingPeriodFactory(year=2024, half=1)
    period = ReportingPeriodFactory(year=2024, half=2)
    submitted = timezone.make_aware(datetime.datetime(2025, 1, 20, 10))
    report = ReportFactory(period=period, status="submitted", submitted_at=submitted)
    ReportItemFactory(report=report, intervention=some_data[0], participants_total=77)
    data = annual.analysis_data(programme=programme, year=2024, version=1, today=TODAY)
    assert data["as_of"] == datetime.date(2024, 12, 31)
    assert data["year"]["reach"]["participants"] == 77
    rotterdam = next(row for row in data["year"]["reporting"] if row["cbs_code"] == "GM0599")
    assert rotterdam["reports"]["2"] == "on_time"  # submitted before the deadline of 28 February 2025
    assert rotterdam["reports"]["1"] == "missing"  # the first half-year's deadline passed without a report


# ---------------------------------------------------------------------------
# What the PDF says


def _kpi_row(text: str, code: str) -> str:
    """The row of a KPI in its chapter's table: the line starting with its code."""
    for line in text.splitlines():
        if re.match(rf"\s*{code}\s", line) and any(label in line for label in STATUS_WORDS):
            return line
    raise AssertionError(f"no table row for {code}")


def test_every_kpi_figure_in_the_pdf_equals_what_kpis_py_computes_for_the_year(demo, programme, settings):
    analysis = build(AnnualAnalysisFactory(year=2024), today=datetime.date(2025, 3, 1))
    text = pdf_text(Path(analysis.pdf.path))
    assert analysis.page_count >= 20
    results = kpis.evaluate_all(kpis.programme_kpis(programme), datetime.date(2024, 12, 31))
    for result in results:
        row = _kpi_row(text, result.kpi.code)
        numbers = re.findall(r"(?<![\w.])\d[\d.]*(?![\w])", row.split(result.kpi.code, 1)[1])
        shown = str(result.status_label)
        assert shown in row, (result.kpi.code, shown, row)
        if result.value is None:
            assert "geen gegevens" in row
        else:
            value = f"{int(result.value):,}".replace(",", ".")
            assert value in numbers, (result.kpi.code, value, row)
    summary = pages(text)[2]
    achieved = sum(1 for r in results if r.status == kpis.Status.ACHIEVED)
    assert f"zijn er {achieved} behaald" in " ".join(summary.split())


def test_the_pdf_has_a_cover_a_contents_page_with_page_numbers_and_numbered_pages(some_data):
    analysis = build(AnnualAnalysisFactory(year=2024))
    text = pdf_text(Path(analysis.pdf.path))
    sheets = pages(text)
    assert "Landelijke veerkracht- en" in sheets[0] and "2024" in sheets[0]
    assert "Inhoud" in sheets[1]
    contents = {
        m.group(1).strip(): int(m.group(2)) for m in re.finditer(r"^\s*(\S.*?)\s*\.{3,}\s*(\d+)\s*$", sheets[1], re.M)
    }
    assert contents["Samenvatting"] == 3
    assert "Samenvatting" in sheets[contents["Samenvatting"] - 1]
    appendix = contents["Bijlage: de cijfers achter de figuren"]
    assert "Bijlage: de cijfers achter de figuren" in sheets[appendix - 1]
    total = analysis.page_count
    assert f"{total} / {total}" in sheets[total - 1]


def test_every_chart_has_its_numbers_in_a_table_in_the_appendix(some_data):
    analysis = build(AnnualAnalysisFactory(year=2024))
    text = " ".join(pdf_text(Path(analysis.pdf.path), layout=False).split())
    figures = sorted({int(n) for n in re.findall(r"Figuur (\d+)\.", text)})
    assert figures == list(range(1, len(figures) + 1)) and len(figures) >= 10
    for number in figures:
        assert f"Tabel B{number}." in text


def test_a_kpi_without_a_known_measure_shows_as_a_marked_gap_not_a_crash(some_data):
    Kpi.objects.filter(code="K07").update(measure="no_such_measure")
    analysis = build(AnnualAnalysisFactory(year=2024))
    assert analysis.status == "done"
    assert [gap["section"] for gap in analysis.gaps] == ["K07"]
    text = " ".join(pdf_text(Path(analysis.pdf.path), layout=False).split())
    assert "Gegevens ontbreken: K07" in text
    assert "Onbekende meetwijze 'no_such_measure'" in text
    assert "Deze analyse heeft 1 gemarkeerd gat" in text


def test_a_damaged_part_of_the_frozen_data_becomes_a_marked_gap(some_data):
    analysis = build(AnnualAnalysisFactory(year=2024))
    damaged = {**analysis.snapshot, "collaboration": {}}
    document = services.render_document(damaged, data_hash="0" * 64, language="nl")
    # The comparison with the year before needs the same part, so it is marked too.
    assert [gap["section"] for gap in document.gaps] == ["Wat is er veranderd", "Samenwerking", "Samenwerking"]
    assert "Gegevens ontbreken" in document.html


def test_an_analysis_asked_for_in_english_is_in_english(some_data):
    analysis = build(AnnualAnalysisFactory(year=2024, language="en"))
    text = " ".join(pdf_text(Path(analysis.pdf.path), layout=False).split())
    assert "National resilience analysis 2024" in text
    assert "Summary" in text and "Samenvatting" not in text


# ---------------------------------------------------------------------------
# Failures


def test_a_transient_error_is_retried_and_then_marks_the_analysis_failed_with_a_message(some_data, monkeypatch):
    calls = []

    def database_away(*args, **kwargs):
        calls.append(1)
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("analysis.pdf.render_pdf", database_away)
    analysis = AnnualAnalysisFactory(year=2024)
    generate_annual_analysis.apply(args=(analysis.pk,))
    analysis.refresh_from_db()
    assert len(calls) == 4  # the first try and three retries
    assert analysis.status == "failed" and analysis.attempts == 4
    assert "4 keer mislukt door een storing (OperationalError)" in analysis.error
    assert not analysis.pdf


def test_an_error_in_the_code_fails_at_once_with_the_reason(some_data, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("the layout engine refused the document")

    monkeypatch.setattr("analysis.pdf.render_pdf", broken)
    analysis = AnnualAnalysisFactory(year=2024)
    generate_annual_analysis.apply(args=(analysis.pk,))
    analysis.refresh_from_db()
    assert analysis.status == "failed" and analysis.attempts == 1
    assert analysis.error == "Het maken van de PDF is mislukt: ValueError: the layout engine refused the document"


def test_a_half_written_pdf_is_never_stored(some_data, media, monkeypatch):
    def disk_full(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("analysis.services.rendering.os.replace", disk_full)
    analysis = AnnualAnalysisFactory(year=2024)
    generate_annual_analysis.apply(args=(analysis.pk,))
    analysis.refresh_from_db()
    assert analysis.status == "failed" and not analysis.pdf
    assert not [p for p in media.rglob("*") if p.is_file()], "neither the partial nor a final file is left"


def test_a_job_whose_worker_keeps_dying_is_given_up_with_a_message(some_data):
    analysis = AnnualAnalysisFactory(year=2024, status="running", attempts=rendering.MAX_ATTEMPTS)
    assert services.analysis_build(analysis_id=analysis.pk) is None
    analysis.refresh_from_db()
    assert analysis.status == "failed"
    assert f"{rendering.MAX_ATTEMPTS} keer afgebroken" in analysis.error


def test_try_again_puts_a_failed_version_back_in_the_queue_and_it_completes(some_data, users, monkeypatch):
    monkeypatch.setattr("analysis.pdf.render_pdf", lambda *a, **k: (_ for _ in ()).throw(ValueError("boom")))
    analysis = AnnualAnalysisFactory(year=2024)
    generate_annual_analysis.apply(args=(analysis.pk,))
    analysis.refresh_from_db()
    assert analysis.status == "failed"
    monkeypatch.undo()
    with pytest.raises(ValidationError):
        services.analysis_retry(analysis=build(AnnualAnalysisFactory(year=2024)), by=users["alice"])
    job = services.analysis_retry(analysis=analysis, by=users["alice"])
    assert (job.status, job.attempts, job.error) == ("queued", 0, "")
    generate_annual_analysis.apply(args=(analysis.pk,))
    analysis.refresh_from_db()
    assert analysis.status == "done" and analysis.pdf


def test_a_running_job_past_the_time_limit_counts_as_stalled_and_may_be_retried(some_data):
    analysis = AnnualAnalysisFactory(year=2024, status="running", attempts=1)
    analysis.started_at = timezone.now() - rendering.STALLED_AFTER - datetime.timedelta(seconds=1)
    assert rendering.is_stalled(analysis) and rendering.can_retry(analysis)
    analysis.started_at = timezone.now()
    assert not rendering.is_stalled(analysis) and not rendering.can_retry(analysis)


# ---------------------------------------------------------------------------
# Publishing


def test_only_a_finished_version_can_be_published_and_only_once(some_data, users):
    queued = AnnualAnalysisFactory(year=2024)
    with pytest.raises(ValidationError) as refused:
        services.analysis_publish(analysis=queued, by=users["alice"])
    assert "waarvan de PDF klaar is" in refused.value.messages[0]
    done = build(AnnualAnalysisFactory(year=2024))
    published = services.analysis_publish(analysis=done, by=users["alice"])
    assert published.published_by == users["alice"] and published.published_at is not None
    with pytest.raises(ValidationError) as again:
        services.analysis_publish(analysis=published, by=users["alice"])
    assert "al gepubliceerd" in again.value.messages[0]


def test_a_published_analysis_counts_for_kpi_k11_in_the_year_it_was_published(some_data, users):
    done = build(AnnualAnalysisFactory(year=2024))
    services.analysis_publish(analysis=done, by=users["alice"])
    k11 = Kpi.objects.get(code="K11")
    assert kpis.evaluate(k11, timezone.localdate()).value == 1


def test_the_demo_publishes_the_analysis_of_2024_as_of_march_2025(some_data, users, programme):
    from analysis.demo import publish_annual_analysis

    analysis = publish_annual_analysis(programme=programme, users={"staf": users["alice"]})
    assert (analysis.year, analysis.status, analysis.snapshot["as_of"]) == (2024, "done", "2024-12-31")
    assert timezone.localdate(analysis.published_at) == datetime.date(2025, 3, 14)
    assert analysis.snapshot["analysis"]["reports_counted_on"] == "2025-03-01"


def test_the_matrix_is_shaded_by_each_cells_share_of_the_largest():
    from analysis.templatetags.pdf_tags import heat, largest_count

    matrix = [("PF01", [0, 40, 9], 49), ("PF02", [10, 20, 30], 60)]
    assert largest_count(matrix) == 40
    assert [heat(n, 40) for n in (0, 9, 10, 20, 30, 40)] == ["heat-0", "heat-1", "heat-2", "heat-3", "heat-4", "heat-4"]
    assert heat(3, 4) == "heat-4" and heat(1, 4) == "heat-2"


def test_a_grants_cumulative_spending_counts_handed_in_reports_from_its_first_year_up_to_the_year(programme):
    from decimal import Decimal

    from interventions.models import Report
    from tests.factories import ReportFactory, ReportingPeriodFactory, ReportItemFactory

    GrantFactory(first_year=2024, last_year=2026)
    intervention = InterventionFactory()
    spent = [
        (2023, 1, Report.Status.ACCEPTED, "1000"),  # before the grant
        (2024, 1, Report.Status.ACCEPTED, "2000"),
        (2024, 2, Report.Status.SUBMITTED, "3000"),
        (2025, 1, Report.Status.DRAFT, "5000"),  # not handed in
        (2025, 2, Report.Status.ACCEPTED, "700"),
        (2026, 1, Report.Status.ACCEPTED, "10000"),  # after the year
    ]
    for year, half, status, amount in spent:
        handed_in = None if status == Report.Status.DRAFT else timezone.now()
        report = ReportFactory(
            period=ReportingPeriodFactory(year=year, half=half), status=status, submitted_at=handed_in
        )
        ReportItemFactory(report=report, intervention=intervention, spending=Decimal(amount))
    (row,) = annual._reporting(2025, datetime.date(2026, 3, 1))
    assert (row["spending"], row["spending_cumulative"]) == (Decimal("700"), Decimal("5700"))
