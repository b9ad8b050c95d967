"""K08's first days kept in a table (analysis/kpis/taking_part.py), filled in from the four tables they come from."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    alias = schema_editor.connection.alias
    get = apps.get_model
    civil = "civil_society"
    first_days = get("analysis", "CivilSocietyFirstDay")
    intervention = get("interventions", "Intervention")
    partnership = get("municipalities", "Partnership")
    rows = []
    for programme in get("agenda", "Programme").objects.using(alias).all():
        pairs = [
            *get("municipalities", "ActivityParticipation")
            .objects.using(alias)
            .filter(organisation__kind=civil, activity__action_line__programme=programme)
            .values_list("organisation_id", "joined_on"),
            *partnership.members.through.objects.using(alias)
            .filter(organisation__kind=civil, partnership__programme=programme)
            .values_list("organisation_id", "partnership__started_on"),
            *intervention.objects.using(alias).filter(owner__kind=civil).values_list("owner_id", "started_on"),
            *intervention.partners.through.objects.using(alias)
            .filter(organisation__kind=civil)
            .values_list("organisation_id", "intervention__started_on"),
        ]
        first: dict = {}
        for key, day in pairs:
            if day is not None and (key not in first or day < first[key]):
                first[key] = day
        rows += [first_days(programme=programme, organisation_id=key, first_day=day) for key, day in first.items()]
    first_days.objects.using(alias).bulk_create(rows, batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0009_kpi_english_descriptions"),
        ("analysis", "0009_advice_conversation"),
        ("municipalities", "0007_history_channel"),
        ("interventions", "0011_report_frozen_totals"),
    ]

    operations = [
        migrations.CreateModel(
            name="CivilSocietyFirstDay",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("first_day", models.DateField(verbose_name="eerste dag van deelname")),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="municipalities.organisation",
                        verbose_name="organisatie",
                    ),
                ),
                (
                    "programme",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="agenda.programme",
                        verbose_name="programma",
                    ),
                ),
            ],
            options={
                "verbose_name": "eerste deelname van een maatschappelijke organisatie",
                "verbose_name_plural": "eerste deelnames van maatschappelijke organisaties",
                "indexes": [models.Index(fields=["programme", "first_day"], name="analysis_ci_program_6fe58b_idx")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("programme", "organisation"), name="unique_first_day_per_organisation"
                    )
                ],
            },
        ),
        # A new database has no organisations: nothing to fill in there.
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
