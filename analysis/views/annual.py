"""Pages of the annual analysis: staff generate, follow, preview and publish; everyone reads published ones."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from analysis import annual
from analysis import texts as written_texts
from analysis.forms.annual import AnalysisRequestForm, AnalysisTextsForm, PublishForm, WithdrawForm
from analysis.models import AnnualAnalysis
from analysis.permissions import annual as permissions
from analysis.selectors import annual as selectors
from analysis.services import annual as services
from analysis.services import rendering
from core.access import READ_WRITE, anyone, gate
from core.audit import log_security_event


def _staff_analysis(request: HttpRequest, pk: int) -> AnnualAnalysis:
    analysis = selectors.analysis_get(user=request.user, pk=pk)
    if analysis is None:
        raise Http404
    return analysis


def _crumbs(*trail: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("Jaaranalyse"), reverse("analysis:analysis_list")), *trail]


def _state(analyses) -> str:
    """What a polling page shows, as a short token: if it has not changed, there is nothing to swap."""
    return ";".join(f"{a.pk}:{a.status}:{a.stage}:{a.progress}:{a.attempts}" for a in analyses)


def _unchanged(request: HttpRequest, state: str) -> bool:
    return bool(request.headers.get("HX-Request")) and request.GET.get("state") == state


def _banner(analysis: AnnualAnalysis) -> dict:
    """The line above a version's progress, saying where its job stands now (it follows each poll)."""
    words = {"version": analysis.version, "year": analysis.year}
    if analysis.status == AnnualAnalysis.Status.DONE:
        return {"level": "success", "text": _("Versie %(version)s van de analyse over %(year)s is klaar.") % words}
    if analysis.status == AnnualAnalysis.Status.FAILED:
        return {"level": "error", "text": _("Versie %(version)s van de analyse over %(year)s is mislukt.") % words}
    if analysis.status == AnnualAnalysis.Status.RUNNING:
        return {"level": "info", "text": _("Versie %(version)s van de analyse over %(year)s wordt gemaakt.") % words}
    return {"level": "info", "text": _("Versie %(version)s van de analyse over %(year)s staat in de wachtrij.") % words}


def _job_context(request: HttpRequest, analysis: AnnualAnalysis) -> dict:
    return {
        "banner": _banner(analysis),
        "state": _state([analysis]),
        "analysis": analysis,
        "title": annual.version_title(analysis),
        "stage_label": rendering.stage_label(analysis),
        "stalled": rendering.is_stalled(analysis),
        "can_retry": rendering.can_retry(analysis),
        "can_publish": permissions.can_publish_analysis(request.user, analysis),
        "can_withdraw": permissions.can_withdraw_analysis(request.user, analysis),
        "can_write_texts": permissions.can_write_texts(request.user, analysis),
        "unfinished": analysis.status in (AnnualAnalysis.Status.QUEUED, AnnualAnalysis.Status.RUNNING),
    }


@gate(permissions.can_generate_analyses, methods=READ_WRITE)
def analysis_list(request: HttpRequest) -> HttpResponse:
    """Every version per year, with its progress; the form to generate a new one."""
    form = AnalysisRequestForm(
        request.POST if request.method == "POST" else None, initial={"language": (get_language() or "nl")[:2]}
    )
    if request.method == "POST" and form.is_valid():
        programme, year = form.cleaned_data["year"]
        try:
            analysis = services.analysis_request(
                programme=programme, year=year, by=request.user, language=form.cleaned_data["language"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # No message of its own: the version's page says where the job stands, and keeps saying it.
            return redirect(analysis)
    analyses = list(selectors.analyses_for(user=request.user))
    state = _state(analyses)
    if request.method == "GET" and _unchanged(request, state):
        return HttpResponse(status=204)
    context = {
        "form": form,
        "analyses": [_job_context(request, a) for a in analyses],
        "unfinished": selectors.has_unfinished(analyses),
        "state": state,
        "breadcrumbs": [(_("Jaaranalyse"), None)],
    }
    if request.headers.get("HX-Request") and request.method == "GET":
        return render(request, "analysis/annual/_list_table.html", context)
    return render(request, "analysis/annual/list.html", context, status=400 if form.errors else 200)


@gate(permissions.can_generate_analyses, load=_staff_analysis)
def analysis_detail(request: HttpRequest, analysis: AnnualAnalysis) -> HttpResponse:
    context = _job_context(request, analysis)
    if _unchanged(request, context["state"]):
        return HttpResponse(status=204)
    if request.headers.get("HX-Request"):
        # The state changed while the page watched: the banner says so, also when the job is finished.
        return render(request, "analysis/annual/_job_update.html", {**context, "oob": True, "show_banner": True})
    versions = [a for a in selectors.analyses_for(user=request.user).filter(year=analysis.year) if a.pk != analysis.pk]
    return render(
        request,
        "analysis/annual/detail.html",
        {
            **context,
            "versions": versions,
            "history": selectors.publication_history(analysis=analysis),
            "breadcrumbs": _crumbs((context["title"], None)),
        },
    )


@gate(permissions.can_generate_analyses, methods=READ_WRITE, load=_staff_analysis)
def analysis_publish(request: HttpRequest, analysis: AnnualAnalysis) -> HttpResponse:
    """The confirmation step: what becomes public, and for whom; publishing happens only from this page."""
    title = annual.version_title(analysis)
    if not permissions.can_publish_analysis(request.user, analysis):
        messages.error(request, _("Deze versie kan nu niet worden gepubliceerd."))
        return redirect(analysis)
    form = PublishForm(request.POST if request.method == "POST" else None, initial={"data_hash": analysis.data_hash})
    if request.method == "POST":
        if not form.is_valid() or form.cleaned_data["data_hash"] != analysis.data_hash:
            messages.error(
                request,
                _("Bevestig de publicatie op deze pagina. De versie is intussen gewijzigd of niet bevestigd."),
            )
            return redirect("analysis:analysis_publish", analysis.pk)
        try:
            services.analysis_publish(analysis=analysis, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _(
                    "De analyse over %(year)s (versie %(version)s) is gepubliceerd. De klankbordgroep en het publiek "
                    "zien haar nu."
                )
                % {"year": analysis.year, "version": analysis.version},
            )
        return redirect(analysis)
    texts = selectors.text_counts(analysis=analysis)
    return render(
        request,
        "analysis/annual/publish.html",
        {
            "analysis": analysis,
            "title": title,
            "form": form,
            "texts": texts,
            "breadcrumbs": _crumbs((title, analysis.get_absolute_url()), (_("Publiceren"), None)),
        },
    )


@gate(permissions.can_generate_analyses, methods=READ_WRITE, load=_staff_analysis)
def analysis_withdraw(request: HttpRequest, analysis: AnnualAnalysis) -> HttpResponse:
    """Withdraw a published version with a reason; it stays readable, marked as withdrawn."""
    title = annual.version_title(analysis)
    if not permissions.can_withdraw_analysis(request.user, analysis):
        messages.error(
            request, _("Alleen een gepubliceerde versie die nog niet is ingetrokken, kan worden ingetrokken.")
        )
        return redirect(analysis)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.analysis_withdraw(analysis=analysis, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Versie %(version)s van de analyse over %(year)s is ingetrokken. De openbare pagina zegt nu waarom.")
                % {"year": analysis.year, "version": analysis.version},
            )
            return redirect(analysis)
    return render(
        request,
        "analysis/annual/withdraw.html",
        {
            "analysis": analysis,
            "title": title,
            "form": form,
            "breadcrumbs": _crumbs((title, analysis.get_absolute_url()), (_("Intrekken"), None)),
        },
        status=400 if form.errors else 200,
    )


def _texts_analysis(request: HttpRequest, pk: int) -> AnnualAnalysis:
    analysis = selectors.analysis_with_snapshot(user=request.user, pk=pk)
    if analysis is None:
        raise Http404
    return analysis


@gate(permissions.can_generate_analyses, methods=READ_WRITE, load=_texts_analysis)
def analysis_texts(request: HttpRequest, analysis: AnnualAnalysis) -> HttpResponse:
    """Write the programme's texts of a version in Markdown; saving freezes them into the snapshot."""
    title = annual.version_title(analysis)
    snapshot = analysis.snapshot or {}
    frozen = snapshot.get("texts") or {}
    advice = [{"id": a["id"], "subject": a["subject"]} for a in snapshot.get("year", {}).get("advice", []) if "id" in a]
    advice += [{"id": a.pk, "subject": a.subject} for a in selectors.advice_on(analysis=analysis)]
    written = selectors.texts_of(analysis=analysis)
    initial = {}
    form = AnalysisTextsForm(chapters=written_texts.chapter_list(snapshot), advice=advice)
    for name, key in form.fields_by_key.items():
        initial[name] = written[key].text if key in written else ""
    editable = permissions.can_write_texts(request.user, analysis)
    form = AnalysisTextsForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        chapters=written_texts.chapter_list(snapshot),
        advice=advice,
    )
    if not editable:
        for field in form.fields.values():
            field.disabled = True
    if request.method == "POST" and form.is_valid():
        if not editable:
            form.add_error(None, _("Deze versie is gepubliceerd: haar teksten liggen vast."))
        else:
            try:
                services.analysis_texts_save(analysis=analysis, by=request.user, texts=form.texts())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("De teksten zijn bewaard en vastgelegd met de cijfers. De PDF wordt opnieuw gemaakt."),
                )
                return redirect(analysis)
    labels = {name: str(form.fields[name].label) for name in form.fields_by_key}
    by_key = {key: labels[name] for name, key in form.fields_by_key.items()}
    history = [
        {"record": record, "label": by_key.get((record.kind, record.key), record.get_kind_display())}
        for record in selectors.text_history(analysis=analysis)
    ]
    return render(
        request,
        "analysis/annual/texts.html",
        {
            "analysis": analysis,
            "title": title,
            "form": form,
            "editable": editable,
            "frozen": frozen,
            "history": history,
            "breadcrumbs": _crumbs((title, analysis.get_absolute_url()), (_("Teksten"), None)),
        },
        status=400 if form.errors else 200,
    )


@gate(permissions.can_generate_analyses, methods=("POST",))
def analysis_text_preview(request: HttpRequest) -> HttpResponse:
    """The live preview of a text: the Markdown of one field as the clean HTML the analysis will show."""
    text = next((value for name, value in request.POST.items() if name != "csrfmiddlewaretoken"), "")
    html = written_texts.to_html(text[: written_texts.MAX_LENGTH])
    return render(request, "analysis/annual/_preview.html", {"html": html})


@gate(permissions.can_generate_analyses, methods=("POST",), load=_staff_analysis)
def analysis_retry(request: HttpRequest, analysis: AnnualAnalysis) -> HttpResponse:
    try:
        services.analysis_retry(analysis=analysis, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    # On success the version's page says where the job stands now (queued again), and follows it.
    return redirect(analysis)


# Public: the method is checked before the lookup, so a POST is a 405 whether or not the version is public.
@gate(anyone, public=True)
def analysis_pdf(request: HttpRequest, pk: int) -> FileResponse:
    """The PDF of a version: for staff always once it is done; for anyone else only when published."""
    analysis = selectors.analysis_get(user=request.user, pk=pk)
    if analysis is None or analysis.status != AnnualAnalysis.Status.DONE or not analysis.pdf:
        raise Http404
    try:
        handle = analysis.pdf.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    filename = f"landelijke-analyse-{analysis.year}-v{analysis.version}.pdf"
    download = request.GET.get("download") == "1"
    if request.user.is_authenticated:
        log_security_event("download.pdf", request=request, analysis=analysis.pk, name=filename)
    response = FileResponse(handle, content_type="application/pdf", as_attachment=download, filename=filename)
    response["Cache-Control"] = "private, no-store" if analysis.published_at is None else "public, max-age=3600"
    return response


@gate(anyone, public=True)
def public_analyses(request: HttpRequest) -> HttpResponse:
    """The published analyses, for the advisory board and the public alike."""
    analyses = list(selectors.published_analyses())
    latest: dict[int, AnnualAnalysis] = {}
    for analysis in analyses:
        latest.setdefault(analysis.year, analysis)
        analysis.display_title = annual.version_title(analysis)
        analysis.is_superseded = latest[analysis.year] is not analysis
    return render(
        request,
        "analysis/annual/public_list.html",
        {"analyses": analyses, "breadcrumbs": [(_("Landelijke analyses"), None)]},
    )
