"""Frozen snapshots hash their content; charts carry a title, a description and their numbers."""

import datetime
from decimal import Decimal

import pytest

from analysis.display import charts
from analysis.snapshots import freeze, programme_snapshot
from tests.factories import InterventionFactory


def test_freezing_the_same_data_gives_the_same_hash():
    data = {"b": Decimal("1.50"), "a": datetime.date(2024, 6, 30), "c": [1, None]}
    frozen, digest = freeze(data)
    assert frozen == {"a": "2024-06-30", "b": "1.50", "c": [1, None]}
    assert freeze({"c": [1, None], "a": datetime.date(2024, 6, 30), "b": Decimal("1.50")})[1] == digest
    assert freeze({**data, "b": Decimal("1.51")})[1] != digest


@pytest.mark.django_db
def test_a_programme_snapshot_changes_hash_when_the_data_changes(programme):
    day = datetime.date(2025, 6, 30)
    _, before = freeze(programme_snapshot(programme=programme, as_of=day))
    assert freeze(programme_snapshot(programme=programme, as_of=day))[1] == before
    InterventionFactory(stage="developed", developed_on=datetime.date(2024, 1, 1))
    data, after = freeze(programme_snapshot(programme=programme, as_of=day))
    assert after != before
    assert next(k for k in data["kpis"] if k["code"] == "K05")["value"] == "1"


def test_a_chart_is_an_accessible_svg_with_its_numbers():
    chart = charts.horizontal_bars(
        title="KPI's", description="Werkelijk tegen streefwaarde", labels=["A", "B"], values=[3, None], targets=[5, 1]
    )
    assert 'role="img"' in chart.svg
    assert "<title" in chart.svg and "<desc" in chart.svg
    assert chart.table.rows == [["A", "3", "5"], ["B", "-", "1"]]
    assert chart.data_uri.startswith("data:image/svg+xml;base64,")


def test_two_charts_on_a_page_have_different_ids():
    first = charts.line_chart(title="A", description="a", x_labels=["1", "2"], series=[("x", [1, 2])])
    second = charts.line_chart(title="B", description="b", x_labels=["1", "2"], series=[("x", [1, 2])])
    assert first.svg.split('id="')[1][:10] != second.svg.split('id="')[1][:10]


def test_the_map_shades_all_342_municipalities():
    chart = charts.choropleth(
        title="Kaart", description="Uitkeringen", values={"GM0599": "grant"}, classes=[("grant", "Met uitkering")]
    )
    assert chart.svg.count("<path") == 342
    assert chart.table.rows == [["Rotterdam", "GM0599", "Met uitkering"]]
    assert "CBS" in chart.svg  # attribution
