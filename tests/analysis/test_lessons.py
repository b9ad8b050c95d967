"""Lessons from municipalities: picking passages from accepted reports, consent to be named, the board's
page and the chapter of the annual analysis."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from agenda.models import ProtectiveFactor
from analysis import annual
from analysis.lessons import lessons_section
from analysis.models import LessonPassage
from analysis.services import annual as annual_services
from analysis.services.lessons import excerpt_problem, passage_save
from analysis.snapshots import canonical_json, freeze
from interventions.models import Report
from municipalities.models import Municipality
from municipalities.services import municipality_set_lesson_consent
from tests.factories import InterventionFactory, ReportFactory, ReportingPeriodFactory, ReportItemFactory

pytestmark = pytest.mark.django_db

# Session, user and role (3), the header's programme switcher and unread count; then each page's own, none per row:
QUERIES_CANDIDATES = 12  # count, the filters' periods, factors, municipalities; the lines; factors; outcomes
QUERIES_PASSAGES = 11  # count, the filters' periods, factors, municipalities; the passages; recently removed
QUERIES_BOARD = 8  # the passages with everything they show (one query); the filters' periods and factors
LESSON = (
    "Jongeren kwamen pas toen zij zelf het programma mochten bepalen. Een vaste plek deed meer dan een grote "
    "campagne. Volgend jaar beginnen we eerder."
)


def accepted_item(*, cbs_code="GM0599", year=2025, half=1, lessons=LESSON, notes="", factor="PF01"):
    """A line of an accepted report, its intervention working on ``factor``."""
    municipality = Municipality.objects.get(cbs_code=cbs_code)
    report = ReportFactory(
        municipality=municipality,
        period=ReportingPeriodFactory(year=year, half=half),
        status=Report.Status.ACCEPTED,
        submitted_at=timezone.now(),
    )
    intervention = InterventionFactory(protective_factors=[ProtectiveFactor.objects.get(code=factor)])
    return ReportItemFactory(report=report, intervention=intervention, lessons_learned=lessons, notes=notes)


def pick(item, by, *, text=None, factor="PF01", good=False, source="lessons_learned"):
    return passage_save(
        passage=LessonPassage(
            item=item,
            source=source,
            text=LESSON if text is None else text,
            protective_factor=ProtectiveFactor.objects.get(code=factor),
            is_good_practice=good,
        ),
        by=by,
    )


# ---------------------------------------------------------------------------
# An excerpt is a part of its source


@pytest.mark.parametrize(
    "excerpt",
    [
        LESSON,
        "Een vaste plek deed meer dan een grote campagne.",
        "Jongeren kwamen pas toen zij zelf het programma mochten bepalen. … Volgend jaar beginnen we eerder.",
        "Jongeren kwamen pas ... een grote campagne.",
        "Een  vaste plek deed\nmeer dan een grote campagne.",  # line breaks and double spaces do not count
    ],
)
def test_an_excerpt_that_stands_in_the_report_is_accepted(excerpt):
    assert excerpt_problem(excerpt=excerpt, source=LESSON) is None


@pytest.mark.parametrize(
    "excerpt",
    [
        "Jongeren kwamen toen zij zelf het programma mochten bepalen.",  # a word left out without saying so
        "Een vaste plek deed veel meer dan een grote campagne.",  # a word added
        "Volgend jaar beginnen we eerder. … Jongeren kwamen pas",  # parts in another order
        "   ",
        "…",
    ],
)
def test_an_excerpt_that_rewrites_the_report_is_refused(excerpt):
    assert excerpt_problem(excerpt=excerpt, source=LESSON)


def test_a_passage_is_picked_only_from_an_accepted_report(users):
    item = accepted_item()
    item.report.status = Report.Status.SUBMITTED
    item.report.save()
    with pytest.raises(Exception, match="geaccepteerd"):
        pick(item, users["alice"])
    assert not LessonPassage.objects.exists()


def test_a_passage_is_filed_under_a_factor_the_line_is_about(users):
    item = accepted_item(factor="PF01")
    with pytest.raises(Exception, match="beschermende factor"):
        pick(item, users["alice"], factor="PF02")


# ---------------------------------------------------------------------------
# The staff pages


def test_staff_pick_an_edited_down_passage_and_it_is_in_its_history(staff_client, users):
    item = accepted_item()
    url = reverse("analysis:lesson_pick", args=[item.pk, "lessons_learned"])
    page = staff_client.get(url)
    assert page.status_code == 200
    assert LESSON in page.content.decode()  # the whole text, ready to be cut down
    factor = ProtectiveFactor.objects.get(code="PF01")
    response = staff_client.post(
        url,
        {"text": "Een vaste plek deed meer dan een grote campagne.", "protective_factor": factor.pk},
    )
    passage = LessonPassage.objects.get()
    assert response.status_code == 302 and response.url == passage.get_absolute_url()
    assert passage.text == "Een vaste plek deed meer dan een grote campagne."
    assert passage.picked_by == users["alice"]
    assert passage.history.get().history_user == users["alice"]


def test_a_rewritten_passage_is_refused_with_a_message_and_the_text_kept(staff_client):
    item = accepted_item()
    factor = ProtectiveFactor.objects.get(code="PF01")
    rewritten = "Een vaste plek werkt altijd beter dan een campagne."
    response = staff_client.post(
        reverse("analysis:lesson_pick", args=[item.pk, "lessons_learned"]),
        {"text": rewritten, "protective_factor": factor.pk},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "staat niet zo in het verslag" in html
    assert rewritten in html
    assert not LessonPassage.objects.exists()


def test_a_line_of_a_report_that_is_not_accepted_cannot_be_picked_from(staff_client):
    item = accepted_item()
    Report.objects.filter(pk=item.report_id).update(status=Report.Status.RETURNED, return_comment="Graag nakijken")
    assert staff_client.get(reverse("analysis:lesson_pick", args=[item.pk, "lessons_learned"])).status_code == 404


def test_staff_change_and_remove_a_passage_and_the_history_keeps_both(staff_client, users):
    passage = pick(accepted_item(), users["alice"])
    response = staff_client.post(
        reverse("analysis:lesson_edit", args=[passage.pk]),
        {"text": LESSON, "protective_factor": passage.protective_factor_id, "is_good_practice": "on"},
    )
    assert response.status_code == 302
    passage.refresh_from_db()
    assert passage.is_good_practice
    detail = staff_client.get(passage.get_absolute_url()).content.decode()
    assert "Geschiedenis" in detail and "Goed voorbeeld" in detail

    assert staff_client.post(reverse("analysis:lesson_remove", args=[passage.pk])).status_code == 302
    assert not LessonPassage.objects.exists()
    removed = LessonPassage.history.get(history_type="-")
    assert removed.history_user == users["alice"] and removed.text == LESSON
    listing = staff_client.get(reverse("analysis:lesson_list")).content.decode()
    assert "Onlangs verwijderd" in listing


@pytest.mark.parametrize(
    ("url_name", "role", "queries"),
    [
        ("analysis:lesson_candidates", "alice", QUERIES_CANDIDATES),
        ("analysis:lesson_list", "alice", QUERIES_PASSAGES),
        ("analysis:lessons", "dave", QUERIES_BOARD),
    ],
)
def test_the_lists_run_a_fixed_number_of_queries(client, users, django_assert_num_queries, url_name, role, queries):
    client.force_login(users[role])
    pick(accepted_item(year=2020), users["alice"])
    with django_assert_num_queries(queries):
        assert client.get(reverse(url_name)).status_code == 200
    for year in (2021, 2022, 2023, 2024):
        pick(accepted_item(year=year, cbs_code="GM0344"), users["alice"], good=year % 2 == 0)
    with django_assert_num_queries(queries):
        assert client.get(reverse(url_name)).status_code == 200


# ---------------------------------------------------------------------------
# Consent: by name, or "een gemeente in <provincie>"


def test_without_consent_the_board_reads_the_province_and_never_the_name(board_client, users):
    pick(accepted_item(cbs_code="GM0599"), users["alice"])  # Rotterdam, Zuid-Holland
    html = board_client.get(reverse("analysis:lessons")).content.decode()
    assert "Een gemeente in Zuid-Holland" in html
    assert "Rotterdam" not in html
    assert "Een vaste plek deed meer" in html


def test_with_consent_the_board_reads_the_name(board_client, users):
    item = accepted_item(cbs_code="GM0599")
    municipality_set_lesson_consent(municipality=item.report.municipality, shares_by_name=True, by=users["alice"])
    pick(item, users["alice"])
    html = board_client.get(reverse("analysis:lessons")).content.decode()
    assert "Rotterdam" in html
    assert "een gemeente in Zuid-Holland" not in html.lower()


def test_the_board_cannot_filter_on_a_municipality(board_client, users):
    pick(accepted_item(cbs_code="GM0599"), users["alice"])
    html = board_client.get(reverse("analysis:lessons"), {"municipality": "GM0599", "q": "Rotterdam"}).content.decode()
    assert 'name="municipality"' not in html and 'name="q"' not in html


def test_a_municipality_user_gives_consent_for_their_own_municipality_and_it_is_in_its_history(
    municipality_client, users
):
    response = municipality_client.post(reverse("municipalities:own_lesson_consent"), {"shares_lessons_by_name": "on"})
    assert response.status_code == 302
    rotterdam = Municipality.objects.get(cbs_code="GM0599")
    assert rotterdam.shares_lessons_by_name
    assert rotterdam.history.latest("history_date").history_user == users["bob"]
    utrecht = Municipality.objects.get(cbs_code="GM0344")
    assert not utrecht.shares_lessons_by_name


def test_staff_withdraw_a_municipalitys_consent(staff_client, users):
    utrecht = Municipality.objects.get(cbs_code="GM0344")
    municipality_set_lesson_consent(municipality=utrecht, shares_by_name=True, by=users["carol"])
    response = staff_client.post(reverse("municipalities:municipality_lesson_consent", args=["GM0344"]), {})
    assert response.status_code == 302
    utrecht.refresh_from_db()
    assert not utrecht.shares_lessons_by_name
    assert [h.history_user for h in utrecht.history.order_by("-history_id")[:2]] == [users["alice"], users["carol"]]


# ---------------------------------------------------------------------------
# The chapter of the annual analysis


def test_the_frozen_lessons_hold_no_name_without_consent(users):
    pick(accepted_item(cbs_code="GM0599", year=2025), users["alice"])
    item = accepted_item(cbs_code="GM0344", year=2025, factor="PF02")
    municipality_set_lesson_consent(municipality=item.report.municipality, shares_by_name=True, by=users["alice"])
    pick(item, users["alice"], factor="PF02", good=True)
    pick(accepted_item(cbs_code="GM0363", year=2024), users["alice"])  # another year: not in 2025's analysis
    frozen, _hash = freeze(lessons_section(year=2025))
    text = canonical_json(frozen)
    assert len(frozen["passages"]) == 2
    assert "Rotterdam" not in text
    assert "Utrecht" in text and "Amsterdam" not in text


def test_the_analysis_has_a_lessons_chapter_by_factor_and_the_scp_matrix(programme, users):
    pick(
        accepted_item(cbs_code="GM0599", year=2024),
        users["alice"],
        text="Een vaste plek deed meer dan een grote campagne.",
    )
    item = accepted_item(cbs_code="GM0344", year=2024, factor="PF02")
    municipality_set_lesson_consent(municipality=item.report.municipality, shares_by_name=True, by=users["alice"])
    pick(item, users["alice"], factor="PF02", good=True)
    InterventionFactory.create_batch(2, capacity="adaptation", connection="vertical")
    data = annual.analysis_data(programme=programme, year=2024, version=1, today=datetime.date(2025, 3, 1))
    frozen, data_hash = freeze(data)
    document = annual_services.render_document(frozen, data_hash=data_hash, language="nl")
    html = document.html
    assert not document.gaps
    chapter = html[html.index('id="lessen"') : html.index('id="samenwerking"')]
    assert chapter.index("PF01") < chapter.index("Een gemeente in Zuid-Holland") < chapter.index("PF02")
    assert "Rotterdam" not in chapter
    assert "Utrecht" in chapter and "Goed voorbeeld" in chapter
    assert "De programmastaf koos 2 passages" in chapter
    scp = html[html.index('id="scp-kader"') : html.index('id="gemeenten"')]
    # The two interventions of this test are the only ones with a place in the framework.
    assert frozen["scp"]["counts"]["adaptation"]["vertical"] == 2
    assert '<td class="num heat-4">2</td>' in scp
    assert "De meeste interventies (2) combineren adaptatie met verticale verbinding." in scp


def test_a_version_frozen_before_these_chapters_renders_without_them_and_without_gaps(programme, users):
    pick(accepted_item(cbs_code="GM0599", year=2024), users["alice"])
    data = annual.analysis_data(programme=programme, year=2024, version=1, today=datetime.date(2025, 3, 1))
    frozen, data_hash = freeze({key: value for key, value in data.items() if key not in ("lessons", "scp")})
    document = annual_services.render_document(frozen, data_hash=data_hash, language="nl")
    assert not document.gaps
    assert 'id="lessen"' not in document.html and 'id="scp-kader"' not in document.html
    assert "Lessen uit gemeenten" not in document.html


def test_an_anonymised_passage_leaves_out_an_intervention_that_runs_in_its_municipality_only(board_client, users):
    item = accepted_item(cbs_code="GM0599")
    item.intervention.name = "Weerbaar Rotterdam-Zuid"
    item.intervention.save()
    item.intervention.municipalities.set([item.report.municipality])
    pick(item, users["alice"])
    shared = accepted_item(cbs_code="GM0599", half=2)
    shared.intervention.name = "Samen Sterk"
    shared.intervention.save()
    shared.intervention.municipalities.set(Municipality.objects.filter(cbs_code__in=["GM0599", "GM0344"]))
    pick(shared, users["alice"])
    html = board_client.get(reverse("analysis:lessons")).content.decode()
    assert "Rotterdam" not in html
    assert "Samen Sterk" in html
    frozen = canonical_json(freeze(lessons_section(year=2025))[0])
    assert "Rotterdam" not in frozen and "Samen Sterk" in frozen
