"""Server-rendered SVG charts, used by the web pages, the dashboards and the annual analysis PDF.

``svg`` holds what every chart shares; ``bars``, ``lines`` and ``map`` the kinds of chart.
"""

from analysis.display.charts.bars import horizontal_bars, stacked_bars
from analysis.display.charts.lines import line_chart, sparkline
from analysis.display.charts.map import MAP_ATTRIBUTION, MapClass, choropleth, nice_breaks
from analysis.display.charts.svg import NO_VALUE, PALETTE, SEQUENTIAL, STATUS_COLOURS, Chart, Table
from analysis.display.format import fmt

__all__ = [
    "MAP_ATTRIBUTION",
    "NO_VALUE",
    "PALETTE",
    "SEQUENTIAL",
    "STATUS_COLOURS",
    "Chart",
    "MapClass",
    "Table",
    "choropleth",
    "fmt",
    "horizontal_bars",
    "line_chart",
    "nice_breaks",
    "sparkline",
    "stacked_bars",
]
