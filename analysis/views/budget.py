"""The budget page for programme staff, and entering and correcting expenditures."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agenda import services
from agenda.models import Expenditure
from agenda.selectors import selected_programme
from analysis.budget import SPENDING_MARGIN, budget_position
from analysis.display import budget as budget_display
from analysis.display import exports as columns
from analysis.filters.kpis import ExpenditureFilter
from analysis.forms.budget import ExpenditureForm
from analysis.forms.kpis import AsOfForm
from analysis.permissions.kpis import can_record_expenditure, can_view_budget
from analysis.selectors import budget as selectors
from analysis.views.kpis import no_programme_page
from core.access import READ_WRITE, gate, submitted
from core.exports import export_links, export_response, file_format
from core.history import change_history

PAGE_SIZE = 25


def _crumbs(*trail) -> list:
    return [(_("Begroting"), reverse("analysis:budget")), *trail]


@gate(can_view_budget)
def budget_overview(request: HttpRequest) -> HttpResponse:
    """Planned, committed and spent per action line and year, charts, warnings and the expenditures."""
    today = timezone.localdate()
    form = AsOfForm(request.GET or None, today=today, programme=selected_programme(request))
    programme, as_of = form.choice()
    if programme is None:
        return no_programme_page(request, _("Begroting"))
    position = budget_position(programme=programme, as_of=as_of)
    filterset = _expenditure_filter(request, programme)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    filter_names = set(filterset.filters)
    return render(
        request,
        "analysis/budget/overview.html",
        {
            "form": form,
            "filter": filterset,
            "programme": programme,
            "as_of": as_of,
            "position": position,
            "year_tables": budget_display.year_tables(position),
            "total_rows": budget_display.total_rows(position),
            "line_chart": budget_display.action_line_chart(position),
            "year_chart": budget_display.year_chart(position),
            "warnings": budget_display.warnings(position),
            "overcommitted": budget_display.overcommitted(position),
            "average_rows": budget_display.average_rows(position),
            "can_plan": can_record_expenditure(request.user),
            "margin": round(SPENDING_MARGIN * 100),
            "page_obj": page,
            "filtered": any(request.GET.get(name) for name in filter_names),
            "can_record": can_record_expenditure(request.user),
            "budget_export": export_links(request, "analysis:budget_export"),
            "expenditure_export": export_links(request, "analysis:expenditure_export"),
            "breadcrumbs": [(_("Begroting"), None)],
        },
        status=400 if form.has_errors or (filterset.is_bound and not filterset.is_valid()) else 200,
    )


def _expenditure_filter(request: HttpRequest, programme) -> ExpenditureFilter:
    return ExpenditureFilter(
        request.GET or None, queryset=selectors.expenditure_list(programme=programme), programme=programme
    )


def _export_choice(request: HttpRequest):
    """The programme and date of a budget export, or None when the page would show an error for them."""
    form = AsOfForm(request.GET or None, today=timezone.localdate(), programme=selected_programme(request))
    programme, as_of = form.choice()
    if programme is None or form.has_errors:
        return None
    return programme, as_of


def _back_to_page(request: HttpRequest) -> HttpResponse:
    # The page says what is wrong with the date or the filter, and keeps what was typed.
    query = request.GET.urlencode()
    return redirect(reverse("analysis:budget") + (f"?{query}" if query else ""))


@gate(can_view_budget, load=file_format)
def budget_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The budget position per year and action line, as on the page, as CSV or XLSX."""
    choice = _export_choice(request)
    if choice is None:
        return _back_to_page(request)
    programme, as_of = choice
    tables = budget_display.year_tables(budget_position(programme=programme, as_of=as_of))
    return export_response(
        request,
        fmt=fmt,
        columns=columns.BUDGET_COLUMNS,
        rows=columns.budget_rows(tables),
        name=f"begroting-{programme.code}-{as_of:%Y-%m-%d}",
        title=_("Begroting"),
        export="budget",
        programme=programme.code,
        as_of=as_of.isoformat(),
    )


@gate(can_view_budget, load=file_format)
def expenditure_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The expenditures and commitments with the page's filters, as CSV or XLSX."""
    choice = _export_choice(request)
    filterset = _expenditure_filter(request, choice[0] if choice else None)
    if choice is None or (filterset.is_bound and not filterset.is_valid()):
        return _back_to_page(request)
    programme = choice[0]
    return export_response(
        request,
        fmt=fmt,
        columns=columns.EXPENDITURE_COLUMNS,
        rows=filterset.qs,
        name=f"uitgaven-{programme.code}",
        title=_("Uitgaven en verplichtingen"),
        export="expenditures",
        programme=programme.code,
    )


def _expenditure_or_404(request: HttpRequest, pk: int) -> Expenditure:
    expenditure = selectors.expenditure_get(pk=pk)
    if expenditure is None:
        raise Http404
    return expenditure


@gate(can_view_budget, load=_expenditure_or_404)
def expenditure_detail(request: HttpRequest, expenditure: Expenditure) -> HttpResponse:
    return render(
        request,
        "analysis/budget/expenditure_detail.html",
        {
            "expenditure": expenditure,
            "history": change_history(instance=expenditure),
            "can_record": can_record_expenditure(request.user),
            "breadcrumbs": _crumbs((str(expenditure), None)),
        },
    )


def _expenditure_form(request: HttpRequest, expenditure: Expenditure | None) -> HttpResponse:
    today = timezone.localdate()
    programme = expenditure.programme if expenditure else selected_programme(request)
    if programme is None:
        return no_programme_page(request, _("Begroting"))
    form = ExpenditureForm(submitted(request), instance=expenditure, programme=programme, today=today)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.expenditure_save(expenditure=form.save(commit=False), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if expenditure is None:
                text = _("De uitgave '%(source)s' is vastgelegd.") % {"source": saved.source}
            else:
                text = _("De wijzigingen in '%(source)s' zijn opgeslagen.") % {"source": saved.source}
            messages.success(request, text)
            return redirect("analysis:expenditure_detail", pk=saved.pk)
    title = _("Uitgave wijzigen") if expenditure else _("Nieuwe uitgave of verplichting")
    back_url = (
        reverse("analysis:expenditure_detail", args=[expenditure.pk]) if expenditure else reverse("analysis:budget")
    )
    crumbs = [(str(expenditure), back_url)] if expenditure else []
    return render(
        request,
        "analysis/budget/expenditure_form.html",
        {
            "form": form,
            "title": title,
            "expenditure": expenditure,
            "back_url": back_url,
            "breadcrumbs": _crumbs(*crumbs, (title, None)),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@gate(can_record_expenditure, methods=READ_WRITE)
def expenditure_create(request: HttpRequest) -> HttpResponse:
    return _expenditure_form(request, None)


@gate(can_record_expenditure, methods=READ_WRITE, load=_expenditure_or_404)
def expenditure_edit(request: HttpRequest, expenditure: Expenditure) -> HttpResponse:
    return _expenditure_form(request, expenditure)
