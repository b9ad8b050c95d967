"""Factories for test data. Reference data (programme, factors, municipalities) is already loaded."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth.models import Group, User
from django.utils.text import slugify

from agenda.models import ProtectiveFactor, ResilienceLevel
from analysis.models import Advice, AnnualAnalysis, Dashboard
from core import roles
from interventions.models import Evaluation, Intervention, Report, ReportingPeriod, ReportItem
from municipalities.models import (
    Grant,
    LearningCommunityMembership,
    Membership,
    Municipality,
    Organisation,
    Partnership,
)

PASSWORD = "correct horse battery staple"

_ROLE_GROUPS = {"staff": roles.STAFF, "municipality": roles.MUNICIPALITY, "board": roles.BOARD}


def make_user(username: str, *, role: str | None = None, cbs_code: str | None = None) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, email=f"{username}@example.nl")
    if role:
        user.groups.add(Group.objects.get(name=_ROLE_GROUPS[role]))
    if cbs_code:
        Membership.objects.create(user=user, municipality=Municipality.objects.get(cbs_code=cbs_code))
    return user


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = Organisation.Kind.CIVIL_SOCIETY


class InterventionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Intervention
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Interventie {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    summary = "Wat de interventie doet."
    owner = factory.SubFactory(OrganisationFactory)
    resilience_level = factory.LazyFunction(lambda: ResilienceLevel.objects.get(code="individual"))
    started_on = datetime.date(2023, 3, 1)
    is_public = True

    @factory.post_generation
    def protective_factors(self, create, extracted, **kwargs):
        if create:
            self.protective_factors.set(extracted or [ProtectiveFactor.objects.get(code="PF01")])

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.municipalities.set(extracted)


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evaluation

    intervention = factory.SubFactory(InterventionFactory)
    kind = Evaluation.Kind.PROCESS
    title = factory.Sequence(lambda n: f"Evaluatie {n}")
    status = Evaluation.Status.COMPLETED
    started_on = datetime.date(2024, 1, 1)
    completed_on = datetime.date(2024, 9, 1)


class GrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grant

    programme = factory.LazyFunction(lambda: _programme())
    municipality = factory.LazyFunction(lambda: Municipality.objects.get(cbs_code="GM0599"))
    first_year = 2023
    last_year = 2025
    amount = Decimal("500000")
    awarded_on = datetime.date(2023, 4, 1)


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    programme = factory.LazyFunction(lambda: _programme())
    name = factory.Sequence(lambda n: f"Samenwerkingsverband {n}")
    purpose = "Samen sterker in de wijk."
    started_on = datetime.date(2024, 1, 1)


class LearningCommunityMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningCommunityMembership

    municipality = factory.LazyFunction(lambda: Municipality.objects.get(cbs_code="GM0599"))
    joined_on = datetime.date(2024, 1, 1)


class ReportingPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingPeriod
        django_get_or_create = ("year", "half")

    year = 2024
    half = 1
    opens_on = factory.LazyAttribute(lambda o: datetime.date(o.year, 1 if o.half == 1 else 7, 1))
    deadline = factory.LazyAttribute(
        lambda o: datetime.date(o.year, 8, 31) if o.half == 1 else datetime.date(o.year + 1, 2, 28)
    )


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    municipality = factory.LazyFunction(lambda: Municipality.objects.get(cbs_code="GM0599"))
    period = factory.SubFactory(ReportingPeriodFactory)
    status = Report.Status.DRAFT


class ReportItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportItem

    report = factory.SubFactory(ReportFactory)
    intervention = factory.SubFactory(InterventionFactory)
    participants_total = 40
    spending = Decimal("1000")


def _programme():
    from agenda.models import Programme

    return Programme.objects.get(code="agenda-2023-2025")


class DashboardFactory(factory.django.DjangoModelFactory):
    """A draft dashboard; publish it with analysis.services.dashboards.dashboard_publish."""

    class Meta:
        model = Dashboard

    programme = factory.LazyFunction(lambda: _programme())
    year = 2024
    half = 1
    introduction = "Inleiding bij het dashboard."
    highlights = "Eerste hoogtepunt\nTweede hoogtepunt"


class AdviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Advice

    dashboard = factory.SubFactory(DashboardFactory)
    kind = Advice.Kind.ASKED
    subject = factory.Sequence(lambda n: f"Advies {n}")
    text = "Wat het programma zou kunnen doen."


class AnnualAnalysisFactory(factory.django.DjangoModelFactory):
    """A queued version of the annual analysis; build it with analysis.services.annual.analysis_build."""

    class Meta:
        model = AnnualAnalysis

    programme = factory.LazyFunction(lambda: _programme())
    year = 2024
    version = factory.Sequence(lambda n: n + 1)


def make_totp_device(user: User, *, confirmed: bool = True):
    """An authenticator app for the user; ``portal.second_factor.current_code(device)`` is what it shows."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=confirmed)
