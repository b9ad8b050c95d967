"""The columns of the register's grant, organisation and partnership lists as files: the page's columns,
in its words, and what the page shows under them as columns of their own."""

from django.utils.translation import gettext_lazy as _

from core.exports import Column

GRANT_COLUMNS = [
    Column(_("Programma"), lambda grant: grant.programme.code if grant.programme else None),
    Column(_("CBS-code"), lambda grant: grant.municipality.cbs_code),
    Column(_("Gemeente"), lambda grant: grant.municipality.name),
    Column(_("Focusgebied"), lambda grant: grant.focus_area.name if grant.focus_area else None),
    Column(_("Regeling"), lambda grant: grant.regulation),
    Column(_("Tranche"), lambda grant: grant.get_tranche_display()),
    Column(_("Thema"), lambda grant: grant.get_theme_display()),
    Column(_("Eerste jaar"), lambda grant: grant.first_year),
    Column(_("Laatste jaar"), lambda grant: grant.last_year),
    Column(_("Bedrag"), lambda grant: grant.amount),
    Column(_("Toegekend op"), lambda grant: grant.awarded_on),
    Column(_("Kenmerk beschikking"), lambda grant: grant.decision_reference),
]

ORGANISATION_COLUMNS = [
    Column(_("Organisatie"), lambda organisation: organisation.name),
    Column(_("Soort"), lambda organisation: organisation.get_kind_display()),
    Column(_("Gemeente"), lambda organisation: organisation.municipality.name if organisation.municipality else None),
]

PARTNERSHIP_COLUMNS = [
    Column(_("Samenwerkingsverband"), lambda partnership: partnership.name),
    Column(_("Startdatum"), lambda partnership: partnership.started_on),
    Column(_("Einddatum"), lambda partnership: partnership.ended_on),
    Column(_("Deelnemers"), lambda partnership: partnership.member_count),
    Column(_("Gemeenten"), lambda partnership: partnership.municipality_count),
    Column(_("Doel"), lambda partnership: partnership.purpose),
]
