"""A partnership belongs to a programme: existing ones go to the programme that ran when they started."""

import django.db.models.deletion
from django.db import migrations, models


def assign_programmes(apps, schema_editor):
    Partnership = apps.get_model("municipalities", "Partnership")
    Programme = apps.get_model("agenda", "Programme")
    programmes = list(Programme.objects.order_by("starts_on"))
    partnerships = list(Partnership.objects.all())
    if partnerships and not programmes:
        raise RuntimeError("Partnerships exist but no programme does: load the reference data first.")
    for partnership in partnerships:
        started = [p for p in programmes if p.starts_on <= partnership.started_on]
        partnership.programme_id = (started[-1] if started else programmes[0]).pk
        partnership.save(update_fields=["programme"])


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0003_programme_choice_and_due_month"),
        ("municipalities", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="partnership",
            name="programme",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="partnerships",
                to="agenda.programme",
                verbose_name="programma",
            ),
        ),
        migrations.AddField(
            model_name="historicalpartnership",
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
        migrations.RunPython(assign_programmes, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="partnership",
            name="programme",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="partnerships",
                to="agenda.programme",
                verbose_name="programma",
            ),
        ),
    ]
