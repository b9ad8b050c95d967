"""The programme's own words in the annual analysis: which texts a version has, and Markdown made safe.

Staff write an introduction, a conclusion per chapter, policy recommendations and an
answer to each piece of board advice, in Markdown. ``to_html`` turns Markdown into
HTML that nh3 has cleaned to a short list of tags, so nothing a writer types can add
a script, a style or a link to another protocol to the PDF or the web page.

``frozen_texts`` is what goes into the snapshot (and so into its hash) next to the
figures: per text both the Markdown and the clean HTML, so the HTML edition, the PDF
and the open data show the same words.
"""

from dataclasses import dataclass

import markdown
import nh3
from django.utils.translation import gettext

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "h3",
    "h4",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "code",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
MAX_LENGTH = 20_000


def to_html(text: str) -> str:
    """Markdown as clean HTML: headings start at h3 (the chapter has h1 and h2), links only to http(s) and mail."""
    if not text.strip():
        return ""
    # Headings in a text are sub-headings of the chapter they stand in.
    html = markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    for level in (1, 2):
        html = html.replace(f"<h{level}>", "<h3>").replace(f"</h{level}>", "</h3>")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


@dataclass(frozen=True)
class Chapter:
    """A chapter of the analysis that has a conclusion: its anchor in the document and its title."""

    key: str
    title: str


def chapter_list(data: dict) -> list[Chapter]:
    """The chapters of the analysis in reading order, from its frozen data.

    The key is the chapter's id in the document, so a conclusion is shown at the end of
    the chapter with that id; a new chapter adds one line here and one tag in the template.
    """
    lines = [
        Chapter(f"actielijn-{line['code']}", gettext("Actielijn %(code)s %(name)s") % _line_names(line))
        for line in data.get("action_lines", [])
    ]
    # Chapters added later are in the data of the versions frozen since; older versions do without them.
    society = [Chapter("veerkracht-nederland", gettext("Hoe veerkrachtig is Nederland?"))] if "society" in data else []
    scp = [Chapter("scp-kader", gettext("Het portfolio in het SCP-kader"))] if "scp" in data else []
    lessons = [Chapter("lessen", gettext("Lessen uit gemeenten"))] if "lessons" in data else []
    return [
        *society,
        *lines,
        Chapter("interventies", gettext("Het portfolio van interventies")),
        *scp,
        Chapter("gemeenten", gettext("Gemeenten")),
        *lessons,
        Chapter("samenwerking", gettext("Samenwerking")),
        Chapter("begroting", gettext("Begroting")),
        Chapter("advies", gettext("Advies van de klankbordgroep")),
        Chapter("veranderingen", gettext("Wat is er veranderd sinds vorig jaar")),
    ]


def _line_names(line: dict) -> dict:
    from django.utils.translation import get_language

    name = line.get("name_en") if (get_language() or "nl").startswith("en") else line.get("name")
    return {"code": line["code"], "name": name or line.get("name", "")}


def frozen_texts(texts: dict[tuple[str, str], str]) -> dict:
    """The texts of a version as they go into the snapshot: Markdown and clean HTML, by kind and key."""
    frozen: dict = {"introduction": None, "recommendations": None, "conclusions": {}, "advice_answers": {}}
    for (kind, key), text in sorted(texts.items()):
        if not text.strip():
            continue
        entry = {"markdown": text, "html": to_html(text)}
        if kind == "introduction":
            frozen["introduction"] = entry
        elif kind == "recommendations":
            frozen["recommendations"] = entry
        elif kind == "conclusion":
            frozen["conclusions"][key] = entry
        elif kind == "advice_answer":
            frozen["advice_answers"][key] = entry
    return frozen


def empty_texts() -> dict:
    return frozen_texts({})
