from django.db import migrations

from lianjing.org.reference import sync_reference_data


def load(apps, schema_editor):
    sync_reference_data(apps.get_model("org", "Rank"), apps.get_model("org", "KeyPostKind"))


class Migration(migrations.Migration):
    dependencies = [("org", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
