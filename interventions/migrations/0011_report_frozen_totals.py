"""Each report's figures frozen as handed in (interventions/services/report_totals.py), filled in for the reports
that count already: the map and the dashboards add these up instead of every item."""

from django.db import migrations, models
from django.db.models import Count, Sum


def freeze_counted_reports(apps, schema_editor):
    report_model = apps.get_model("interventions", "Report")
    item_model = apps.get_model("interventions", "ReportItem")
    counted = report_model.objects.using(schema_editor.connection.alias).filter(status__in=("submitted", "accepted"))
    sums = {
        row["report_id"]: row
        for row in item_model.objects.using(schema_editor.connection.alias)
        .filter(report__in=counted)
        .order_by()
        .values("report_id")
        .annotate(items=Count("pk"), reach=Sum("participants_total"), spending=Sum("spending"))
    }
    reports = list(counted.only("pk"))
    for report in reports:
        row = sums.get(report.pk, {"items": 0, "reach": None, "spending": None})
        report.frozen_items, report.frozen_reach, report.frozen_spending = row["items"], row["reach"], row["spending"]
    report_model.objects.using(schema_editor.connection.alias).bulk_update(
        reports, ["frozen_items", "frozen_reach", "frozen_spending"], batch_size=2000
    )


class Migration(migrations.Migration):
    dependencies = [("interventions", "0010_report_comment_rows_and_history")]

    operations = [
        migrations.AddField(
            model_name="report",
            name="frozen_items",
            field=models.PositiveIntegerField(editable=False, null=True, verbose_name="aantal regels bij indienen"),
        ),
        migrations.AddField(
            model_name="report",
            name="frozen_reach",
            field=models.PositiveIntegerField(editable=False, null=True, verbose_name="bereik bij indienen"),
        ),
        migrations.AddField(
            model_name="report",
            name="frozen_spending",
            field=models.DecimalField(
                decimal_places=2, editable=False, max_digits=14, null=True, verbose_name="uitgaven bij indienen"
            ),
        ),
        # A new database has no reports: nothing to fill in there.
        migrations.RunPython(freeze_counted_reports, migrations.RunPython.noop, elidable=True),
    ]
