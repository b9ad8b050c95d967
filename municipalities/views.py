"""Register pages for municipalities, grants, organisations, partnerships and learning-community membership.

Programme staff only; the list and detail pages only answer GET (405 otherwise, once the staff check
has passed). Municipalities are reference data: they have a list and a
page here, and are changed only through the Django admin.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from core.history import change_history
from core.register import register_crumb, render_register_form, render_register_list, saved
from municipalities import selectors, services
from municipalities.filters import (
    GrantFilter,
    LearningCommunityMembershipFilter,
    MunicipalityFilter,
    OrganisationFilter,
    PartnershipFilter,
)
from municipalities.forms import GrantForm, LearningCommunityMembershipForm, OrganisationForm, PartnershipForm
from municipalities.models import Grant, LearningCommunityMembership, Municipality, Organisation, Partnership
from municipalities.permissions import register_required


def _url(name: str, *args) -> str:
    return reverse(name, args=args)


# Municipalities: reference data, read only here.


@register_required
@require_safe
def municipality_list(request: HttpRequest) -> HttpResponse:
    filterset = MunicipalityFilter(request.GET, queryset=selectors.municipality_list())
    return render_register_list(
        request, filterset=filterset, template="municipalities/register/municipality_list.html", title=_("Gemeenten")
    )


@register_required
@require_safe
def municipality_detail(request: HttpRequest, cbs_code: str) -> HttpResponse:
    try:
        municipality = selectors.municipality_detail(cbs_code=cbs_code)
    except Municipality.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "municipalities/register/municipality_detail.html",
        {
            "municipality": municipality,
            "history": change_history(instance=municipality),
            "breadcrumbs": [
                register_crumb(),
                (_("Gemeenten"), _url("municipalities:municipality_list")),
                (municipality.name, None),
            ],
        },
    )


# Grants


@register_required
@require_safe
def grant_list(request: HttpRequest) -> HttpResponse:
    filterset = GrantFilter(request.GET, queryset=selectors.grant_list())
    return render_register_list(
        request,
        filterset=filterset,
        template="municipalities/register/grant_list.html",
        title=_("Specifieke uitkeringen"),
    )


@register_required
@require_safe
def grant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        grant = selectors.grant_detail(pk=pk)
    except Grant.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "municipalities/register/grant_detail.html",
        {
            "grant": grant,
            "history": change_history(instance=grant),
            "breadcrumbs": [
                register_crumb(),
                (_("Specifieke uitkeringen"), _url("municipalities:grant_list")),
                (str(grant.municipality), None),
            ],
        },
    )


@register_required
def grant_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    grant = get_object_or_404(Grant, pk=pk) if pk else None
    initial = {}
    if grant is None and request.GET.get("municipality"):
        initial["municipality"] = Municipality.objects.filter(cbs_code=request.GET["municipality"]).first()
    form = GrantForm(request.POST or None, instance=grant, initial=initial)
    if request.method == "POST" and form.is_valid():
        instance = services.grant_save(grant=form.save(commit=False), by=request.user)
        return saved(request, instance, created=grant is None, url=_url("municipalities:grant_detail", instance.pk))
    return render_register_form(
        request,
        form=form,
        object=grant,
        title=_("Uitkering wijzigen") if grant else _("Nieuwe specifieke uitkering"),
        back_url=_url("municipalities:grant_detail", grant.pk) if grant else _url("municipalities:grant_list"),
        crumbs=[(_("Specifieke uitkeringen"), _url("municipalities:grant_list"))],
    )


# Organisations


@register_required
@require_safe
def organisation_list(request: HttpRequest) -> HttpResponse:
    filterset = OrganisationFilter(request.GET, queryset=selectors.organisation_list())
    return render_register_list(
        request,
        filterset=filterset,
        template="municipalities/register/organisation_list.html",
        title=_("Organisaties"),
    )


@register_required
@require_safe
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        organisation = selectors.organisation_detail(pk=pk)
    except Organisation.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "municipalities/register/organisation_detail.html",
        {
            "organisation": organisation,
            "history": change_history(instance=organisation),
            "breadcrumbs": [
                register_crumb(),
                (_("Organisaties"), _url("municipalities:organisation_list")),
                (organisation.name, None),
            ],
        },
    )


@register_required
def organisation_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk) if pk else None
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        instance = services.organisation_save(organisation=form.save(commit=False), by=request.user)
        return saved(
            request, instance, created=organisation is None, url=_url("municipalities:organisation_detail", instance.pk)
        )
    return render_register_form(
        request,
        form=form,
        object=organisation,
        title=_("Organisatie wijzigen") if organisation else _("Nieuwe organisatie"),
        back_url=_url("municipalities:organisation_detail", organisation.pk)
        if organisation
        else _url("municipalities:organisation_list"),
        crumbs=[(_("Organisaties"), _url("municipalities:organisation_list"))],
    )


# Partnerships


@register_required
@require_safe
def partnership_list(request: HttpRequest) -> HttpResponse:
    filterset = PartnershipFilter(request.GET, queryset=selectors.partnership_list())
    return render_register_list(
        request,
        filterset=filterset,
        template="municipalities/register/partnership_list.html",
        title=_("Samenwerkingsverbanden"),
    )


@register_required
@require_safe
def partnership_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        partnership = selectors.partnership_detail(pk=pk)
    except Partnership.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "municipalities/register/partnership_detail.html",
        {
            "partnership": partnership,
            "history": change_history(instance=partnership),
            "breadcrumbs": [
                register_crumb(),
                (_("Samenwerkingsverbanden"), _url("municipalities:partnership_list")),
                (partnership.name, None),
            ],
        },
    )


@register_required
def partnership_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    partnership = get_object_or_404(Partnership, pk=pk) if pk else None
    form = PartnershipForm(request.POST or None, instance=partnership)
    if request.method == "POST" and form.is_valid():
        instance = services.partnership_save(
            partnership=form.save(commit=False),
            members=form.cleaned_data["members"],
            municipalities=form.cleaned_data["municipalities"],
            by=request.user,
        )
        return saved(
            request, instance, created=partnership is None, url=_url("municipalities:partnership_detail", instance.pk)
        )
    return render_register_form(
        request,
        form=form,
        object=partnership,
        title=_("Samenwerkingsverband wijzigen") if partnership else _("Nieuw samenwerkingsverband"),
        back_url=_url("municipalities:partnership_detail", partnership.pk)
        if partnership
        else _url("municipalities:partnership_list"),
        crumbs=[(_("Samenwerkingsverbanden"), _url("municipalities:partnership_list"))],
    )


# Learning-community membership


@register_required
@require_safe
def membership_list(request: HttpRequest) -> HttpResponse:
    filterset = LearningCommunityMembershipFilter(request.GET, queryset=selectors.learning_community_membership_list())
    return render_register_list(
        request,
        filterset=filterset,
        template="municipalities/register/membership_list.html",
        title=_("Learning community"),
    )


@register_required
@require_safe
def membership_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        membership = selectors.learning_community_membership_detail(pk=pk)
    except LearningCommunityMembership.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "municipalities/register/membership_detail.html",
        {
            "membership": membership,
            "history": change_history(instance=membership),
            "breadcrumbs": [
                register_crumb(),
                (_("Learning community"), _url("municipalities:membership_list")),
                (str(membership.municipality), None),
            ],
        },
    )


@register_required
def membership_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    membership = get_object_or_404(LearningCommunityMembership, pk=pk) if pk else None
    initial = {}
    if membership is None and request.GET.get("municipality"):
        initial["municipality"] = Municipality.objects.filter(cbs_code=request.GET["municipality"]).first()
    form = LearningCommunityMembershipForm(request.POST or None, instance=membership, initial=initial)
    if request.method == "POST" and form.is_valid():
        instance = services.learning_community_membership_save(membership=form.save(commit=False), by=request.user)
        return saved(
            request, instance, created=membership is None, url=_url("municipalities:membership_detail", instance.pk)
        )
    return render_register_form(
        request,
        form=form,
        object=membership,
        title=_("Deelname wijzigen") if membership else _("Nieuwe deelname aan de learning community"),
        back_url=_url("municipalities:membership_detail", membership.pk)
        if membership
        else _url("municipalities:membership_list"),
        crumbs=[(_("Learning community"), _url("municipalities:membership_list"))],
    )
