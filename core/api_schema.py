"""The OpenAPI schema of the portal's API: every operation lists the errors it can answer with, not only success.

drf-spectacular documents the success response of an operation; the refusals DRF gives on its own (401 without
credentials, 403 for a role without access, 404 for an object out of reach or a page past the end, 400 for a bad
filter or body, 415 for a body in a media type it does not read) are added here, each with the body it has, so
a client generated from the schema can read them.
"""

from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers

# Query parameters of the page-number pagination: a page past the end is a 404, a bad page size falls back.
PAGINATION_PARAMETERS = {"page", "page_size"}

BAD_REQUEST_BODY = {
    "type": "object",
    "description": "The messages per parameter or field (each a list of strings, or per item an object of "
    "them); a body that cannot be read at all has a single `detail`.",
    "additionalProperties": {},
}


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="Why the request was refused, in the language of the request.")


class PortalAutoSchema(AutoSchema):
    """drf-spectacular's schema with the error responses of each operation."""

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        responses = operation["responses"]
        for code, description, body in self._errors(operation):
            response = responses.setdefault(code, {"description": description})
            response.setdefault("content", {"application/json": {"schema": body}})
        return operation

    def _errors(self, operation: dict) -> list[tuple[str, str, dict]]:
        error = self.resolve_serializer(ErrorSerializer, "response").ref
        query = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
        security = operation.get("security", [])
        errors = []
        if (query - PAGINATION_PARAMETERS) or "requestBody" in operation:
            errors.append(("400", "A parameter or the body is not valid.", BAD_REQUEST_BODY))
        if security and {} not in security:
            errors.append(("401", "No credentials, or credentials that are not valid.", error))
            errors.append(("403", "Your role may not do this (or a signed-in write lacks its CSRF token).", error))
        if any(p["in"] == "path" for p in operation.get("parameters", [])) or query & PAGINATION_PARAMETERS:
            errors.append(("404", "No such object within your reach, or no such page.", error))
        if "requestBody" in operation:
            errors.append(("415", "The body is not in a media type the API reads (JSON, a form or multipart).", error))
        return errors
