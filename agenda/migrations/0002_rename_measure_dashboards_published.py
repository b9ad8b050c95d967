"""K09's measure counts published dashboards: its stored key says so now (was 'advisory_board_meetings')."""

from django.db import migrations

OLD, NEW = "advisory_board_meetings", "dashboards_published"


def rename(old: str, new: str):
    def run(apps, schema_editor):
        for model in ("Kpi", "HistoricalKpi"):
            apps.get_model("agenda", model).objects.filter(measure=old).update(measure=new)

    return run


class Migration(migrations.Migration):
    dependencies = [("agenda", "0001_initial")]

    operations = [migrations.RunPython(rename(OLD, NEW), rename(NEW, OLD), elidable=True)]
