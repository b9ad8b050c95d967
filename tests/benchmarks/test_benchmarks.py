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


def _results(kpi_ms, kpi_queries, map_p95):
    return [
        Result("KPI page", "/kpis/", 200, 30, kpi_ms, kpi_ms * 1.2, kpi_queries, 150, 20),
        Result("API reports", "/api/reports/", 200, 30, 20.0, 25.0, 6, 100, None),
        Result("API reports, with items", "/api/reports/?include=items", 200, 30, kpi_ms, kpi_ms, 7, 100, None),
        Result("Map", "/kaart/", 200, 30, map_p95 - 5, map_p95, 9, 80, None),
    ]


def test_growth_curves_judge_the_ratio_of_medians_and_the_query_counts():
    from benchmarks import scales

    assert scales.parse_scales("10,1, 3") == [1.0, 3.0, 10.0]
    with pytest.raises(ValueError):
        scales.parse_scales("0,1")
    assert scales.database_name("veerkracht_bench", 1) == "veerkracht_bench"
    assert scales.database_name("veerkracht_bench", 3) == "veerkracht_x3_bench"
    assert scales.database_name("veerkracht_bench", 0.5) == "veerkracht_x0-5_bench"

    by_scale = {1.0: _results(40.0, 12, 70.0), 3.0: _results(60.0, 12, 90.0), 10.0: _results(100.0, 13, 120.0)}
    annual = {1.0: 6.0, 3.0: 9.0, 10.0: 16.0}
    lines = dict(scales.growth_targets(by_scale, annual))
    kpi = next(line for line in lines if line.startswith("KPI page"))
    assert "2.50x" in kpi and "12 -> 13" in kpi and lines[kpi] is False  # too slow and one query more
    api = next(line for line in lines if line.startswith("API reports"))
    assert "1.00x" in api and lines[api] is True
    # A page that holds every item of its reports grows with them: shown, not judged.
    assert not any(line.startswith("API reports, with items") for line in lines)
    assert lines["Annual analysis at 10x: 16.0 s (<= 15 s)"] is False
    assert lines["Annual analysis at 3x: 9.0 s (<= 15 s)"] is True
    assert lines["Map at 1x: p95 70.0 ms (<= 80 ms)"] is True
    assert not any(line.startswith("Map at 10x") for line in lines)  # the map's target is at 1x only

    table = scales.growth_table(by_scale, annual)
    header, _rule, kpi_row, *_rest = table.splitlines()
    assert "1x median" in header and "10x/1x" in header
    assert kpi_row.startswith("KPI page") and kpi_row.rstrip().endswith("2.50x")
    assert any(row.startswith("API reports, with items") and row.rstrip().endswith("2.50x") for row in _rest)
    assert "Annual analysis" in table.splitlines()[-1]
