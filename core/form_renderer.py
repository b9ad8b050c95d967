"""The form renderer of every form: Django's, with the plain widgets written in Python.

A report's edit page holds some 20 controls per intervention; rendered one by one through
Django's widget templates (each an input, a textarea or a select with its options, every one
including ``attrs.html``) they were most of the page's time, and the page is the one municipality
users open most. The widgets below give the same HTML as those templates, character for
character (``tests/core/test_form_renderer.py`` holds each to its template); every other
template (checkboxes, radio lists, file inputs, form layouts) goes through Django as before.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

WIDGETS = "django/forms/widgets/"
# The widget templates that are nothing but an include of input.html.
INPUTS = frozenset(
    f"{WIDGETS}{kind}.html"
    for kind in ("text", "number", "email", "url", "password", "hidden", "date", "datetime", "time", "search", "tel")
)
TEXTAREA = f"{WIDGETS}textarea.html"
SELECT = f"{WIDGETS}select.html"


def _attrs(attrs: dict) -> str:
    """``attrs.html``: ' name="value"' for each attribute, ' name' for True, nothing for False."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _value(value) -> str:
    # ``{{ value|stringformat:'s' }}``: safe text stays as it is, anything else is made text and escaped.
    return conditional_escape(value if isinstance(value, SafeString) else f"{value}")


def render_input(widget: dict) -> str:
    kind, name = conditional_escape(widget["type"]), conditional_escape(widget["name"])
    value = "" if widget["value"] is None else f' value="{_value(widget["value"])}"'
    return f'<input type="{kind}" name="{name}"{value}{_attrs(widget["attrs"])}>'


def render_textarea(widget: dict) -> str:
    text = conditional_escape(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n{text}</textarea>'


def render_select(widget: dict) -> str | None:
    """``select.html`` with its options; None for a select with option groups or option templates of its own."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            return None
        for option in options:
            if option["template_name"] != f"{WIDGETS}select_option.html":
                return None
            parts.append(
                f'\n  <option value="{_value(option["value"])}"{_attrs(option["attrs"])}>'
                f"{conditional_escape(option['label'])}</option>\n"  # the option template's own last line break
            )
    parts.append("\n</select>")
    return "".join(parts)


class FastWidgets(DjangoTemplates):
    """Django's template renderer, with inputs, textareas and plain selects written directly."""

    def render(self, template_name, context, request=None):
        html = None
        if template_name in INPUTS:
            html = render_input(context["widget"])
        elif template_name == TEXTAREA:
            html = render_textarea(context["widget"])
        elif template_name == SELECT:
            html = render_select(context["widget"])
        if html is None:
            return super().render(template_name, context, request)
        return mark_safe(html)  # noqa: S308 - every value above is escaped
