"""The portal's OpenAPI document in tests, as /api/schema/ and `manage.py spectacular` publish it."""

import json

from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer


def published_schema() -> dict:
    """The OpenAPI document, built in-process (no request, so no sign-in is needed to read it)."""
    return json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))
