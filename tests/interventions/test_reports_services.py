"""The reporting workflow, one service per step: who may do what, and what is recorded."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail

from interventions.models import Report, ReportComment, ReportItemOutcome
from interventions.selectors.report_history import report_history
from interventions.services import reports as services
from tests.factories import InterventionFactory, ReportingPeriodFactory
from tests.interventions.reporting import (
    fill_report,
    save_items,
    start_report,
    submitted_report,
    upload,
)

pytestmark = pytest.mark.django_db

# A save that changes one rating: the claim, the rows with their outcomes, the running interventions,
# the factors, the checks, the changed outcome with its history, and the report with its history.
SAVE_QUERIES = 16


def _change(report, **values):
    item = report.items.first()
    return services.ItemChange(intervention_id=item.intervention_id, values=values)


def test_starting_a_report_makes_one_item_per_intervention_running_there(world, users):
    second = InterventionFactory(name="Tweede interventie", municipalities=[world.rotterdam])
    report = start_report(world, users["bob"])
    assert report.status == Report.Status.DRAFT
    assert report.created_by == users["bob"]
    assert set(report.items.values_list("intervention", flat=True)) == {world.rotterdam_intervention.pk, second.pk}


def test_it_refuses_a_second_report_for_the_same_period(world, users):
    start_report(world, users["bob"])
    with pytest.raises(services.ReportError) as error:
        start_report(world, users["bob"])
    assert error.value.problems[0].field == "period"
    assert "al een verslag" in error.value.problems[0].message


def test_it_refuses_a_period_that_is_closed_or_not_yet_open(world, users):
    closed = ReportingPeriodFactory(
        year=world.today.year - 3,
        half=1,
        opens_on=world.today - datetime.timedelta(days=400),
        deadline=world.today - datetime.timedelta(days=300),
        closes_on=world.today - datetime.timedelta(days=200),
    )
    future = ReportingPeriodFactory(
        year=world.today.year + 3,
        half=1,
        opens_on=world.today + datetime.timedelta(days=10),
        deadline=world.today + datetime.timedelta(days=100),
    )
    for period, phrase in ((closed, "gesloten sinds"), (future, "nog niet open")):
        with pytest.raises(services.ReportError, match=phrase):
            services.report_create(municipality=world.rotterdam, period=period, by=users["bob"], on=world.today)
    assert not Report.objects.exists()


def test_saving_records_values_outcomes_and_who_did_it(world, users):
    report = start_report(world, users["bob"])
    item = report.items.get()
    saved = services.report_save(
        report=report,
        by=users["bob"],
        revision=report.revision,
        summary="Goed halfjaar",
        items=[
            services.ItemChange(
                intervention_id=item.intervention_id,
                values={"participants_total": 50, "participants_12_17": 20, "spending": Decimal("1250.50")},
                outcomes={world.factor.pk: 4},
            )
        ],
    )
    item.refresh_from_db()
    assert (saved.summary, item.participants_total, item.participants_12_17) == ("Goed halfjaar", 50, 20)
    assert item.spending == Decimal("1250.50")
    assert item.outcomes.get().rating == 4
    assert saved.revision == report.revision + 1
    # The history knows who, even without a request (as over the API).
    assert item.history.first().history_user == users["bob"]
    assert ReportItemOutcome.history.filter(item_id=item.pk).first().history_user == users["bob"]


def test_removing_a_rating_deletes_the_outcome(world, users):
    report = start_report(world, users["bob"])
    iid = report.items.get().intervention_id
    report = services.report_save(
        report=report,
        by=users["bob"],
        revision=report.revision,
        items=[services.ItemChange(iid, {}, {world.factor.pk: 3})],
    )
    services.report_save(
        report=report,
        by=users["bob"],
        revision=report.revision,
        items=[services.ItemChange(iid, {}, {world.factor.pk: None})],
    )
    assert not ReportItemOutcome.objects.exists()


@pytest.mark.parametrize(
    ("values", "field", "phrase"),
    [
        ({"participants_total": -1}, "participants_total", "negatief"),
        ({"participants_0_11": -5}, "participants_0_11", "negatief"),
        ({"spending": Decimal("-10")}, "spending", "negatief"),
        ({"participants_total": 10, "participants_12_17": 11}, "participants_total", "leeftijdsgroepen"),
    ],
)
def test_it_refuses_impossible_numbers_and_changes_nothing(world, users, values, field, phrase):
    report = start_report(world, users["bob"])
    with pytest.raises(services.ReportError) as error:
        services.report_save(
            report=report, by=users["bob"], revision=report.revision, items=[_change(report, **values)]
        )
    problem = error.value.problems[0]
    assert (problem.field, problem.intervention_id) == (field, world.rotterdam_intervention.pk)
    assert phrase in problem.message
    assert Report.objects.get().revision == report.revision


def test_it_refuses_spending_that_takes_the_total_over_the_grant(world, users):
    other_period = ReportingPeriodFactory(
        year=world.today.year + 1, half=1, opens_on=world.today - datetime.timedelta(days=1)
    )
    earlier = services.report_create(municipality=world.rotterdam, period=other_period, by=users["bob"], on=world.today)
    fill_report(earlier, users["bob"], spending="95000")
    report = start_report(world, users["bob"])
    with pytest.raises(services.ReportError) as error:
        services.report_save(
            report=report, by=users["bob"], revision=report.revision, items=[_change(report, spending=Decimal("6000"))]
        )
    message = error.value.problems[0].message
    assert "€ 101.000,00" in message and "€ 100.000,00" in message and "€ 1.000,00" in message
    # Up to the grant is fine.
    services.report_save(
        report=report, by=users["bob"], revision=report.revision, items=[_change(report, spending=Decimal("5000"))]
    )


def test_a_report_already_over_the_grant_can_still_be_saved_if_spending_does_not_go_up(world, users):
    report = fill_report(start_report(world, users["bob"]), users["bob"], spending="90000")
    world.rotterdam.grants.update(amount=Decimal("50000"))
    saved = services.report_save(
        report=report, by=users["bob"], revision=report.revision, items=[_change(report, spending=Decimal("80000"))]
    )
    assert saved.items.get().spending == Decimal("80000")


def test_a_stale_revision_is_a_conflict_that_lists_what_changed(world, users):
    report = start_report(world, users["bob"])
    loaded = report.revision
    colleague = users["bob"]
    services.report_save(report=report, by=colleague, revision=loaded, items=[_change(report, spending=Decimal("700"))])
    with pytest.raises(services.ReportConflict) as conflict:
        services.report_save(report=report, by=users["bob"], revision=loaded, summary="Mijn versie")
    changes = [change for group in conflict.value.changes for event in group.events for change in event.changes]
    assert [(c.label, c.old, c.new) for c in changes] == [("Uitgaven (euro)", "(leeg)", "700,00")]
    assert Report.objects.get().summary == ""


def test_submitting_an_empty_report_is_refused(world, users):
    report = start_report(world, users["bob"])
    report = services.report_save(
        report=report,
        by=users["bob"],
        revision=report.revision,
        items=[_change(report, participants_total=0, spending=0)],
    )
    with pytest.raises(services.ReportError, match="leeg"):
        services.report_submit(report=report, by=users["bob"])
    assert Report.objects.get().status == Report.Status.DRAFT


def test_an_empty_figure_is_stored_as_empty_and_zero_as_zero(world, users):
    report = start_report(world, users["bob"])
    item = report.items.get()
    assert (item.participants_total, item.spending) == (None, None)
    services.report_save(
        report=report, by=users["bob"], revision=report.revision, items=[_change(report, participants_total=0)]
    )
    item.refresh_from_db()
    assert (item.participants_total, item.spending) == (0, None)
    report.refresh_from_db()
    services.report_save(
        report=report,
        by=users["bob"],
        revision=report.revision,
        items=[_change(report, participants_total=None, spending=Decimal("0"))],
    )
    item.refresh_from_db()
    assert (item.participants_total, item.spending) == (None, Decimal("0.00"))


def test_submitting_lists_each_empty_figure_per_intervention(world, users):
    second = InterventionFactory(name="Aardig Anders", municipalities=[world.rotterdam])
    report = save_items(
        start_report(world, users["bob"]),
        users["bob"],
        {world.rotterdam_intervention.pk: {"participants_total": 12, "activities": "Training"}},
    )
    with pytest.raises(services.ReportError) as refused:
        services.report_submit(report=report, by=users["bob"], revision=report.revision)
    assert [(p.intervention_id, p.field) for p in refused.value.problems] == [
        (second.pk, "participants_total"),
        (second.pk, "spending"),
        (world.rotterdam_intervention.pk, "spending"),
    ]
    assert Report.objects.get().status == Report.Status.DRAFT


def test_zero_is_an_answer_that_lets_a_report_be_submitted(world, users):
    report = fill_report(start_report(world, users["bob"]), users["bob"], spending="0")
    report = services.report_submit(report=report, by=users["bob"])
    assert report.status == Report.Status.SUBMITTED
    assert report.items.get().spending == Decimal("0")


def test_submitting_locks_the_report_for_the_municipality_and_mails_staff(
    world, users, django_capture_on_commit_callbacks
):
    report = fill_report(start_report(world, users["bob"]), users["bob"])
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_submit(report=report, by=users["bob"])
    assert (report.status, report.submitted_by) == (Report.Status.SUBMITTED, users["bob"])
    assert report.submitted_at is not None
    assert [m.to for m in mail.outbox] == [["alice@example.nl"]]
    assert "Rotterdam" in mail.outbox[0].subject
    assert f"/verslagen/{report.pk}/beoordelen/" in mail.outbox[0].body
    with pytest.raises(services.ReportStateError, match="ingediend"):
        services.report_save(report=report, by=users["bob"], revision=report.revision, summary="Nog iets")


def test_returning_needs_a_comment_which_the_municipality_then_sees(world, users):
    report = submitted_report(world, users["bob"])
    with pytest.raises(services.ReportError) as error:
        services.report_return(report=report, by=users["alice"], comment="   ")
    assert error.value.problems[0].field == "comment"
    report = services.report_return(report=report, by=users["alice"], comment="Uitgaven kloppen niet")
    assert (report.status, report.return_comment, report.reviewed_by) == (
        Report.Status.RETURNED,
        "Uitgaven kloppen niet",
        users["alice"],
    )
    assert report.comments.get().kind == ReportComment.Kind.RETURN
    # Corrected and resubmitted.
    report = fill_report(report, users["bob"], spending="900")
    assert services.report_submit(report=report, by=users["bob"]).status == Report.Status.SUBMITTED


def test_an_accepted_report_is_locked_for_everyone_until_staff_reopen_it_with_a_reason(world, users):
    report = services.report_accept(report=submitted_report(world, users["bob"]), by=users["alice"])
    assert report.status == Report.Status.ACCEPTED
    with pytest.raises(services.ReportStateError, match="geaccepteerd"):
        services.report_save(report=report, by=users["bob"], revision=report.revision, summary="x")
    with pytest.raises(services.ReportStateError):
        services.report_return(report=report, by=users["alice"], comment="toch niet")
    with pytest.raises(services.ReportError, match="heropent"):
        services.report_reopen(report=report, by=users["alice"], reason="")
    report = services.report_reopen(report=report, by=users["alice"], reason="Bedrag in regel 2 is verkeerd")
    assert (report.status, report.return_comment) == (Report.Status.RETURNED, "Bedrag in regel 2 is verkeerd")
    reasons = [reason for group in report_history(report=report) for reason in group.reasons]
    assert reasons[:3] == ["Heropend", "Geaccepteerd", "Ingediend"]


def test_review_steps_need_a_submitted_report(world, users):
    report = start_report(world, users["bob"])
    for step in (services.report_accept, lambda **kw: services.report_return(comment="x", **kw)):
        with pytest.raises(services.ReportStateError, match="nog niet ingediend"):
            step(report=report, by=users["alice"])
    with pytest.raises(services.ReportStateError, match="geaccepteerd verslag"):
        services.report_reopen(report=report, by=users["alice"], reason="x")


def test_attachments_are_stored_under_an_unguessable_name(world, users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    report = start_report(world, users["bob"])
    saved = services.report_save(
        report=report, by=users["bob"], revision=report.revision, add_files=[upload("Verslag Q1.pdf", b"%PDF-1.4 x")]
    )
    attachment = saved.attachments.get()
    assert attachment.original_name == "Verslag Q1.pdf"
    assert attachment.content_type == "application/pdf"
    assert "Verslag" not in attachment.file.name and attachment.file.name.startswith("reports/")
    assert attachment.history.first().history_user == users["bob"]


def test_a_rejected_attachment_saves_nothing_at_all(world, users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    report = start_report(world, users["bob"])
    with pytest.raises(services.ReportError) as error:
        services.report_save(
            report=report,
            by=users["bob"],
            revision=report.revision,
            summary="Niet bewaard",
            add_files=[upload("foto.pdf", b"\x89PNG\r\n\x1a\nnot really")],
        )
    assert error.value.problems[0].field == "file"
    assert Report.objects.get().summary == ""
    assert not list(tmp_path.rglob("*.*"))


@pytest.mark.parametrize("rows", [1, 4])
def test_saving_takes_the_same_queries_for_any_number_of_rows_when_one_changes(
    world, users, rows, django_assert_num_queries
):
    # Every row of the report comes back with its outcomes; the protective factors are read once.
    for n in range(rows - 1):
        InterventionFactory(name=f"Interventie {n}", municipalities=[world.rotterdam])
    report = start_report(world, users["bob"])
    assert report.items.count() == rows
    changes = [
        services.ItemChange(
            intervention_id=item.intervention_id,
            values={"participants_total": 10, "spending": Decimal("100")},
            outcomes={world.factor.pk: 3},
        )
        for item in report.items.all()
    ]
    report = services.report_save(report=report, by=users["bob"], revision=report.revision, items=changes)
    # The next save changes one rating of one row and repeats the others as they are, as the form does.
    changes[0] = services.ItemChange(
        intervention_id=changes[0].intervention_id, values=changes[0].values, outcomes={world.factor.pk: 5}
    )
    with django_assert_num_queries(SAVE_QUERIES):
        services.report_save(report=report, by=users["bob"], revision=report.revision, items=changes)
    assert ReportItemOutcome.objects.filter(item__report=report, rating=5).count() == 1
