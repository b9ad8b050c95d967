"""Register pages for municipalities, grants, organisations, partnerships and learning-community membership.

Programme staff only; the list and detail pages only answer GET (405 otherwise, once the staff check
has passed). Municipalities are reference data: they have a list and a
page here, and are changed only through the Django admin.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _

from agenda.permissions import can_keep_records, can_read_records
from agenda.selectors import selected_programme
from core.access import READ_WRITE, gate, submitted
from core.exports import export_links, export_response, file_format
from core.register import (
    found_or_404,
    register_crumb,
    register_form_page,
    render_register_detail,
    render_register_list,
)
from municipalities import selectors, services
from municipalities.exports import GRANT_COLUMNS, ORGANISATION_COLUMNS, PARTNERSHIP_COLUMNS
from municipalities.filters import (
    ActivityParticipationFilter,
    GrantFilter,
    LearningCommunityMembershipFilter,
    MunicipalityFilter,
    OrganisationFilter,
    PartnershipFilter,
    grant_municipalities,
    in_programme,
    offer_only,
)
from municipalities.forms import (
    ActivityParticipationForm,
    GrantForm,
    LearningCommunityMembershipForm,
    LessonConsentForm,
    OrganisationForm,
    PartnershipForm,
)
from municipalities.models import (
    ActivityParticipation,
    Grant,
    LearningCommunityMembership,
    Municipality,
    Organisation,
    Partnership,
)
from municipalities.permissions import can_set_own_lesson_consent, can_use_register

MUNICIPALITIES = (_("Gemeenten"), reverse_lazy("municipalities:municipality_list"))
GRANTS = (_("Specifieke uitkeringen"), reverse_lazy("municipalities:grant_list"))
ORGANISATIONS = (_("Organisaties"), reverse_lazy("municipalities:organisation_list"))
PARTNERSHIPS = (_("Samenwerkingsverbanden"), reverse_lazy("municipalities:partnership_list"))
MEMBERSHIPS = (_("Learning community"), reverse_lazy("municipalities:membership_list"))
# Activity participation is one of the programme's records (agenda's "Activiteiten"), kept here with its model.
RECORDS = (_("Activiteiten"), reverse_lazy("agenda:records_index"))
PARTICIPATION = (_("Deelname aan activiteiten"), reverse_lazy("municipalities:participation_list"))


def _initial_municipality(request: HttpRequest) -> dict:
    """A "new" link from a municipality's page fills in that municipality."""
    code = request.GET.get("municipality")
    return {"municipality": Municipality.objects.filter(cbs_code=code).first()} if code else {}


# Municipalities: reference data, read only here.


@gate(can_use_register)
def municipality_list(request: HttpRequest) -> HttpResponse:
    filterset = MunicipalityFilter(request.GET, queryset=selectors.municipality_list())
    return render_register_list(
        request,
        filterset=filterset,
        template="municipalities/register/municipality_list.html",
        title=MUNICIPALITIES[0],
        intro=_("De 342 gemeenten zijn referentiegegevens van het CBS; wijzig ze alleen via het technisch beheer."),
    )


@gate(can_use_register, load=found_or_404(selectors.municipality_detail))
def municipality_detail(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    return render_register_detail(
        request,
        municipality,
        template="municipalities/register/municipality_detail.html",
        section=MUNICIPALITIES,
        municipality=municipality,
    )


# Consent to show lessons by name: set by staff, or by the municipality itself.


def _consent_page(request: HttpRequest, municipality: Municipality, *, done_url: str, breadcrumbs: list):
    form = LessonConsentForm(
        submitted(request), initial={"shares_lessons_by_name": municipality.shares_lessons_by_name}
    )
    if request.method == "POST" and form.is_valid():
        services.municipality_set_lesson_consent(
            municipality=municipality, shares_by_name=form.cleaned_data["shares_lessons_by_name"], by=request.user
        )
        messages.success(request, _("De toestemming is opgeslagen."))
        return redirect(done_url)
    return render(
        request,
        "municipalities/lesson_consent.html",
        {"form": form, "municipality": municipality, "back_url": done_url, "breadcrumbs": breadcrumbs},
        status=400 if form.is_bound and form.errors else 200,
    )


@gate(can_use_register, methods=READ_WRITE, load=found_or_404(selectors.municipality_detail))
def municipality_lesson_consent(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    return _consent_page(
        request,
        municipality,
        done_url=municipality.get_absolute_url(),
        breadcrumbs=[
            register_crumb(),
            MUNICIPALITIES,
            (municipality.name, municipality.get_absolute_url()),
            (_("Toestemming lessen"), None),
        ],
    )


@gate(can_set_own_lesson_consent, methods=READ_WRITE)
def own_lesson_consent(request: HttpRequest) -> HttpResponse:
    municipality = selectors.municipality_for_user(user=request.user)
    if municipality is None:
        return render(request, "interventions/reports/no_municipality.html")
    workspace = reverse("interventions:workspace")
    return _consent_page(
        request,
        municipality,
        done_url=workspace,
        breadcrumbs=[(_("Mijn gemeente"), workspace), (_("Toestemming lessen"), None)],
    )


# Grants


def _grant_filter(request: HttpRequest) -> GrantFilter:
    filterset = GrantFilter(in_programme(request.GET, selected_programme(request)), queryset=selectors.grant_list())
    filterset.is_valid()
    # Only the municipalities with a grant in the chosen programme, not all 342.
    offer_only(filterset, "municipality", grant_municipalities(filterset.form.cleaned_data.get("programme")))
    return filterset


@gate(can_use_register)
def grant_list(request: HttpRequest) -> HttpResponse:
    filterset = _grant_filter(request)
    return render_register_list(
        request,
        filterset=filterset,
        template="municipalities/register/grant_list.html",
        title=GRANTS[0],
        new_url=reverse("municipalities:grant_create"),
        new_label=_("Nieuwe uitkering"),
        export=export_links(request, "municipalities:grant_export"),
    )


@gate(can_use_register, load=file_format)
def grant_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The grant list as CSV or XLSX: the page's filters, in the programme chosen in the header."""
    filterset = _grant_filter(request)
    return export_response(
        request,
        fmt=fmt,
        columns=GRANT_COLUMNS,
        rows=filterset.qs,
        name="uitkeringen",
        title=GRANTS[0],
        export="grants",
        programme=filterset.data.get("programme", ""),
    )


@gate(can_use_register, load=found_or_404(selectors.grant_detail))
def grant_detail(request: HttpRequest, grant: Grant) -> HttpResponse:
    return render_register_detail(
        request,
        grant,
        template="municipalities/register/grant_detail.html",
        section=GRANTS,
        title=str(grant.municipality),
        grant=grant,
    )


@gate(can_use_register, methods=READ_WRITE, load=found_or_404(Grant.objects.get))
def grant_edit(request: HttpRequest, grant: Grant | None) -> HttpResponse:
    initial = _initial_municipality(request) if grant is None else {}
    return register_form_page(
        request,
        instance=grant,
        form=GrantForm(request.POST or None, instance=grant, initial=initial),
        save=lambda form: services.grant_save(
            grant=form.save(commit=False), focus_areas=form.cleaned_data["focus_areas"], by=request.user
        ),
        section=GRANTS,
        edit_title=_("Uitkering wijzigen"),
        new_title=_("Nieuwe specifieke uitkering"),
    )


# Organisations


def _organisation_filter(request: HttpRequest) -> OrganisationFilter:
    return OrganisationFilter(request.GET, queryset=selectors.organisation_list())


@gate(can_use_register)
def organisation_list(request: HttpRequest) -> HttpResponse:
    filterset = _organisation_filter(request)
    return render_register_list(
        request,
        filterset=filterset,
        template="municipalities/register/organisation_list.html",
        title=ORGANISATIONS[0],
        new_url=reverse("municipalities:organisation_create"),
        new_label=_("Nieuwe organisatie"),
        export=export_links(request, "municipalities:organisation_export"),
    )


@gate(can_use_register, load=file_format)
def organisation_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The organisation list as CSV or XLSX, with the page's filters."""
    return export_response(
        request,
        fmt=fmt,
        columns=ORGANISATION_COLUMNS,
        rows=_organisation_filter(request).qs,
        name="organisaties",
        title=ORGANISATIONS[0],
        export="organisations",
    )


@gate(can_use_register, load=found_or_404(selectors.organisation_detail))
def organisation_detail(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    return render_register_detail(
        request,
        organisation,
        template="municipalities/register/organisation_detail.html",
        section=ORGANISATIONS,
        organisation=organisation,
    )


@gate(can_use_register, methods=READ_WRITE, load=found_or_404(Organisation.objects.get))
def organisation_edit(request: HttpRequest, organisation: Organisation | None) -> HttpResponse:
    return register_form_page(
        request,
        instance=organisation,
        form=OrganisationForm(request.POST or None, instance=organisation),
        save=lambda form: services.organisation_save(organisation=form.save(commit=False), by=request.user),
        section=ORGANISATIONS,
        edit_title=_("Organisatie wijzigen"),
        new_title=_("Nieuwe organisatie"),
    )


# Partnerships


def _partnership_filter(request: HttpRequest) -> PartnershipFilter:
    return PartnershipFilter(
        in_programme(request.GET, selected_programme(request)), queryset=selectors.partnership_list()
    )


@gate(can_use_register)
def partnership_list(request: HttpRequest) -> HttpResponse:
    filterset = _partnership_filter(request)
    return render_register_list(
        request,
        filterset=filterset,
        template="municipalities/register/partnership_list.html",
        title=PARTNERSHIPS[0],
        new_url=reverse("municipalities:partnership_create"),
        new_label=_("Nieuw samenwerkingsverband"),
        export=export_links(request, "municipalities:partnership_export"),
    )


@gate(can_use_register, load=file_format)
def partnership_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The partnership list as CSV or XLSX: the page's filters, in the programme chosen in the header."""
    filterset = _partnership_filter(request)
    return export_response(
        request,
        fmt=fmt,
        columns=PARTNERSHIP_COLUMNS,
        rows=filterset.qs,
        name="samenwerkingsverbanden",
        title=PARTNERSHIPS[0],
        export="partnerships",
        programme=filterset.data.get("programme", ""),
    )


@gate(can_use_register, load=found_or_404(selectors.partnership_detail))
def partnership_detail(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    return render_register_detail(
        request,
        partnership,
        template="municipalities/register/partnership_detail.html",
        section=PARTNERSHIPS,
        partnership=partnership,
    )


@gate(can_use_register, methods=READ_WRITE, load=found_or_404(Partnership.objects.get))
def partnership_edit(request: HttpRequest, partnership: Partnership | None) -> HttpResponse:
    def save(form: PartnershipForm) -> Partnership:
        return services.partnership_save(
            partnership=form.save(commit=False),
            members=form.cleaned_data["members"],
            municipalities=form.cleaned_data["municipalities"],
            by=request.user,
        )

    return register_form_page(
        request,
        instance=partnership,
        form=PartnershipForm(
            request.POST or None,
            instance=partnership,
            initial=None if partnership else {"programme": selected_programme(request)},
        ),
        save=save,
        section=PARTNERSHIPS,
        edit_title=_("Samenwerkingsverband wijzigen"),
        new_title=_("Nieuw samenwerkingsverband"),
    )


# Learning-community membership


@gate(can_use_register)
def membership_list(request: HttpRequest) -> HttpResponse:
    filterset = LearningCommunityMembershipFilter(request.GET, queryset=selectors.learning_community_membership_list())
    return render_register_list(
        request,
        filterset=filterset,
        template="municipalities/register/membership_list.html",
        title=MEMBERSHIPS[0],
        new_url=reverse("municipalities:membership_create"),
        new_label=_("Nieuwe deelname"),
        intro=_("Welke gemeenten deelnemen aan de learning community, en sinds wanneer."),
    )


@gate(can_use_register, load=found_or_404(selectors.learning_community_membership_detail))
def membership_detail(request: HttpRequest, membership: LearningCommunityMembership) -> HttpResponse:
    return render_register_detail(
        request,
        membership,
        template="municipalities/register/membership_detail.html",
        section=MEMBERSHIPS,
        title=str(membership.municipality),
        membership=membership,
    )


@gate(can_use_register, methods=READ_WRITE, load=found_or_404(LearningCommunityMembership.objects.get))
def membership_edit(request: HttpRequest, membership: LearningCommunityMembership | None) -> HttpResponse:
    initial = _initial_municipality(request) if membership is None else {}
    return register_form_page(
        request,
        instance=membership,
        form=LearningCommunityMembershipForm(request.POST or None, instance=membership, initial=initial),
        save=lambda form: services.learning_community_membership_save(
            membership=form.save(commit=False), by=request.user
        ),
        section=MEMBERSHIPS,
        edit_title=_("Deelname wijzigen"),
        new_title=_("Nieuwe deelname aan de learning community"),
    )


# Activity participation: staff keep it, the advisory board reads it


@gate(can_read_records)
def participation_list(request: HttpRequest) -> HttpResponse:
    programme = selected_programme(request)
    filterset = ActivityParticipationFilter(
        request.GET, queryset=selectors.activity_participation_list(programme=programme)
    )
    actions = (
        {"new_url": reverse("municipalities:participation_create"), "new_label": _("Nieuwe deelname")}
        if can_keep_records(request.user)
        else {}
    )
    return render_register_list(
        request,
        filterset=filterset,
        template="municipalities/register/participation_list.html",
        title=PARTICIPATION[0],
        root=RECORDS,
        programme=programme,
        intro=_("Welke organisaties deelnemen aan de activiteiten van het programma, en sinds wanneer."),
        **actions,
    )


@gate(can_read_records, load=found_or_404(selectors.activity_participation_detail))
def participation_detail(request: HttpRequest, participation: ActivityParticipation) -> HttpResponse:
    return render_register_detail(
        request,
        participation,
        template="municipalities/register/participation_detail.html",
        section=PARTICIPATION,
        root=RECORDS,
        participation=participation,
        can_edit=can_keep_records(request.user),
    )


@gate(can_keep_records, methods=READ_WRITE, load=found_or_404(ActivityParticipation.objects.get))
def participation_edit(request: HttpRequest, participation: ActivityParticipation | None) -> HttpResponse:
    programme = None if participation else selected_programme(request)
    return register_form_page(
        request,
        instance=participation,
        form=ActivityParticipationForm(request.POST or None, instance=participation, programme=programme),
        save=lambda form: services.activity_participation_save(participation=form.save(commit=False), by=request.user),
        section=PARTICIPATION,
        root=RECORDS,
        edit_title=_("Deelname wijzigen"),
        new_title=_("Nieuwe deelname aan een activiteit"),
    )
