"""The published analysis in its three forms: the HTML edition, the open data and (in ``annual``) the PDF.

The HTML edition is rendered from the same frozen snapshot as the PDF. Everyone reads a
published version; a withdrawn one stays readable with when and why it was withdrawn.
The board also reads a finished draft, and may give advice on it.
"""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from analysis import annual
from analysis.display import open_data
from analysis.display.annual import analysis_content
from analysis.forms.annual import AnalysisAdviceForm
from analysis.models import AnnualAnalysis
from analysis.permissions import annual as permissions
from analysis.selectors import annual as selectors
from analysis.services.advice import advice_record
from core.access import READ_WRITE, anyone, gate
from core.audit import log_security_event
from core.roles import is_board_member


def _readable(request: HttpRequest, pk: int) -> AnnualAnalysis:
    analysis = selectors.analysis_to_read(user=request.user, pk=pk)
    if analysis is None:
        raise Http404
    return analysis


def _published(request: HttpRequest, pk: int) -> AnnualAnalysis:
    """The open data is for published versions only (staff may download a draft's to check it)."""
    analysis = _readable(request, pk)
    if analysis.published_at is None and not permissions.can_generate_analyses(request.user):
        raise Http404
    return analysis


def _edition_context(request: HttpRequest, analysis: AnnualAnalysis, advice_form=None) -> dict:
    assert analysis.snapshot is not None  # analysis_to_read loads only frozen versions
    content = analysis_content(analysis.snapshot, data_hash=analysis.data_hash)
    title = annual.version_title(analysis)
    can_advise = permissions.can_advise_on_analysis(request.user, analysis)
    return {
        **content.context,
        "web": True,
        "analysis": analysis,
        "page_title": title,
        "draft": analysis.published_at is None,
        "can_advise": can_advise,
        "advice_form": advice_form or (AnalysisAdviceForm() if can_advise else None),
        "advice_given": list(selectors.advice_on(analysis=analysis)) if can_advise else [],
        "breadcrumbs": [(_("Landelijke analyses"), reverse("analysis:public_analyses")), (title, None)],
    }


# Public pages: the method is checked before the lookup, so a POST is a 405 whether or not the version is public.
@gate(anyone, public=True)
def analysis_read(request: HttpRequest, pk: int) -> HttpResponse:
    """The HTML edition of a version, from its frozen data."""
    analysis = _readable(request, pk)
    response = render(request, "analysis/annual/edition.html", _edition_context(request, analysis))
    if analysis.published_at is None:
        response["Cache-Control"] = "private, no-store"
    return response


@gate(is_board_member, methods=READ_WRITE, load=_readable, allow=permissions.can_advise_on_analysis)
def analysis_advise(request: HttpRequest, analysis: AnnualAnalysis) -> HttpResponse:
    """A board member's advice on a draft version; the programme answers it in the version's texts."""
    form = AnalysisAdviceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            advice_record(by=request.user, analysis=analysis, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Uw advies is vastgelegd. Het programma beantwoordt het in deze analyse."))
            return redirect(reverse("analysis:analysis_read", args=[analysis.pk]) + "#advies-geven")
    if request.method == "GET":
        return redirect(reverse("analysis:analysis_read", args=[analysis.pk]) + "#advies-geven")
    context = _edition_context(request, analysis, advice_form=form)
    return render(request, "analysis/annual/edition.html", context, status=400)


def _download_name(analysis: AnnualAnalysis, suffix: str) -> str:
    return f"landelijke-analyse-{analysis.year}-v{analysis.version}-{suffix}"


@gate(anyone, public=True)
def analysis_open_data(request: HttpRequest, pk: int) -> HttpResponse:
    """Every table of the version as CSV and JSON, with metadata.jsonld, in one ZIP."""
    analysis = _published(request, pk)
    assert analysis.snapshot is not None
    content = open_data.zip_archive(
        snapshot=analysis.snapshot,
        data_hash=analysis.data_hash,
        title=annual.version_title(analysis),
        issued=analysis.published_at,
        version=analysis.version,
        page_url=request.build_absolute_uri(reverse("analysis:analysis_read", args=[analysis.pk])),
    )
    log_security_event("export.zip", request=request, export="open_data", analysis=analysis.pk)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{_download_name(analysis, "open-data.zip")}"'
    return response


@gate(anyone, public=True)
def analysis_metadata(request: HttpRequest, pk: int) -> HttpResponse:
    """The DCAT-AP-NL metadata of the open data, as JSON-LD."""
    analysis = _published(request, pk)
    assert analysis.snapshot is not None
    found = open_data.tables(analysis.snapshot, data_hash=analysis.data_hash)
    meta = open_data.metadata(
        snapshot=analysis.snapshot,
        data_hash=analysis.data_hash,
        title=annual.version_title(analysis),
        issued=analysis.published_at,
        version=analysis.version,
        page_url=request.build_absolute_uri(reverse("analysis:analysis_read", args=[analysis.pk])),
        files=[f"csv/{t.name}.csv" for t in found] + [f"json/{t.name}.json" for t in found],
    )
    log_security_event("export.json", request=request, export="open_data_metadata", analysis=analysis.pk)
    return HttpResponse(json.dumps(meta, ensure_ascii=False, indent=1), content_type="application/ld+json")
