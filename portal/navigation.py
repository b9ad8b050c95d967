"""The main navigation per role.

Each entry names a URL. A section whose URL does not exist yet is shown as
"binnenkort" (coming soon) instead of as a link, so the menu never holds a
broken link.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from core import roles


@dataclass(frozen=True)
class Section:
    label: str
    url_name: str
    description: str = ""


# The programme's public pages, in every menu.
PROGRAMME = Section(
    _("Programma"), "agenda:programme_public", _("Visie, actielijnen, uitgangspunten en beschermende factoren.")
)

# Entries every menu shares carry the same words, signed in or not.
CATALOGUE = Section(_("Catalogus"), "interventions:catalogue", _("De openbare catalogus van interventies."))
PUBLISHED_ANALYSES = Section(_("Analyses"), "analysis:public_analyses", _("De gepubliceerde landelijke analyses."))

PUBLIC = [
    Section(_("Home"), "home"),
    CATALOGUE,
    PUBLISHED_ANALYSES,
    PROGRAMME,
]

BY_ROLE = {
    roles.STAFF: [
        Section(_("Home"), "home"),
        Section(_("KPI's"), "analysis:kpis", _("Waar het programma staat ten opzichte van elke streefwaarde.")),
        Section(_("Begroting"), "analysis:budget", _("Begroot, verplicht en uitgegeven per actielijn en jaar.")),
        Section(_("Verslagen"), "interventions:report_overview", _("De halfjaarverslagen van gemeenten beoordelen.")),
        Section(_("Register"), "register", _("Interventies, gemeenten, uitkeringen en organisaties.")),
        Section(
            _("Activiteiten"),
            "agenda:records_index",
            _("Bijeenkomsten, deelname, onderzoek, beleidsthema's en de klankbordgroep vastleggen."),
        ),
        Section(
            _("Programmabeheer"),
            "agenda:programme_list",
            _("Programma's starten en hun actielijnen, uitgangspunten, KPI's en begroting bijhouden."),
        ),
        Section(_("Dashboards"), "analysis:dashboard_list", _("Het halfjaarlijkse dashboard voor de klankbordgroep.")),
        Section(_("Jaaranalyse"), "analysis:analysis_list", _("De landelijke veerkracht- en weerbaarheidsanalyse.")),
        Section(_("Indicatoren"), "analysis:indicator_list", _("Cijfers over de veerkracht van Nederland.")),
        Section(_("Lessen"), "analysis:lesson_list", _("Passages uit gemeentelijke verslagen kiezen en beheren.")),
        Section(_("Adviezen"), "analysis:advice_list", _("Adviezen van de klankbordgroep en de reacties.")),
        Section(_("Kaart"), "analysis:map", _("Uitkeringen, learning community en bereik per gemeente.")),
        CATALOGUE,
        Section(
            _("Beveiligingslog"),
            "security_log",
            _("Aanmeldingen, exports en downloads, en wijzigingen in accounts, groepen en verslagperiodes."),
        ),
        PROGRAMME,
    ],
    roles.MUNICIPALITY: [
        Section(_("Home"), "home"),
        Section(_("Mijn gemeente"), "interventions:workspace", _("Uitkering, interventies en verslagperiodes.")),
        CATALOGUE,
        PUBLISHED_ANALYSES,
        PROGRAMME,
    ],
    roles.BOARD: [
        Section(_("Home"), "home"),
        Section(_("Dashboards"), "analysis:dashboard_list", _("De gepubliceerde halfjaarlijkse dashboards.")),
        Section(_("Adviezen"), "analysis:advice_list", _("Uw adviezen en de reacties van het programma.")),
        Section(
            _("Activiteiten"),
            "agenda:records_index",
            _("Bijeenkomsten, onderzoek, beleidsthema's en de leden van de klankbordgroep."),
        ),
        Section(_("Behoeften"), "interventions:need_summary", _("Wat gemeenten het programma vragen.")),
        PUBLISHED_ANALYSES,
        Section(_("Indicatoren"), "analysis:indicator_list", _("Cijfers over de veerkracht van Nederland.")),
        Section(_("Lessen"), "analysis:lessons", _("Lessen uit gemeenten, per beschermende factor.")),
        CATALOGUE,
        PROGRAMME,
    ],
}


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str | None
    active: bool
    description: str


def _resolve(url_name: str) -> str | None:
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


def sections_for(user) -> list[Section]:
    return BY_ROLE.get(roles.role_of(user), PUBLIC)


# Where a role starts after signing in (when no page was asked for): its own workspace.
LANDING = {roles.MUNICIPALITY: "interventions:workspace"}


def landing_url(user) -> str:
    """The page a user lands on after signing in: a municipality's workspace, else the role's home."""
    return _resolve(LANDING.get(roles.role_of(user), "home")) or reverse("home")


def nav_items(request) -> list[NavItem]:
    items = []
    path = request.path
    for section in sections_for(request.user):
        url = _resolve(section.url_name)
        active = path == "/" if url == "/" else bool(url) and path.startswith(url)
        items.append(NavItem(section.label, url, active, section.description))
    return items
