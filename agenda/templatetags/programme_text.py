"""Show a text of the programme in the reader's language: ``{{ factor|in_language:"description" }}``."""

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def in_language(obj, field: str) -> str:
    """The English version of ``field`` when the page is in English and it has one, else the Dutch."""
    if (get_language() or "nl").startswith("en"):
        english = getattr(obj, f"{field}_en", "")
        if english:
            return english
    return getattr(obj, field, "")
