"""Pages of the advisory board's dashboards: the list, a dashboard, preparing and publishing, comparing."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from agenda.selectors import selected_programme
from analysis import dashboards
from analysis.comparison import compare
from analysis.display.dashboard import dashboard_content
from analysis.display.format import dashboard_title
from analysis.forms.dashboards import CompareForm, DashboardCorrectionForm, DashboardCreateForm, DashboardTextsForm
from analysis.models import Dashboard
from analysis.permissions import dashboards as permissions
from analysis.selectors import advice as advice_selectors
from analysis.selectors import dashboards as selectors
from analysis.services import dashboards as services
from analysis.views.dashboard_pdf import pdf_context
from core.access import READ_WRITE, gate


def visible_dashboard(request: HttpRequest, pk: int) -> Dashboard:
    """A dashboard the user may see, or a 404 (a draft, for the board, is one it may not see)."""
    dashboard = selectors.dashboard_get(user=request.user, pk=pk)
    if dashboard is None:
        raise Http404
    return dashboard


def _crumbs(*trail: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("Dashboards"), reverse("analysis:dashboard_list")), *trail]


def _dashboard_crumbs(dashboard: Dashboard, here: str) -> list[tuple[str, str | None]]:
    title = dashboard_title(dashboard)
    return _crumbs((title, dashboard.get_absolute_url()), (here, None))


def _refuse(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@gate(permissions.can_view_dashboards)
def dashboard_list(request: HttpRequest) -> HttpResponse:
    programme = selected_programme(request)
    items = list(selectors.dashboard_list(user=request.user, programme=programme))
    return render(
        request,
        "analysis/dashboards/list.html",
        {
            "dashboards": items,
            "published_count": sum(1 for d in items if d.status == Dashboard.Status.PUBLISHED),
            "can_prepare": permissions.can_prepare_dashboards(request.user),
            "programme": programme,
            "breadcrumbs": [(_("Dashboards"), None)],
        },
    )


@gate(permissions.can_view_dashboards, load=visible_dashboard)
def dashboard_detail(request: HttpRequest, dashboard: Dashboard) -> HttpResponse:
    """A published dashboard from its frozen snapshot only; for staff, a draft as a preview with live data."""
    data = dashboards.frozen_data(dashboard)
    previous = selectors.previous_of(dashboard)
    content = dashboard_content(data, previous.snapshot if previous else None)
    is_draft = dashboard.status == Dashboard.Status.DRAFT
    problem = None
    if is_draft:
        problem = dashboards.half_year_problem(
            programme=dashboard.programme, year=dashboard.year, half=dashboard.half, today=timezone.localdate()
        )
        if not problem and not dashboards.has_figures(data):
            problem = _(
                "Er zijn voor dit halfjaar nog geen gegevens: alle KPI's staan op nul of zijn niet gemeten, en er zijn "
                "geen interventies, gemeenten of uitgaven. Een leeg dashboard kan niet worden gepubliceerd."
            )
    return render(
        request,
        "analysis/dashboards/detail.html",
        {
            **content,
            "dashboard": dashboard,
            "title": dashboard_title(dashboard),
            "breadcrumbs": _crumbs((dashboard_title(dashboard), None)),
            "is_draft": is_draft,
            "publication_problem": problem,
            "previous": previous,
            "previous_title": dashboard_title(previous) if previous else "",
            "superseded_by": selectors.superseded_by(dashboard),
            "versions": list(selectors.versions_of(dashboard, user=request.user)),
            "hash_matches": dashboards.hash_matches(dashboard) if not is_draft else None,
            "advice": list(advice_selectors.advice_for(user=request.user).filter(dashboard=dashboard)),
            "can_edit": permissions.can_edit_dashboard(request.user, dashboard),
            "can_prepare": permissions.can_prepare_dashboards(request.user),
            "can_record_advice": permissions.can_record_advice(request.user) and not is_draft,
            **(
                pdf_context(dashboard, selectors.latest_pdf(dashboard=dashboard, language=(get_language() or "nl")[:2]))
                if permissions.can_download_dashboard_pdf(request.user, dashboard)
                else {}
            ),
        },
    )


@gate(permissions.can_prepare_dashboards, methods=READ_WRITE)
def dashboard_create(request: HttpRequest) -> HttpResponse:
    form = DashboardCreateForm(request.POST or None, programme=selected_programme(request))
    if request.method == "POST" and form.is_valid():
        try:
            dashboard = services.dashboard_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            if error.code == "draft_exists":
                _refuse(request, error)
                return redirect("analysis:dashboard_detail", pk=error.params["draft"])
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Het concept is opgeslagen. Hieronder ziet u het dashboard met de actuele cijfers.")
            )
            return redirect(dashboard)
    return render(
        request,
        "analysis/dashboards/create.html",
        {"form": form, "breadcrumbs": _crumbs((_("Nieuw dashboard"), None))},
    )


@gate(permissions.can_prepare_dashboards, methods=READ_WRITE, load=visible_dashboard)
def dashboard_edit(request: HttpRequest, dashboard: Dashboard) -> HttpResponse:
    if not permissions.can_edit_dashboard(request.user, dashboard):
        messages.error(
            request, _("Een gepubliceerd dashboard verandert niet meer. Wilt u iets wijzigen, maak dan een correctie.")
        )
        return redirect(dashboard)
    form = DashboardTextsForm(request.POST or None, instance=dashboard)
    if request.method == "POST" and form.is_valid():
        try:
            services.dashboard_update_texts(
                dashboard=dashboard,
                by=request.user,
                introduction=form.cleaned_data["introduction"],
                highlights=form.cleaned_data["highlights"],
                correction_note=form.cleaned_data.get("correction_note"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Het concept is opgeslagen."))
            return redirect(dashboard)
    return render(
        request,
        "analysis/dashboards/edit.html",
        {
            "form": form,
            "dashboard": dashboard,
            "title": dashboard_title(dashboard),
            "breadcrumbs": _dashboard_crumbs(dashboard, _("Teksten bewerken")),
        },
    )


@gate(permissions.can_prepare_dashboards, methods=READ_WRITE, load=visible_dashboard)
def dashboard_publish(request: HttpRequest, dashboard: Dashboard) -> HttpResponse:
    if request.method == "POST":
        try:
            dashboard = services.dashboard_publish(dashboard=dashboard, by=request.user)
        except ValidationError as error:
            _refuse(request, error)
        else:
            messages.success(
                request,
                _("Het dashboard is gepubliceerd. De cijfers liggen nu vast en de klankbordgroep krijgt een e-mail."),
            )
        return redirect(dashboard)
    if dashboard.status == Dashboard.Status.PUBLISHED:
        _refuse(request, services.already_published_error(dashboard))
        return redirect(dashboard)
    return render(
        request,
        "analysis/dashboards/publish.html",
        {
            "dashboard": dashboard,
            "title": dashboard_title(dashboard),
            "as_of": dashboards.snapshot_date(dashboard.year, dashboard.half, today=timezone.localdate()),
            "recipient_count": len(selectors.board_recipients()),
            "breadcrumbs": _dashboard_crumbs(dashboard, _("Publiceren")),
        },
    )


@gate(permissions.can_prepare_dashboards, methods=READ_WRITE, load=visible_dashboard)
def dashboard_correct(request: HttpRequest, dashboard: Dashboard) -> HttpResponse:
    if dashboard.status != Dashboard.Status.PUBLISHED:
        messages.error(request, _("Alleen een gepubliceerd dashboard kan worden gecorrigeerd."))
        return redirect(dashboard)
    newer = selectors.superseded_by(dashboard)
    if newer:
        messages.error(
            request,
            _("Versie %(version)s is al vervangen door versie %(latest)s. Corrigeer de nieuwste versie.")
            % {"version": dashboard.version, "latest": newer.version},
        )
        return redirect(newer)
    form = DashboardCorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            correction = services.dashboard_start_correction(
                dashboard=dashboard, by=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            if error.code == "draft_exists":
                _refuse(request, error)
                return redirect("analysis:dashboard_detail", pk=error.params["draft"])
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Versie %(version)s is aangemaakt als concept. Pas de teksten aan en publiceer hem.")
                % {"version": correction.version},
            )
            return redirect(correction)
    return render(
        request,
        "analysis/dashboards/correct.html",
        {
            "form": form,
            "dashboard": dashboard,
            "title": dashboard_title(dashboard),
            "breadcrumbs": _dashboard_crumbs(dashboard, _("Correctie maken")),
        },
    )


@gate(permissions.can_prepare_dashboards, methods=READ_WRITE, load=visible_dashboard)
def dashboard_delete(request: HttpRequest, dashboard: Dashboard) -> HttpResponse:
    if dashboard.status != Dashboard.Status.DRAFT:
        _refuse(request, services.already_published_error(dashboard))
        return redirect(dashboard)
    if request.method == "POST":
        services.dashboard_delete_draft(dashboard=dashboard, by=request.user)
        messages.success(request, _("Het concept is verwijderd."))
        return redirect("analysis:dashboard_list")
    return render(
        request,
        "analysis/dashboards/delete.html",
        {
            "dashboard": dashboard,
            "title": dashboard_title(dashboard),
            "breadcrumbs": _dashboard_crumbs(dashboard, _("Concept verwijderen")),
        },
    )


@gate(permissions.can_view_dashboards)
def dashboard_compare(request: HttpRequest) -> HttpResponse:
    """Two published dashboards side by side: per section both values and the change."""
    published = selectors.published_dashboards(user=request.user)
    choices = list(published[:2])
    if "a" in request.GET or "b" in request.GET:
        form = CompareForm(request.GET, queryset=published)
    else:
        initial = {"a": choices[1].pk, "b": choices[0].pk} if len(choices) == 2 else {}
        form = CompareForm(initial=initial, queryset=published)
    comparison = first = second = None
    if form.is_bound and form.is_valid():
        first, second = form.cleaned_data["a"], form.cleaned_data["b"]
    elif not form.is_bound and len(choices) == 2:
        first, second = choices[1], choices[0]
    if first and second:
        comparison = compare(first.snapshot, second.snapshot)
    return render(
        request,
        "analysis/dashboards/compare.html",
        {
            "form": form,
            "enough": len(choices) == 2,
            "first": first,
            "second": second,
            "first_title": dashboard_title(first) if first else "",
            "second_title": dashboard_title(second) if second else "",
            "comparison": comparison,
            "breadcrumbs": _crumbs((_("Vergelijken"), None)),
        },
    )
