"""Pages for the programme's records: events and meetings, research results, policy-theme inventories
and the advisory board's members. Staff keep them; the advisory board reads them.

Lists are scoped to the programme a page is about (``selected_programme``); a new record
belongs to that programme. Activity participation has its pages in the municipalities app.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _

from agenda import selectors, services
from agenda.filters import BoardMembershipFilter, EventFilter, PolicyThemeInventoryFilter, ResearchResultFilter
from agenda.forms.records import BoardMembershipForm, EventForm, PolicyThemeInventoryForm, ResearchResultForm
from agenda.models import BoardMembership, Event, PolicyThemeInventory, Programme, ResearchResult
from agenda.permissions import can_keep_records, can_read_records
from core.access import READ_WRITE, gate
from core.audit import log_security_event
from core.register import found_or_404, register_form_page, render_register_detail, render_register_list, saved

RECORDS = (_("Activiteiten"), reverse_lazy("agenda:records_index"))
EVENTS = (_("Bijeenkomsten"), reverse_lazy("agenda:event_list"))
RESEARCH = (_("Onderzoeksresultaten"), reverse_lazy("agenda:research_list"))
INVENTORIES = (_("Inventarisaties beleidsthema's"), reverse_lazy("agenda:inventory_list"))
BOARD = (_("Klankbordgroep"), reverse_lazy("agenda:board_member_list"))


def _programme(request: HttpRequest) -> Programme:
    programme = selectors.selected_programme(request)
    if programme is None:
        raise Http404
    return programme


def _list_actions(request: HttpRequest, url_name: str, label) -> dict:
    """The "new" button of a list, for whoever may add to it."""
    return {"new_url": reverse(url_name), "new_label": label} if can_keep_records(request.user) else {}


def _form_page(request: HttpRequest, *, instance: Any, form, save: Callable[[Any], Any], **page) -> HttpResponse:
    """``register_form_page``, where a rule the service checks (such as one per year) becomes a form error."""
    if request.method == "POST" and form.is_valid():
        try:
            return saved(request, save(form), created=instance is None)
        except ValidationError as error:
            form.add_error(None, error)
    return register_form_page(request, instance=instance, form=form, save=save, root=RECORDS, **page)


@gate(can_read_records)
def records_index(request: HttpRequest) -> HttpResponse:
    programme = selectors.selected_programme(request)
    counts = selectors.record_counts(programme=programme)
    sections = [
        (
            _("Bijeenkomsten"),
            "agenda:event_list",
            counts["events"],
            _("Conferenties, bijeenkomsten van de learning community en van de klankbordgroep."),
        ),
        (
            _("Deelname aan activiteiten"),
            "municipalities:participation_list",
            counts["participation"],
            _("Welke organisaties deelnemen aan de activiteiten van het programma, en sinds wanneer."),
        ),
        (
            _("Onderzoeksresultaten"),
            "agenda:research_list",
            counts["research"],
            _("Resultaten van onderzoek, zoals NWA Crafting Resilience, en wanneer ze zijn gedeeld."),
        ),
        (
            _("Inventarisaties beleidsthema's"),
            "agenda:inventory_list",
            counts["inventories"],
            _("De jaarlijkse inventarisatie van beleidsthema's waarin veerkracht en weerbaarheid een rol spelen."),
        ),
        (
            _("Klankbordgroep"),
            "agenda:board_member_list",
            counts["board"],
            _("Wie in de klankbordgroep zit, namens welke organisatie en wie zij vertegenwoordigen."),
        ),
    ]
    return render(
        request,
        "agenda/records/index.html",
        {
            "programme": programme,
            "sections": [
                {"label": label, "url": reverse(name), "count": count, "description": description}
                for label, name, count, description in sections
            ],
            "breadcrumbs": [(RECORDS[0], None)],
        },
    )


# Events and meetings


@gate(can_read_records)
def event_list(request: HttpRequest) -> HttpResponse:
    programme = selectors.selected_programme(request)
    filterset = EventFilter(request.GET, queryset=selectors.event_list(programme=programme))
    return render_register_list(
        request,
        filterset=filterset,
        template="agenda/records/event_list.html",
        title=EVENTS[0],
        root=RECORDS,
        programme=programme,
        **_list_actions(request, "agenda:event_create", _("Nieuwe bijeenkomst")),
    )


@gate(can_read_records, load=found_or_404(selectors.event_detail))
def event_detail(request: HttpRequest, event: Event) -> HttpResponse:
    return render_register_detail(
        request,
        event,
        template="agenda/records/event_detail.html",
        section=EVENTS,
        root=RECORDS,
        title=event.title,
        event=event,
        can_edit=can_keep_records(request.user),
    )


@gate(can_keep_records, methods=READ_WRITE, load=found_or_404(Event.objects.select_related("activity").get))
def event_edit(request: HttpRequest, event: Event | None) -> HttpResponse:
    programme = None if event else _programme(request)
    return _form_page(
        request,
        instance=event,
        form=EventForm(request.POST or None, instance=event, programme=programme),
        save=lambda form: services.event_save(event=form.save(commit=False), by=request.user),
        section=EVENTS,
        edit_title=_("Bijeenkomst wijzigen"),
        new_title=_("Nieuwe bijeenkomst"),
    )


# Research results


@gate(can_read_records)
def research_list(request: HttpRequest) -> HttpResponse:
    programme = selectors.selected_programme(request)
    filterset = ResearchResultFilter(request.GET, queryset=selectors.research_result_list(programme=programme))
    return render_register_list(
        request,
        filterset=filterset,
        template="agenda/records/research_list.html",
        title=RESEARCH[0],
        root=RECORDS,
        programme=programme,
        **_list_actions(request, "agenda:research_create", _("Nieuw onderzoeksresultaat")),
    )


@gate(can_read_records, load=found_or_404(selectors.research_result_detail))
def research_detail(request: HttpRequest, result: ResearchResult) -> HttpResponse:
    return render_register_detail(
        request,
        result,
        template="agenda/records/research_detail.html",
        section=RESEARCH,
        root=RECORDS,
        result=result,
        can_edit=can_keep_records(request.user),
    )


@gate(can_read_records, load=found_or_404(ResearchResult.objects.get))
def research_file(request: HttpRequest, result: ResearchResult) -> FileResponse:
    """The file of a research result, served only to whoever may read the records."""
    if not result.file:
        raise Http404
    try:
        handle = result.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    filename = result.file_name or result.file.name.rsplit("/", 1)[-1]
    log_security_event("download.file", request=request, research_result=result.pk, name=filename)
    return FileResponse(handle, as_attachment=True, filename=filename)


@gate(can_keep_records, methods=READ_WRITE, load=found_or_404(ResearchResult.objects.get))
def research_edit(request: HttpRequest, result: ResearchResult | None) -> HttpResponse:
    programme = None if result else _programme(request)

    def save(form: ResearchResultForm) -> ResearchResult:
        instance = form.save(commit=False)
        if programme is not None:
            instance.programme = programme
        return services.research_result_save(result=instance, by=request.user, upload=form.upload())

    return _form_page(
        request,
        instance=result,
        form=ResearchResultForm(request.POST or None, request.FILES or None, instance=result, programme=programme),
        save=save,
        section=RESEARCH,
        edit_title=_("Onderzoeksresultaat wijzigen"),
        new_title=_("Nieuw onderzoeksresultaat"),
    )


# Policy-theme inventories


@gate(can_read_records)
def inventory_list(request: HttpRequest) -> HttpResponse:
    programme = selectors.selected_programme(request)
    filterset = PolicyThemeInventoryFilter(request.GET, queryset=selectors.policy_inventory_list(programme=programme))
    return render_register_list(
        request,
        filterset=filterset,
        template="agenda/records/inventory_list.html",
        title=INVENTORIES[0],
        root=RECORDS,
        programme=programme,
        **_list_actions(request, "agenda:inventory_create", _("Nieuwe inventarisatie")),
    )


@gate(can_read_records, load=found_or_404(selectors.policy_inventory_detail))
def inventory_detail(request: HttpRequest, inventory: PolicyThemeInventory) -> HttpResponse:
    return render_register_detail(
        request,
        inventory,
        template="agenda/records/inventory_detail.html",
        section=INVENTORIES,
        root=RECORDS,
        inventory=inventory,
        can_edit=can_keep_records(request.user),
    )


@gate(can_keep_records, methods=READ_WRITE, load=found_or_404(PolicyThemeInventory.objects.get))
def inventory_edit(request: HttpRequest, inventory: PolicyThemeInventory | None) -> HttpResponse:
    programme = None if inventory else _programme(request)

    def save(form: PolicyThemeInventoryForm) -> PolicyThemeInventory:
        instance = form.save(commit=False)
        if programme is not None:
            instance.programme = programme
        return services.policy_inventory_save(inventory=instance, by=request.user)

    return _form_page(
        request,
        instance=inventory,
        form=PolicyThemeInventoryForm(request.POST or None, instance=inventory, programme=programme),
        save=save,
        section=INVENTORIES,
        edit_title=_("Inventarisatie wijzigen"),
        new_title=_("Nieuwe inventarisatie van beleidsthema's"),
    )


# The advisory board's members


@gate(can_read_records)
def board_member_list(request: HttpRequest) -> HttpResponse:
    programme = selectors.selected_programme(request)
    filterset = BoardMembershipFilter(request.GET, queryset=selectors.board_membership_list(programme=programme))
    return render_register_list(
        request,
        filterset=filterset,
        template="agenda/records/board_member_list.html",
        title=BOARD[0],
        root=RECORDS,
        programme=programme,
        intro=_("Wie in de klankbordgroep zit, namens welke organisatie, en wie elk lid vertegenwoordigt."),
        **_list_actions(request, "agenda:board_member_create", _("Nieuw lid")),
    )


@gate(can_read_records, load=found_or_404(selectors.board_membership_detail))
def board_member_detail(request: HttpRequest, membership: BoardMembership) -> HttpResponse:
    return render_register_detail(
        request,
        membership,
        template="agenda/records/board_member_detail.html",
        section=BOARD,
        root=RECORDS,
        membership=membership,
        can_edit=can_keep_records(request.user),
    )


@gate(can_keep_records, methods=READ_WRITE, load=found_or_404(BoardMembership.objects.get))
def board_member_edit(request: HttpRequest, membership: BoardMembership | None) -> HttpResponse:
    programme = None if membership else _programme(request)

    def save(form: BoardMembershipForm) -> BoardMembership:
        instance = form.save(commit=False)
        if programme is not None:
            instance.programme = programme
        return services.board_membership_save(membership=instance, by=request.user)

    return _form_page(
        request,
        instance=membership,
        form=BoardMembershipForm(request.POST or None, instance=membership),
        save=save,
        section=BOARD,
        edit_title=_("Lid van de klankbordgroep wijzigen"),
        new_title=_("Nieuw lid van de klankbordgroep"),
    )
