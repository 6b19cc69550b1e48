from django.db import migrations

from lianjing.risks.separation import sync_domains


def load(apps, schema_editor):
    sync_domains(
        apps.get_model("risks", "SeparationDomain"),
        apps.get_model("risks", "DutyRole"),
        apps.get_model("risks", "IncompatiblePair"),
    )


class Migration(migrations.Migration):
    dependencies = [("risks", "0004_separation_of_duties")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
