"""Every database constraint of a register model surfaces as a clear form error, never as an IntegrityError."""

import datetime

import pytest
from django.db import models

from agenda.models import Programme, ProtectiveFactor, ResilienceLevel
from interventions.forms.register import EvaluationForm, InterventionForm
from interventions.models import Evaluation, Intervention
from municipalities.forms import GrantForm, LearningCommunityMembershipForm, OrganisationForm, PartnershipForm
from municipalities.models import Grant, LearningCommunityMembership, Municipality, Organisation, Partnership
from tests.factories import InterventionFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

REGISTER_FORMS = {
    Intervention: InterventionForm,
    Evaluation: EvaluationForm,
    Grant: GrantForm,
    Organisation: OrganisationForm,
    Partnership: PartnershipForm,
    LearningCommunityMembership: LearningCommunityMembershipForm,
}


def intervention(**changes):
    data = {
        "name": "Aanpak",
        "summary": "Doet iets.",
        "owner": OrganisationFactory().pk,
        "stage": "idea",
        "evidence_level": "not_assessed",
        "resilience_level": ResilienceLevel.objects.get(code="individual").pk,
        "protective_factors": [ProtectiveFactor.objects.get(code="PF01").pk],
        "started_on": "2024-01-01",
    }
    return {**data, **changes}


def evaluation(**changes):
    data = {"intervention": InterventionFactory().pk, "title": "E", "kind": "process", "status": "running"}
    return {**data, **changes}


def grant(**changes):
    data = {
        "programme": Programme.objects.get().pk,
        "municipality": Municipality.objects.get(cbs_code="GM0599").pk,
        "regulation": "SPUK",
        "tranche": 1,
        "theme": "resilience",
        "first_year": 2023,
        "last_year": 2025,
        "amount": "1",
        "awarded_on": "2023-01-01",
    }
    return {**data, **changes}


def rotterdam_pk():
    return Municipality.objects.get(cbs_code="GM0599").pk


# constraint name -> (form, data builder, field the message belongs to)
CASES = {
    "evaluation_completed_has_date": (EvaluationForm, lambda: evaluation(status="completed"), "completed_on"),
    "evaluation_completed_after_start": (
        EvaluationForm,
        lambda: evaluation(status="completed", started_on="2024-05-01", completed_on="2024-04-01"),
        "completed_on",
    ),
    "grant_amount_not_negative": (GrantForm, lambda: grant(amount="-0.01"), "amount"),
    "grant_years_in_order": (GrantForm, lambda: grant(first_year=2026, last_year=2025), "last_year"),
    "learning_community_left_after_joined": (
        LearningCommunityMembershipForm,
        lambda: {"municipality": rotterdam_pk(), "joined_on": "2024-02-02", "left_on": "2024-02-01"},
        "left_on",
    ),
    "partnership_ends_after_start": (
        PartnershipForm,
        lambda: {
            "programme": Programme.objects.get().pk,
            "name": "P",
            "purpose": "x",
            "started_on": "2024-02-02",
            "ended_on": "2024-02-01",
        },
        "ended_on",
    ),
}
# Kept true by the form itself rather than refused: the stage decides whether there is a date.
NORMALISED = {"intervention_developed_on_matches_stage"}


def test_every_constraint_of_a_register_model_is_covered_here():
    names = {
        constraint.name
        for model in REGISTER_FORMS
        for constraint in model._meta.constraints
        if isinstance(constraint, models.CheckConstraint | models.UniqueConstraint)
    }
    assert names == set(CASES) | NORMALISED


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_constraint_violation_is_a_clear_error_on_its_field(name):
    form_class, build, field = CASES[name]
    form = form_class(data=build())
    assert not form.is_valid()
    assert list(form.errors) == [field]
    message = form.errors[field][0]
    assert "Constraint" not in message and name not in message


@pytest.mark.parametrize(
    ("stage", "developed_on", "expected"),
    [
        ("idea", "2024-05-01", None),
        ("in_development", "", None),
        ("developed", "2024-05-01", datetime.date(2024, 5, 1)),
        ("evaluated", "2024-05-01", datetime.date(2024, 5, 1)),
    ],
)
def test_the_intervention_form_keeps_developed_on_in_step_with_the_stage(stage, developed_on, expected):
    form = InterventionForm(data=intervention(stage=stage, developed_on=developed_on))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["developed_on"] == expected


def test_the_intervention_form_fills_in_today_when_developed_has_no_date():
    from django.utils import timezone

    form = InterventionForm(data=intervention(stage="being_evaluated", developed_on=""))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["developed_on"] == timezone.localdate()


@pytest.mark.parametrize("model", list(REGISTER_FORMS))
def test_each_unique_field_of_a_register_model_is_in_its_form(model):
    form_fields = set(REGISTER_FORMS[model].base_fields)
    unique = {f.name for f in model._meta.fields if f.unique and not f.primary_key}
    assert unique <= form_fields
