"""Read a page's form as a browser would submit it: the fields, their values, and where it goes."""

import re
from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inside = False
        self.forms: list[tuple[set[str], list[tuple[str, str]]]] = []
        self.fields: list[tuple[str, str]] = []
        self.names: set[str] = set()
        self._textarea: str | None = None
        self._text: list[str] = []
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []
        self._option_value: str | None = None
        self._option_selected = False
        self._option_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.inside = True
            self.fields, self.names = [], set()
            self.forms.append((self.names, self.fields))
            return
        if not self.inside:
            return
        name = attributes.get("name")
        if name and tag in {"input", "textarea", "select"}:
            self.names.add(name)
        if tag == "input" and name:
            kind = attributes.get("type", "text").lower()
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attributes:
                return
            self.fields.append((name, attributes.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
        elif tag == "select" and name:
            self._select, self._options = name, []
        elif tag == "option" and self._select is not None:
            self._option_value = attributes.get("value")
            self._option_selected = "selected" in attributes
            self._option_text = []

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)
        if self._option_value is None and self._select is not None:
            self._option_text.append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            # A browser drops the one newline that may follow the opening tag.
            text = "".join(self._text)
            self.fields.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "option" and self._select is not None:
            value = self._option_value if self._option_value is not None else "".join(self._option_text).strip()
            self._options.append((value, self._option_selected))
            self._option_value = None
        elif tag == "select" and self._select is not None:
            chosen = [value for value, selected in self._options if selected]
            if chosen or self._options:
                self.fields.append((self._select, chosen[0] if chosen else self._options[0][0]))
            self._select = None


def form_fields(html: str, *, having: str) -> dict[str, str]:
    """The fields of the first form that has a field named ``having``, as a browser would send them."""
    reader = _FormReader()
    reader.feed(html)
    reader.close()
    for names, fields in reader.forms:
        if having in names:
            return dict(fields)
    raise ValueError(f"no form with a field named {having!r}")


ERROR_MESSAGE = re.compile(
    r'class="(?:utrecht-form-field__error-message[^"]*|form-errors__list)"[^>]*>(.*?)</(?:p|li|span|div)>',
    re.DOTALL,
)


def first_error(page: str) -> str:
    """The first error message a refused form shows, so the run's log says why a post failed."""
    found = ERROR_MESSAGE.search(page or "")
    if not found:
        return ""
    text = " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())
    return f"({text[:200]})"
