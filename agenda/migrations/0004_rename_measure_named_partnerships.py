"""K07 counts partnerships with the kinds of partner the plan names: its stored key says so now (was 'active_partnerships')."""

from django.db import migrations

OLD, NEW = "active_partnerships", "named_partnerships"


def rename(old: str, new: str):
    def run(apps, schema_editor):
        for model in ("Kpi", "HistoricalKpi"):
            apps.get_model("agenda", model).objects.filter(measure=old).update(measure=new)

    return run


class Migration(migrations.Migration):
    dependencies = [("agenda", "0003_programme_choice_and_due_month")]

    operations = [migrations.RunPython(rename(OLD, NEW), rename(NEW, OLD), elidable=True)]
