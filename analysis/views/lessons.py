"""Lessons from municipalities: staff pick passages from accepted reports; staff and the board read them.

Staff see whose passage it is; the board's page shows each passage as the annual analysis does:
by name with the municipality's consent, else "een gemeente in <provincie>".
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from analysis.display.annual_lessons import group_by_factor
from analysis.filters.lessons import BoardLessonFilter, CandidateFilter, PassageFilter
from analysis.forms.lessons import PassageForm
from analysis.lessons import passage_row
from analysis.models import LessonPassage
from analysis.permissions.lessons import can_pick_lessons, can_read_lessons
from analysis.selectors import lessons as selectors
from analysis.services import lessons as services
from core.access import READ_WRITE, gate, submitted
from core.history import change_history
from core.register import found_or_404

PAGE_SIZE = 25
LESSONS = (_("Lessen uit gemeenten"), "analysis:lessons")
PASSAGES = (_("Gekozen passages"), "analysis:lesson_list")


def _crumbs(*items) -> list:
    return [(label, reverse(name) if name else None) for label, name in items]


def _filtered(request: HttpRequest) -> bool:
    return any(value not in (None, "") for key, value in request.GET.items() if key != "page")


@gate(can_read_lessons)
def lessons(request: HttpRequest) -> HttpResponse:
    filterset = BoardLessonFilter(request.GET, queryset=selectors.board_passages())
    groups = group_by_factor([passage_row(p) for p in filterset.qs])
    return render(
        request,
        "analysis/lessons/board.html",
        {
            "filter": filterset,
            "filtered": _filtered(request),
            "groups": groups,
            "count": sum(len(g.passages) for g in groups),
            "can_pick": can_pick_lessons(request.user),
            "breadcrumbs": _crumbs((LESSONS[0], None)),
        },
    )


@gate(can_pick_lessons)
def lesson_candidates(request: HttpRequest) -> HttpResponse:
    filterset = CandidateFilter(request.GET, queryset=selectors.candidate_items())
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "analysis/lessons/candidates.html",
        {
            "filter": filterset,
            "filtered": _filtered(request),
            "page_obj": page,
            "sources": LessonPassage.Source.choices,
            "breadcrumbs": _crumbs(LESSONS, PASSAGES, (_("Passages kiezen"), None)),
        },
    )


@gate(can_pick_lessons)
def lesson_list(request: HttpRequest) -> HttpResponse:
    filterset = PassageFilter(request.GET, queryset=selectors.passage_list())
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "analysis/lessons/list.html",
        {
            "filter": filterset,
            "filtered": _filtered(request),
            "page_obj": page,
            "removed": LessonPassage.history.filter(history_type="-")
            .select_related("history_user")
            .order_by("-history_date")[:10],
            "breadcrumbs": _crumbs(LESSONS, (PASSAGES[0], None)),
        },
    )


def _new_passage(request: HttpRequest, item: int, source: str) -> LessonPassage:
    """An unsaved passage of a line of an accepted report, holding the whole text of the chosen field."""
    if source not in LessonPassage.Source.values:
        raise Http404
    line = found_or_404(selectors.candidate_item)(request, pk=item)
    text = getattr(line, source)
    if not text.strip():
        raise Http404
    return LessonPassage(item=line, source=source, text=text)


def _passage_form_page(request: HttpRequest, passage: LessonPassage, *, title, created: bool) -> HttpResponse:
    form = PassageForm(submitted(request), instance=passage, factors=services.factor_choices(passage.item))
    if request.method == "POST" and form.is_valid():
        try:
            passage = services.passage_save(passage=form.save(commit=False), by=request.user)
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(
                request, gettext("De passage is gekozen.") if created else gettext("De passage is gewijzigd.")
            )
            return redirect(passage.get_absolute_url())
    return render(
        request,
        "analysis/lessons/form.html",
        {
            "form": form,
            "passage": passage,
            "item": passage.item,
            "title": title,
            "back_url": reverse("analysis:lesson_candidates") if created else passage.get_absolute_url(),
            "breadcrumbs": _crumbs(LESSONS, PASSAGES, (title, None)),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@gate(can_pick_lessons, methods=READ_WRITE, load=_new_passage)
def lesson_pick(request: HttpRequest, passage: LessonPassage) -> HttpResponse:
    return _passage_form_page(request, passage, title=_("Passage kiezen"), created=True)


@gate(can_pick_lessons, load=found_or_404(selectors.passage_detail))
def lesson_detail(request: HttpRequest, passage: LessonPassage) -> HttpResponse:
    return render(
        request,
        "analysis/lessons/detail.html",
        {
            "passage": passage,
            "row": passage_row(passage),
            "excerpt_problem": services.excerpt_problem(excerpt=passage.text, source=passage.source_text),
            "history": change_history(instance=passage),
            "breadcrumbs": _crumbs(LESSONS, PASSAGES, (_("Passage"), None)),
        },
    )


@gate(can_pick_lessons, methods=READ_WRITE, load=found_or_404(selectors.passage_detail))
def lesson_edit(request: HttpRequest, passage: LessonPassage) -> HttpResponse:
    return _passage_form_page(request, passage, title=_("Passage wijzigen"), created=False)


@gate(can_pick_lessons, methods=READ_WRITE, load=found_or_404(selectors.passage_detail))
def lesson_remove(request: HttpRequest, passage: LessonPassage) -> HttpResponse:
    if request.method == "POST":
        services.passage_remove(passage=passage, by=request.user)
        messages.success(request, gettext("De passage is verwijderd; de geschiedenis bewaart haar."))
        return redirect("analysis:lesson_list")
    return render(
        request,
        "analysis/lessons/remove.html",
        {"passage": passage, "breadcrumbs": _crumbs(LESSONS, PASSAGES, (_("Passage verwijderen"), None))},
    )
