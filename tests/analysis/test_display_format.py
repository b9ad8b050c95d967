"""``fmt`` writes every figure of the pages, dashboards and PDF: it gives what Django's ``number_format`` gives,
with thousands grouped, in Dutch and in English."""

import random
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.formats import number_format

from analysis.display.format import fmt, format_figure


def django_way(value, decimals: int) -> str:
    return number_format(round(float(value), decimals), decimal_pos=decimals, force_grouping=True)


VALUES = [
    0,
    1,
    -1,
    7,
    999,
    1000,
    -1000,
    12345,
    999999,
    1000000,
    -1234567,
    123456789012,
    0.5,
    1.5,
    2.5,
    -0.04,
    1234.5,
    1234.55,
    -98765.4321,
    Decimal("1234567.89"),
    Decimal("0.05"),
    Decimal("-0.5"),
    Decimal("1000000.00"),
]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_fmt_gives_what_number_format_gives(language):
    rng = random.Random(7)
    values = [
        *VALUES,
        *(rng.uniform(-1e7, 1e7) for _ in range(500)),
        *(rng.randint(-(10**9), 10**9) for _ in range(500)),
    ]
    with translation.override(language):
        for decimals in (0, 1, 2):
            for value in values:
                assert fmt(value, decimals) == django_way(value, decimals), (value, decimals)


def test_fmt_uses_the_marks_of_the_language():
    with translation.override("nl"):
        assert fmt(1234567.891, 2) == "1.234.567,89"
        assert format_figure(Decimal("2500000"), "euro") == "€\u00a02.500.000"
    with translation.override("en"):
        assert fmt(1234567.891, 2) == "1,234,567.89"
    assert fmt(None) == "-"
