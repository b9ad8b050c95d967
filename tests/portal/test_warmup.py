"""A web process loads at start-up what its first requests would (portal/warmup.py), so that it is frozen out of
the garbage collector's reach with the rest: every template, both languages, every view and model."""

from django.template import engines
from django.urls import get_resolver
from django.utils import translation

from portal.warmup import warm_up


def test_it_loads_every_template_both_languages_and_every_model():
    loaded = warm_up()

    assert loaded["languages"] == 2
    assert loaded["models"] > 100
    assert loaded["templates"] > 250
    # The cached loader now holds the templates, the resolver its patterns and the catalogues are read.
    cached = engines["django"].engine.template_loaders[0]
    assert {"base.html", "analysis/map/map.html", "interventions/reports/edit.html"} <= set(cached.get_template_cache)
    assert get_resolver()._populated
    with translation.override("en"):
        assert translation.gettext("Inloggen") == "Log in"


def test_it_can_run_again():
    assert warm_up() == warm_up()
