"""The society indicators: the register and one indicator (staff and the board), and the CSV import (staff).

Every figure and trend comes from ``analysis.display.society_chapter``, the same code
the annual analysis uses; these views parse, check permission, call a service or a
selector, and render.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from analysis.display.society_chapter import indicator_figure, indicator_figure_of, source_text, unit_label
from analysis.forms.indicators import ImportSettingsForm, ImportUploadForm, IndicatorForm, IndicatorValueForm
from analysis.indicator_models import Indicator, IndicatorImport, IndicatorValue
from analysis.permissions.indicators import can_import_indicators, can_view_indicators
from analysis.selectors import indicators as selectors
from analysis.services import indicators as services
from analysis.society import indicator_data
from core.access import READ_WRITE, gate, submitted, visible_or_404
from core.register import saved


def _crumbs(*trail) -> list:
    return [(_("Indicatoren"), reverse("analysis:indicator_list")), *trail]


@gate(can_view_indicators)
def indicator_list(request: HttpRequest) -> HttpResponse:
    """Every indicator with its latest national figure, trend and source, per resilience level."""
    rows = []
    for indicator in selectors.indicator_list():
        figure = indicator_figure_of(indicator_data(indicator, indicator.national_values), with_chart=False)
        rows.append({"indicator": indicator, "figure": figure})
    return render(
        request,
        "analysis/indicators/list.html",
        {
            "rows": rows,
            "can_import": can_import_indicators(request.user),
            "breadcrumbs": [(_("Indicatoren"), None)],
        },
    )


def _indicator_or_404(request: HttpRequest, code: str) -> Indicator:
    indicator = selectors.indicator_get(code=code)
    if indicator is None:
        raise Http404
    return indicator


def provenance_label(value: IndicatorValue) -> str:
    """Where a figure came from, in words."""
    if value.provenance == IndicatorValue.Provenance.IMPORT and value.source_import_id:
        return _("Import %(file)s, regel %(row)s") % {"file": value.source_import.file_name, "row": value.source_row}
    if value.provenance == IndicatorValue.Provenance.MANUAL:
        who = value.recorded_by.get_full_name() or value.recorded_by.get_username() if value.recorded_by else ""
        return _("Met de hand vastgelegd door %(who)s") % {"who": who} if who else _("Met de hand vastgelegd")
    if value.provenance == IndicatorValue.Provenance.REFERENCE:
        return _("Referentiegegevens (bron van het programma)")
    return str(value.get_provenance_display())


@gate(can_view_indicators, load=_indicator_or_404)
def indicator_detail(request: HttpRequest, indicator: Indicator) -> HttpResponse:
    """One indicator: its definition and source, its national figures as a line chart with the table, and every
    figure with its breakdown and provenance."""
    values = list(selectors.indicator_values(indicator=indicator))
    national = [v for v in values if not v.breakdown]
    figure = indicator_figure_of(indicator_data(indicator, national))
    table = [
        {
            "value": value,
            "display": indicator_figure(value.value.normalize(), indicator.unit),
            "provenance": provenance_label(value),
        }
        for value in values
    ]
    can_import = can_import_indicators(request.user)
    return render(
        request,
        "analysis/indicators/detail.html",
        {
            "indicator": indicator,
            "figure": figure,
            "table": table,
            "has_breakdowns": any(v.breakdown for v in values),
            "unit": unit_label(indicator.unit),
            "source": source_text(
                {"publisher": indicator.source_publisher, "table": indicator.source_table}, indicator.licence
            ),
            "can_import": can_import,
            "imports": list(selectors.import_list(indicator=indicator)[:10]) if can_import else [],
            "breadcrumbs": _crumbs((indicator.label, None)),
        },
    )


@gate(can_import_indicators, methods=READ_WRITE)
def import_create(request: HttpRequest) -> HttpResponse:
    """Upload a CSV for an indicator; the file is kept and previewed, nothing is written to the figures yet."""
    initial = {}
    if code := request.GET.get("indicator"):
        initial["indicator"] = Indicator.objects.filter(code=code).first()
    form = ImportUploadForm(submitted(request), request.FILES or None, initial=initial)
    file_error = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            kept = services.import_upload(
                indicator=form.cleaned_data["indicator"],
                file_name=upload.name,
                data=upload.read(),
                value_column=form.cleaned_data["value_column"],
                by=request.user,
            )
        except services.ImportFileError as error:
            file_error = str(error)
        else:
            return redirect("analysis:indicator_import_detail", pk=kept.pk)
    return render(
        request,
        "analysis/indicators/import_form.html",
        {
            "form": form,
            "file_error": file_error,
            "breadcrumbs": _crumbs((_("Cijfers inlezen"), None)),
        },
        status=400 if request.method == "POST" else 200,
    )


def _import_or_404(request: HttpRequest, pk: int) -> IndicatorImport:
    return visible_or_404(selectors.import_visible(), pk=pk)


@gate(can_import_indicators, methods=READ_WRITE, load=_import_or_404)
def import_detail(request: HttpRequest, upload: IndicatorImport) -> HttpResponse:
    """The preview of a kept file: per row what would happen; read it differently, or apply it."""
    settings_form = ImportSettingsForm(initial={"indicator": upload.indicator, "value_column": upload.value_column})
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "apply":
            preview = services.import_apply(upload=upload, by=request.user)
            if not preview.has_errors:
                counts = preview.counts
                messages.success(
                    request,
                    _(
                        "De cijfers zijn ingelezen: %(new)s nieuw, %(changed)s gewijzigd, %(unchanged)s ongewijzigd, "
                        "%(skipped)s overgeslagen."
                    )
                    % counts,
                )
                return redirect("analysis:indicator_detail", code=upload.indicator.code)
            status = 400
        elif action == "change":
            settings_form = ImportSettingsForm(request.POST)
            if settings_form.is_valid():
                services.import_change(
                    upload=upload,
                    indicator=settings_form.cleaned_data["indicator"],
                    value_column=settings_form.cleaned_data["value_column"],
                    by=request.user,
                )
                return redirect("analysis:indicator_import_detail", pk=upload.pk)
            status = 400
        else:
            status = 400
    upload.refresh_from_db()
    preview = services.import_preview(upload=upload)
    return render(
        request,
        "analysis/indicators/import_preview.html",
        {
            "upload": upload,
            "preview": preview,
            "counts": preview.counts,
            "settings_form": settings_form,
            "unit": upload.indicator.unit,
            "rows": [
                {
                    "row": row,
                    "display": indicator_figure(row.value, upload.indicator.unit) if row.value is not None else "",
                    "old_display": indicator_figure(row.old_value.normalize(), upload.indicator.unit)
                    if row.old_value is not None
                    else "",
                }
                for row in preview.rows
            ],
            "breadcrumbs": _crumbs(
                (upload.indicator.label, reverse("analysis:indicator_detail", args=[upload.indicator.code])),
                (_("Voorbeeld van de import"), None),
            ),
        },
        status=status,
    )


@gate(can_import_indicators, methods=READ_WRITE, load=_indicator_or_404)
def value_create(request: HttpRequest, indicator: Indicator) -> HttpResponse:
    """Staff record or correct one figure by hand; its provenance says so."""
    form = IndicatorValueForm(submitted(request))
    if request.method == "POST" and form.is_valid():
        try:
            figure = services.value_record(indicator=indicator, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Het cijfer over %(period)s is vastgelegd.") % {"period": figure.period},
            )
            return redirect("analysis:indicator_detail", code=indicator.code)
    return render(
        request,
        "analysis/indicators/value_form.html",
        {
            "form": form,
            "indicator": indicator,
            "breadcrumbs": _crumbs(
                (indicator.label, reverse("analysis:indicator_detail", args=[indicator.code])),
                (_("Cijfer vastleggen"), None),
            ),
        },
        status=400 if request.method == "POST" else 200,
    )


def _indicator_form_page(request: HttpRequest, indicator: Indicator | None) -> HttpResponse:
    form = IndicatorForm(submitted(request), instance=indicator)
    if request.method == "POST" and form.is_valid():
        return saved(
            request, services.indicator_save(indicator=form.instance, by=request.user), created=indicator is None
        )
    title = _("%(name)s wijzigen") % {"name": indicator.label} if indicator else _("Nieuwe indicator")
    back_url = indicator.get_absolute_url() if indicator else reverse("analysis:indicator_list")
    trail = [(indicator.label, back_url)] if indicator else []
    return render(
        request,
        "register/form.html",
        {
            "form": form,
            "title": title,
            "back_url": back_url,
            "object": indicator,
            "breadcrumbs": _crumbs(*trail, (title, None)),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@gate(can_import_indicators, methods=READ_WRITE)
def indicator_create(request: HttpRequest) -> HttpResponse:
    """Staff add an indicator to the register."""
    return _indicator_form_page(request, None)


@gate(can_import_indicators, methods=READ_WRITE, load=_indicator_or_404)
def indicator_edit(request: HttpRequest, indicator: Indicator) -> HttpResponse:
    """Staff change what an indicator measures, speaks to, or where its figures come from."""
    return _indicator_form_page(request, indicator)
