"""Pages of the advisory board's advice: the overview, recording advice, and the programme's response."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from analysis.display.exports import ADVICE_COLUMNS
from analysis.filters.advice import AdviceFilter
from analysis.forms.advice import AdviceForm, AdviceReplyForm, AdviceResponseForm
from analysis.models import Advice, AdviceMessage
from analysis.permissions import dashboards as permissions
from analysis.selectors import advice as selectors
from analysis.selectors.dashboards import published_dashboards
from analysis.services import advice as services
from core.access import READ_WRITE, gate
from core.exports import export_links, export_response, file_format

PAGE_SIZE = 25


def _visible_advice(request: HttpRequest, pk: int) -> Advice:
    advice = selectors.advice_get(user=request.user, pk=pk)
    if advice is None:
        raise Http404
    return advice


@gate(permissions.can_view_advice)
def advice_list(request: HttpRequest) -> HttpResponse:
    """All advice with its follow-up state: counts per state, filters by state, kind and dashboard."""
    base = selectors.advice_for(user=request.user).order_by("-given_at", "-pk")
    advice_filter = _advice_filter(request, base)
    page = Paginator(advice_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = selectors.advice_counts(user=request.user, queryset=base)
    return render(
        request,
        "analysis/advice/list.html",
        {
            "filter": advice_filter,
            "page_obj": page,
            "counts": counts,
            "total": sum(item["count"] for item in counts),
            "is_filtered": any(request.GET.get(name) for name in advice_filter.filters),
            "can_record": permissions.can_record_advice(request.user),
            "export": export_links(request, "analysis:advice_export"),
            "breadcrumbs": [(_("Adviezen"), None)],
        },
    )


def _advice_filter(request: HttpRequest, base) -> AdviceFilter:
    return AdviceFilter(request.GET or None, queryset=base, user=request.user)


@gate(permissions.can_view_advice, load=file_format)
def advice_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The advice log with the page's filters, as CSV or XLSX: the advice, the response and who gave each."""
    base = selectors.advice_for(user=request.user).order_by("-given_at", "-pk")
    return export_response(
        request,
        fmt=fmt,
        columns=ADVICE_COLUMNS,
        rows=_advice_filter(request, base).qs,
        name="adviezen",
        title=_("Adviezen"),
        export="advice",
    )


@gate(permissions.can_record_advice, methods=READ_WRITE)
def advice_create(request: HttpRequest) -> HttpResponse:
    dashboards = published_dashboards(user=request.user)
    initial = {}
    if request.GET.get("dashboard", "").isdigit():
        initial["dashboard"] = int(request.GET["dashboard"])
    elif latest := dashboards.first():
        initial["dashboard"] = latest.pk
    form = AdviceForm(request.POST or None, initial=initial, dashboards=dashboards)
    if request.method == "POST" and form.is_valid():
        try:
            advice = services.advice_record(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Uw advies is vastgelegd. Het programma reageert erop; u ziet de reactie hier.")
            )
            return redirect(advice)
    return render(
        request,
        "analysis/advice/form.html",
        {
            "form": form,
            "has_dashboards": dashboards.exists(),
            "breadcrumbs": [(_("Adviezen"), reverse("analysis:advice_list")), (_("Advies geven"), None)],
        },
    )


def _detail(
    request: HttpRequest,
    advice: Advice,
    form: AdviceResponseForm | None = None,
    reply_form: AdviceReplyForm | None = None,
) -> HttpResponse:
    thread = selectors.advice_thread(advice)
    board_replied = bool(thread) and thread[-1].side == AdviceMessage.Side.BOARD
    can_respond = permissions.can_respond_to_advice(request.user, advice)
    if can_respond and form is None:
        form = AdviceResponseForm.for_advice(advice, board_replied=board_replied)
    can_reply = permissions.can_reply_to_advice(request.user, advice) and (
        bool(advice.response) or reply_form is not None
    )
    if can_reply and reply_form is None:
        reply_form = AdviceReplyForm()
    return render(
        request,
        "analysis/advice/detail.html",
        {
            "advice": advice,
            "thread": thread,
            "board_replied": board_replied,
            "history": selectors.advice_history(advice),
            "form": form if can_respond else None,
            "reply_form": reply_form if can_reply else None,
            "breadcrumbs": [(_("Adviezen"), reverse("analysis:advice_list")), (advice.subject, None)],
        },
    )


@gate(permissions.can_view_advice, load=_visible_advice)
def advice_detail(request: HttpRequest, advice: Advice) -> HttpResponse:
    return _detail(request, advice)


@gate(
    permissions.can_view_advice,
    methods=("POST",),
    load=_visible_advice,
    allow=permissions.can_respond_to_advice,
)
def advice_respond(request: HttpRequest, advice: Advice) -> HttpResponse:
    """Staff record the programme's response and follow-up state; the detail page shows the form."""
    form = AdviceResponseForm(request.POST)
    if form.is_valid():
        try:
            services.advice_respond(
                advice=advice,
                by=request.user,
                follow_up=form.cleaned_data["follow_up"],
                response=form.cleaned_data["response"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De reactie is opgeslagen. De klankbordgroep ziet haar bij het advies."))
            return redirect(advice)
    return _detail(request, advice, form)


@gate(
    permissions.can_view_advice,
    methods=("POST",),
    load=_visible_advice,
    allow=permissions.can_reply_to_advice,
)
def advice_reply(request: HttpRequest, advice: Advice) -> HttpResponse:
    """A board member replies to the programme's response; the advice page shows the form."""
    form = AdviceReplyForm(request.POST)
    if form.is_valid():
        try:
            message = services.advice_reply(advice=advice, by=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Uw reactie is geplaatst. Het programma krijgt er een melding van."))
            return redirect(f"{advice.get_absolute_url()}#bericht-{message.pk}")
    return _detail(request, advice, reply_form=form)
