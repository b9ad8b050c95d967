"""An intervention joins a running programme: its start cannot lie beyond the last programme's end."""

import datetime

import pytest

from agenda.models import Programme
from interventions.forms.register import InterventionForm
from tests.interventions.test_register_constraints import intervention

pytestmark = pytest.mark.django_db


def test_a_start_within_the_programme_is_accepted():
    form = InterventionForm(data=intervention(started_on="2025-06-30"))
    assert form.is_valid(), form.errors


def test_a_start_beyond_the_programmes_end_is_refused_with_the_end_named():
    form = InterventionForm(data=intervention(started_on="2025-07-01"))
    assert not form.is_valid()
    message = form.errors["started_on"][0]
    assert "De startdatum 1 juli 2025 ligt na het einde van het programma" in message
    assert "Agenda Veerkrachtige & Weerbare Samenleving 2023-2025, eindigt op 30 juni 2025" in message


def test_a_later_programme_moves_the_limit(programme):
    Programme.objects.create(
        code="agenda-2025-2030",
        name="Meerjarenplan 2025-2030",
        starts_on=datetime.date(2025, 7, 1),
        ends_on=datetime.date(2030, 12, 31),
    )
    assert InterventionForm(data=intervention(started_on="2026-03-01")).is_valid()
    refused = InterventionForm(data=intervention(started_on="2031-01-01"))
    assert "Meerjarenplan 2025-2030, eindigt op 31 december 2030" in refused.errors["started_on"][0]
