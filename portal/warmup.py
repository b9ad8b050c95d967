"""What a web process loads on its first requests, loaded at start-up instead, so that it can be frozen.

``portal/wsgi.py`` freezes everything loaded at start-up out of the garbage collector's reach
(``gc.freeze``). What the first requests load after that (the views and forms behind every URL,
the compiled templates, the translation catalogues, the models' field caches) lived on in the
oldest generation, and every full collection walked all of it again: some 65,000 objects, a pause
of 35 to 50 ms every fifteen or so requests on a page like the map. Loaded here first, it is
frozen with the rest, and a full collection takes 2 to 3 ms.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.template import TemplateSyntaxError, engines
from django.template.loaders.cached import Loader as CachedLoader
from django.urls import get_resolver
from django.utils import translation


def warm_up() -> dict[str, int]:
    """Load the URL configuration, every template, both languages' catalogues and the models' field caches.

    Returns how many of each were loaded.
    """
    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 - importing every view, its forms and its selectors
    resolver.reverse_dict  # noqa: B018 - the reverse lookup, built once per language
    languages = 0
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Inloggen")  # the catalogue of the language is read on first use
            resolver.reverse_dict  # noqa: B018
        languages += 1
    models = 0
    for model in apps.get_models(include_auto_created=True):
        model._meta.get_fields()
        model._meta.concrete_fields  # noqa: B018
        models += 1
    return {"templates": _load_templates(), "languages": languages, "models": models}


def _load_templates() -> int:
    """Compile every template the engines can find, so the cached loaders hold them all."""
    loaded = 0
    for engine in engines.all():
        django_engine = getattr(engine, "engine", None)
        if django_engine is None:
            continue
        names = set()
        for loader in django_engine.template_loaders:
            for inner in loader.loaders if isinstance(loader, CachedLoader) else [loader]:
                for directory in inner.get_dirs():
                    root = Path(directory)
                    names.update(str(path.relative_to(root)) for path in root.rglob("*.html"))
                    names.update(str(path.relative_to(root)) for path in root.rglob("*.txt"))
        for name in sorted(names):
            try:
                django_engine.get_template(name)
            except TemplateSyntaxError:
                # A package's template for a library the portal does not install (django-filters' crispy form).
                continue
            loaded += 1
    return loaded
