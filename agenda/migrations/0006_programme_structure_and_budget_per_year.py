"""The budget as the plan states it: a budget line is one row of the plan's table, an average per year,
and a year's real plan is a row of its own (BudgetYearPlan). KPIs copied into a new programme wait to be
completed; a measurement can be withdrawn.

Before, the plan's table was loaded once for every year of the programme: one line per programme, year
and category. The lines of the earliest year stay (they hold the average); the copies of later years go.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


def keep_one_line_per_category(apps, schema_editor):
    BudgetLine = apps.get_model("agenda", "BudgetLine")
    seen = set()
    for line in BudgetLine.objects.order_by("programme_id", "category", "year", "pk"):
        key = (line.programme_id, line.category)
        if key in seen:
            line.delete()
        else:
            seen.add(key)


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0005_programme_records"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="BudgetYearPlan",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("year", models.PositiveSmallIntegerField(verbose_name="jaar")),
                ("planned", models.DecimalField(decimal_places=2, max_digits=14, verbose_name="begroot (euro)")),
                ("note", models.TextField(blank=True, verbose_name="toelichting")),
            ],
            options={
                "verbose_name": "jaarbegroting",
                "verbose_name_plural": "jaarbegrotingen",
                "ordering": ["programme", "year", "action_line__order"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalActionLine",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("name", models.CharField(max_length=255, verbose_name="naam")),
                ("name_en", models.CharField(blank=True, max_length=255, verbose_name="naam (Engels)")),
                ("code", models.CharField(max_length=10, verbose_name="code")),
                ("description", models.TextField(blank=True, verbose_name="omschrijving")),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="volgorde")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
            ],
            options={
                "verbose_name": "historical actielijn",
                "verbose_name_plural": "historical actielijnen",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalBudgetYearPlan",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("year", models.PositiveSmallIntegerField(verbose_name="jaar")),
                ("planned", models.DecimalField(decimal_places=2, max_digits=14, verbose_name="begroot (euro)")),
                ("note", models.TextField(blank=True, verbose_name="toelichting")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
            ],
            options={
                "verbose_name": "historical jaarbegroting",
                "verbose_name_plural": "historical jaarbegrotingen",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalGuidingPrinciple",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("name", models.CharField(max_length=255, verbose_name="naam")),
                ("name_en", models.CharField(blank=True, max_length=255, verbose_name="naam (Engels)")),
                ("code", models.CharField(max_length=10, verbose_name="code")),
                ("description", models.TextField(blank=True, verbose_name="omschrijving")),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="volgorde")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
            ],
            options={
                "verbose_name": "historical uitgangspunt",
                "verbose_name_plural": "historical uitgangspunten",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalProgramme",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("name", models.CharField(max_length=255, verbose_name="naam")),
                ("name_en", models.CharField(blank=True, max_length=255, verbose_name="naam (Engels)")),
                ("code", models.SlugField(max_length=40, verbose_name="code")),
                ("owner", models.CharField(blank=True, max_length=255, verbose_name="opdrachtgever")),
                ("mission", models.TextField(blank=True, verbose_name="missie")),
                ("mission_en", models.TextField(blank=True, verbose_name="missie (Engels)")),
                ("starts_on", models.DateField(verbose_name="begindatum")),
                ("ends_on", models.DateField(verbose_name="einddatum")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
            ],
            options={
                "verbose_name": "historical programma",
                "verbose_name_plural": "historical programma's",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AlterModelOptions(
            name="budgetline",
            options={
                "ordering": ["programme", "action_line__order", "category"],
                "verbose_name": "begrotingsregel",
                "verbose_name_plural": "begrotingsregels",
            },
        ),
        migrations.RemoveConstraint(
            model_name="budgetline",
            name="unique_budget_line",
        ),
        migrations.RemoveConstraint(
            model_name="budgetline",
            name="budget_year_plausible",
        ),
        migrations.RemoveConstraint(
            model_name="kpimeasurement",
            name="unique_kpi_measurement_per_day",
        ),
        migrations.RunPython(keep_one_line_per_category, migrations.RunPython.noop, elidable=True),
        migrations.RemoveField(
            model_name="budgetline",
            name="year",
        ),
        migrations.RemoveField(
            model_name="historicalbudgetline",
            name="year",
        ),
        migrations.AddField(
            model_name="historicalkpi",
            name="is_complete",
            field=models.BooleanField(
                default=True,
                help_text="Nee voor een KPI die uit een vorig programma is overgenomen: streefwaarde en deadline nog invullen.",
                verbose_name="ingevuld",
            ),
        ),
        migrations.AddField(
            model_name="historicalkpimeasurement",
            name="withdrawal_reason",
            field=models.TextField(blank=True, verbose_name="reden van intrekking"),
        ),
        migrations.AddField(
            model_name="historicalkpimeasurement",
            name="withdrawn_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="ingetrokken op"),
        ),
        migrations.AddField(
            model_name="kpi",
            name="is_complete",
            field=models.BooleanField(
                default=True,
                help_text="Nee voor een KPI die uit een vorig programma is overgenomen: streefwaarde en deadline nog invullen.",
                verbose_name="ingevuld",
            ),
        ),
        migrations.AddField(
            model_name="kpimeasurement",
            name="withdrawal_reason",
            field=models.TextField(blank=True, verbose_name="reden van intrekking"),
        ),
        migrations.AddField(
            model_name="kpimeasurement",
            name="withdrawn_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="ingetrokken op"),
        ),
        migrations.AlterField(
            model_name="budgetline",
            name="planned",
            field=models.DecimalField(decimal_places=2, max_digits=14, verbose_name="gemiddeld per jaar (euro)"),
        ),
        migrations.AlterField(
            model_name="historicalbudgetline",
            name="planned",
            field=models.DecimalField(decimal_places=2, max_digits=14, verbose_name="gemiddeld per jaar (euro)"),
        ),
        migrations.AddConstraint(
            model_name="budgetline",
            constraint=models.UniqueConstraint(fields=("programme", "category"), name="unique_budget_line"),
        ),
        migrations.AddConstraint(
            model_name="kpimeasurement",
            constraint=models.UniqueConstraint(
                condition=models.Q(("withdrawn_at__isnull", True)),
                fields=("kpi", "measured_on"),
                name="unique_kpi_measurement_per_day",
            ),
        ),
        migrations.AddConstraint(
            model_name="kpimeasurement",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("withdrawn_at__isnull", True), models.Q(("withdrawal_reason", ""), _negated=True), _connector="OR"
                ),
                name="kpi_withdrawal_has_reason",
            ),
        ),
        migrations.AddField(
            model_name="budgetyearplan",
            name="action_line",
            field=models.ForeignKey(
                blank=True,
                help_text="Leeg voor de overige kosten, die bij geen actielijn horen.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="budget_year_plans",
                to="agenda.actionline",
                verbose_name="actielijn",
            ),
        ),
        migrations.AddField(
            model_name="budgetyearplan",
            name="programme",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="budget_year_plans",
                to="agenda.programme",
                verbose_name="programma",
            ),
        ),
        migrations.AddField(
            model_name="historicalactionline",
            name="history_user",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL
            ),
        ),
        migrations.AddField(
            model_name="historicalactionline",
            name="programme",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="agenda.programme",
                verbose_name="programma",
            ),
        ),
        migrations.AddField(
            model_name="historicalbudgetyearplan",
            name="action_line",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="Leeg voor de overige kosten, die bij geen actielijn horen.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="agenda.actionline",
                verbose_name="actielijn",
            ),
        ),
        migrations.AddField(
            model_name="historicalbudgetyearplan",
            name="history_user",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL
            ),
        ),
        migrations.AddField(
            model_name="historicalbudgetyearplan",
            name="programme",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="agenda.programme",
                verbose_name="programma",
            ),
        ),
        migrations.AddField(
            model_name="historicalguidingprinciple",
            name="history_user",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL
            ),
        ),
        migrations.AddField(
            model_name="historicalguidingprinciple",
            name="programme",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="agenda.programme",
                verbose_name="programma",
            ),
        ),
        migrations.AddField(
            model_name="historicalprogramme",
            name="history_user",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL
            ),
        ),
        migrations.AddConstraint(
            model_name="budgetyearplan",
            constraint=models.UniqueConstraint(
                fields=("programme", "year", "action_line"), name="unique_budget_year_plan"
            ),
        ),
        migrations.AddConstraint(
            model_name="budgetyearplan",
            constraint=models.UniqueConstraint(
                condition=models.Q(("action_line__isnull", True)),
                fields=("programme", "year"),
                name="unique_budget_year_plan_other_costs",
            ),
        ),
        migrations.AddConstraint(
            model_name="budgetyearplan",
            constraint=models.CheckConstraint(
                condition=models.Q(("planned__gte", 0)), name="budget_year_plan_not_negative"
            ),
        ),
        migrations.AddConstraint(
            model_name="budgetyearplan",
            constraint=models.CheckConstraint(
                condition=models.Q(("year__gte", 2000), ("year__lte", 2100)), name="budget_year_plan_plausible"
            ),
        ),
    ]
