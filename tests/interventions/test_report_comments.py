"""The comment thread of a report: staff comment on the report or one row, the municipality replies."""

import pytest
from django.urls import reverse

from interventions.models import ReportComment
from interventions.selectors.report_comments import comments_visible_to
from interventions.services import reports as services
from interventions.services.report_comments import report_comment_add
from interventions.services.report_problems import ReportError
from tests.interventions.reporting import edit_url, signed_in, start_report, submitted_report

pytestmark = pytest.mark.django_db


def _comment_url(report):
    return reverse("interventions:report_comment", args=[report.pk])


# The service ----------------------------------------------------------------------------


def test_staff_write_a_note_and_the_municipality_a_reply_each_recorded_in_the_history(world, users):
    report = submitted_report(world, users["bob"])
    note = report_comment_add(
        report=report, by=users["alice"], text="Waarom zo weinig?", intervention_id=world.rotterdam_intervention.pk
    )
    reply = report_comment_add(
        report=report, by=users["bob"], text="De zomer viel stil.", intervention_id=world.rotterdam_intervention.pk
    )
    assert (note.kind, reply.kind) == (ReportComment.Kind.NOTE, ReportComment.Kind.REPLY)
    assert note.history.get().history_user == users["alice"]
    assert reply.history.get().history_user == users["bob"]


def test_an_empty_comment_is_refused(world, users):
    report = submitted_report(world, users["bob"])
    with pytest.raises(ReportError, match="Schrijf een opmerking"):
        report_comment_add(report=report, by=users["alice"], text="   ")
    assert not ReportComment.objects.exists()


def test_a_comment_on_an_intervention_outside_the_report_is_refused(world, users):
    report = submitted_report(world, users["bob"])
    with pytest.raises(ReportError, match="staat niet in het verslag"):
        report_comment_add(
            report=report, by=users["alice"], text="Hier?", intervention_id=world.utrecht_intervention.pk
        )


def test_another_municipality_never_sees_the_comments(world, users):
    report = submitted_report(world, users["bob"])
    report_comment_add(report=report, by=users["alice"], text="Alleen voor Rotterdam")
    assert comments_visible_to(user=users["bob"]).count() == 1
    assert comments_visible_to(user=users["carol"]).count() == 0


# The pages ------------------------------------------------------------------------------


def test_staff_comment_on_a_row_and_the_municipality_sees_it_at_that_row(client, world, users):
    report = submitted_report(world, users["bob"])
    intervention = world.rotterdam_intervention
    response = signed_in(client, users["alice"]).post(
        _comment_url(report), {"intervention": intervention.pk, "text": "Graag de leeftijden invullen."}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(
        reverse("interventions:report_review", args=[report.pk]) + f"#item-{intervention.pk}-comments"
    )

    page = signed_in(client, users["bob"]).get(reverse("interventions:report_detail", args=[report.pk]))
    threads = page.context["threads"]
    assert [c.text for c in threads.for_row(intervention.pk)] == ["Graag de leeftijden invullen."]
    assert threads.report == []
    html = page.content.decode()
    row = html[html.index(f'id="item-{intervention.pk}-comments"') :]
    assert "Graag de leeftijden invullen." in row[: row.index("</article>")]


def test_the_municipality_sees_a_row_comment_in_its_form_and_replies(client, world, users):
    report = submitted_report(world, users["bob"])
    services.report_return(report=report, by=users["alice"], comment="Zie de opmerking bij de interventie.")
    intervention = world.rotterdam_intervention
    report_comment_add(report=report, by=users["alice"], text="Aantal klopt niet.", intervention_id=intervention.pk)

    c = signed_in(client, users["bob"])
    form_page = c.get(edit_url(report)).content.decode()
    fieldset = form_page[form_page.index(f'id="item-{intervention.pk}"') :]
    assert "Aantal klopt niet." in fieldset[: fieldset.index("</fieldset>")]
    assert f"{_comment_url(report)}?interventie={intervention.pk}" in fieldset

    response = c.post(_comment_url(report), {"intervention": intervention.pk, "text": "Aangepast naar 55."})
    assert response.status_code == 302
    assert response["Location"].endswith(
        reverse("interventions:report_detail", args=[report.pk]) + f"#item-{intervention.pk}-comments"
    )
    staff_page = signed_in(client, users["alice"]).get(reverse("interventions:report_review", args=[report.pk]))
    row = staff_page.context["threads"].for_row(intervention.pk)
    assert [(c.text, c.kind) for c in row] == [
        ("Aantal klopt niet.", ReportComment.Kind.NOTE),
        ("Aangepast naar 55.", ReportComment.Kind.REPLY),
    ]


def test_a_comment_on_the_whole_report_shows_with_the_report(client, world, users):
    report = start_report(world, users["bob"])
    signed_in(client, users["alice"]).post(_comment_url(report), {"intervention": "", "text": "Goed begin."})
    page = signed_in(client, users["bob"]).get(reverse("interventions:report_detail", args=[report.pk]))
    assert [c.text for c in page.context["threads"].report] == ["Goed begin."]


def test_an_empty_comment_comes_back_with_its_error(client, world, users):
    report = submitted_report(world, users["bob"])
    response = signed_in(client, users["alice"]).post(_comment_url(report), {"text": " "})
    assert response.status_code == 400
    assert "Schrijf een opmerking." in response.content.decode()


def test_a_row_of_another_municipality_cannot_be_chosen(client, world, users):
    report = submitted_report(world, users["bob"])
    response = signed_in(client, users["alice"]).post(
        _comment_url(report), {"intervention": world.utrecht_intervention.pk, "text": "Hier?"}
    )
    assert response.status_code == 400
    assert not ReportComment.objects.filter(kind=ReportComment.Kind.NOTE).exists()


def test_another_municipality_cannot_comment_and_the_board_only_reads(client, world, users):
    report = submitted_report(world, users["bob"])
    assert signed_in(client, users["carol"]).post(_comment_url(report), {"text": "Hallo"}).status_code == 404
    assert signed_in(client, users["dave"]).post(_comment_url(report), {"text": "Hallo"}).status_code == 403
    assert not ReportComment.objects.exists()


def test_the_comment_page_chooses_the_row_it_was_opened_for(client, world, users):
    report = submitted_report(world, users["bob"])
    page = signed_in(client, users["bob"]).get(_comment_url(report), {"interventie": world.rotterdam_intervention.pk})
    assert page.status_code == 200
    assert page.context["form"]["intervention"].value() == str(world.rotterdam_intervention.pk)


def test_the_history_of_the_report_shows_each_comment_with_its_row_and_author(client, world, users):
    report = submitted_report(world, users["bob"])
    report_comment_add(
        report=report, by=users["alice"], text="Waarom zo weinig?", intervention_id=world.rotterdam_intervention.pk
    )
    report_comment_add(
        report=report, by=users["bob"], text="Zomerstop.", intervention_id=world.rotterdam_intervention.pk
    )
    page = signed_in(client, users["bob"]).get(reverse("interventions:report_history", args=[report.pk]))
    events = [event for group in page.context["groups"] for event in group.events if event.action == "comment"]
    assert [(event.subject, event.text, event.user_id) for event in events] == [  # newest first
        ("Reactie van de gemeente: Weerbaar Rotterdam", "Zomerstop.", users["bob"].pk),
        ("Opmerking: Weerbaar Rotterdam", "Waarom zo weinig?", users["alice"].pk),
    ]
