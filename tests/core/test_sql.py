"""``select_with`` runs fixed SQL over querysets given as named CTEs, with every value as a parameter."""

import pytest
from django.contrib.auth.models import Group

from core.sql import select_with

pytestmark = pytest.mark.django_db


def test_querysets_and_fixed_text_become_named_ctes_with_their_parameters_in_order():
    for name in ("Aap", "Noot", "Mies", "Wim"):
        Group.objects.get_or_create(name=name)

    rows = select_with(
        [
            # A queryset with a parameter of its own, and a default ordering that is dropped.
            ("picked (name)", Group.objects.filter(name__in=["Aap", "Mies", "Wim"]).values_list("name")),
            ("longer (name)", ("SELECT name FROM picked WHERE LENGTH(name) > %s", (3,))),
        ],
        "SELECT name FROM longer WHERE name <> %s ORDER BY name",
        ("Wim",),
    )

    assert rows == [("Mies",)]


def test_a_value_cannot_become_sql():
    Group.objects.get_or_create(name="x' OR '1'='1")

    rows = select_with(
        [("picked (name)", Group.objects.filter(name="x' OR '1'='1").values_list("name"))],
        "SELECT COUNT(*) FROM picked",
    )

    assert rows == [(1,)]
