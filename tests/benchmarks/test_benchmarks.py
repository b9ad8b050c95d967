"""The benchmark's data generator and database choice, at a small scale (the timings themselves are not tested)."""

import datetime

import pytest

from benchmarks import generate
from benchmarks.database import BenchmarkDatabaseError, benchmark_url
from benchmarks.measure import Result, cases, percentile
from interventions.models import Intervention, Report, ReportItem
from municipalities.models import Municipality


def test_the_benchmark_refuses_sqlite_and_never_uses_the_database_it_is_given():
    with pytest.raises(BenchmarkDatabaseError, match="PostgreSQL only"):
        benchmark_url("sqlite:///db.sqlite3")
    with pytest.raises(BenchmarkDatabaseError, match="PostgreSQL only"):
        benchmark_url("")
    assert benchmark_url("postgresql://u:p@db:5432/veerkracht") == "postgresql://u:p@db:5432/veerkracht_bench"
    assert benchmark_url("postgresql://u:p@db:5432/veerkracht_bench") == "postgresql://u:p@db:5432/veerkracht_bench"
    with pytest.raises(BenchmarkDatabaseError, match="must end in '_bench'"):
        benchmark_url("postgresql://u:p@db:5432/veerkracht", name="veerkracht")


@pytest.mark.django_db
def test_the_generator_is_deterministic_and_idempotent():
    first = generate.ensure_national_data(scale=0.01)
    assert first["interventies"] == Intervention.objects.count() == 30
    assert first["gemeenten"] == Municipality.objects.count() == 342
    assert Report.objects.count() == 5 * 20  # five municipalities, ten years of half-years
    assert ReportItem.objects.count() == 100 * 15
    names = list(Intervention.objects.order_by("name").values_list("name", "stage", "developed_on")[:5])
    assert generate.ensure_national_data(scale=0.01) == first  # a second call adds nothing
    assert list(Intervention.objects.order_by("name").values_list("name", "stage", "developed_on")[:5]) == names
    with pytest.raises(generate.OtherDataError, match="schaal 0.02"):
        generate.ensure_national_data(scale=0.02)


@pytest.mark.django_db
def test_the_generator_refuses_a_database_with_other_data():
    from tests.factories import InterventionFactory

    InterventionFactory()
    with pytest.raises(generate.OtherDataError, match="not benchmark data"):
        generate.ensure_national_data(scale=0.01)


def test_each_target_is_judged_on_its_own_figures():
    assert percentile([5, 1, 4, 2, 3], 0.95) == 5
    assert percentile(list(range(1, 101)), 0.95) == 95
    assert Result("a", "/", 200, 30, 50.0, 140.0, 15, 150, 20).passed is True
    assert Result("a", "/", 200, 30, 50.0, 160.0, 15, 150, 20).passed is False
    assert Result("a", "/", 200, 30, 50.0, 140.0, 21, 150, 20).passed is False
    assert Result("a", "/", 500, 30, 5.0, 5.0, 1, 150, 20).passed is False
    assert Result("a", "/", 200, 30, 500.0, 900.0, 50, None, None).passed is None
    labels = [case.label for case in cases(today=datetime.date(2026, 1, 1))]
    assert len(labels) == len(set(labels))
    assert {"KPI page", "Catalogue", "API reports", "API KPIs", "API register: interventions"} <= set(labels)


def test_the_annual_analysis_is_judged_on_its_time_per_page_and_memory():
    from benchmarks.annual import AnalysisFigures

    def figures(seconds, pages, peak, status="done"):
        return AnalysisFigures(2025, pages, seconds, {}, peak, 4.0, status)

    assert figures(11.0, 59, 300).passed is True
    assert figures(16.0, 100, 300).passed is False  # over 15 s for the whole PDF
    assert figures(12.0, 50, 300).passed is False  # 0.24 s per page
    assert figures(10.0, 60, 700).passed is False  # over 600 MB
    assert figures(1.0, 60, 100, status="failed").passed is False
    assert round(figures(11.8, 59, 300).pages_per_second, 1) == 5.0
