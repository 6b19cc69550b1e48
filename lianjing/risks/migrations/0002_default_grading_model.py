from django.db import migrations

from lianjing.risks.reference import sync_default_model


def load(apps, schema_editor):
    sync_default_model(
        apps.get_model("risks", "GradingModel"), apps.get_model("risks", "GradingFactor")
    )


class Migration(migrations.Migration):
    dependencies = [("risks", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
