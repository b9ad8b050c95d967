"""Demo users, one per role, and the order in which each app's demo data is loaded."""

import base64
import random

from django.contrib.auth.models import Group, User
from django_otp.plugins.otp_totp.models import TOTPDevice

from agenda import demo as agenda_demo
from agenda.models import Programme
from agenda.reference import DEMO_PROGRAMME_FILE, load_programme
from analysis import demo as analysis_demo
from analysis import indicator_demo
from core import roles
from interventions import demo as interventions_demo
from interventions import demo_needs as interventions_demo_needs
from municipalities import demo as municipalities_demo
from municipalities import demo_areas as municipalities_demo_areas
from municipalities.models import Membership, Municipality

DEMO_PASSWORD = "veerkracht-demo"  # noqa: S105 - documented in the README, demo only
# The authenticator key of the demo's staff and admin (base32, as an app takes it), documented in the
# README; ``manage.py demo_code staf`` prints the code it gives now.
DEMO_TOTP_KEY = "VEERKRACHTDEMOSTAFVEERKRACHTDEMO"
SEED = 20230101


def load_demo(*, annual_analysis: bool = False) -> dict:
    """The whole demo set; with ``annual_analysis`` also the published analyses of 2024 and 2025 (render PDFs)."""
    rng = random.Random(SEED)
    programme = Programme.objects.order_by("starts_on").first()
    next_programme = load_programme(DEMO_PROGRAMME_FILE)
    users = _users()
    municipalities = municipalities_demo.load(rng=rng, programme=programme, next_programme=next_programme)
    areas = municipalities_demo_areas.load(users=users)
    agenda_demo.load(rng=rng, programme=programme, next_programme=next_programme, users=users)
    interventions = interventions_demo.load(rng=rng, programme=programme, municipalities=municipalities, users=users)
    interventions_demo_needs.load(reports=interventions["reports"], users=users)
    indicator_demo.load(users=users)
    analysis = analysis_demo.load(
        rng=rng, programme=programme, next_programme=next_programme, users=users, annual_analysis=annual_analysis
    )
    return {"users": users, "areas": areas, **municipalities, **interventions, **analysis}


def demo_totp_key_hex() -> str:
    return base64.b32decode(DEMO_TOTP_KEY).hex()


def is_loaded() -> bool:
    return User.objects.filter(username="staf").exists()


def _users() -> dict:
    groups = {name: Group.objects.get(name=name) for name in (roles.STAFF, roles.MUNICIPALITY, roles.BOARD)}
    users = {}

    def make(username: str, first: str, last: str, group: str | None, **extra) -> User:
        user = User.objects.create_user(
            username=username,
            password=DEMO_PASSWORD,
            first_name=first,
            last_name=last,
            email=f"{username}@veerkracht.example",
            **extra,
        )
        if group:
            user.groups.add(groups[group])
        users[username] = user
        return user

    for staff in (
        make("admin", "Beheerder", "(demo)", None, is_staff=True, is_superuser=True),
        make("staf", "Sanne", "de Staf (demo)", roles.STAFF),
    ):
        TOTPDevice.objects.create(user=staff, name="demo", key=demo_totp_key_hex(), confirmed=True)
    make("klankbord", "Karim", "Klankbord (demo)", roles.BOARD)
    for username, code, first in (("gemeente-rotterdam", "GM0599", "Romy"), ("gemeente-utrecht", "GM0344", "Ugur")):
        user = make(username, first, "van de Gemeente (demo)", roles.MUNICIPALITY)
        municipality = Municipality.objects.get(cbs_code=code)
        Membership.objects.create(user=user, municipality=municipality, role=Membership.Role.CONTACT)
        users[code] = user
    return users
