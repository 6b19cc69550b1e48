from django.db import migrations

from lianjing.powers.reference import sync_categories


def load(apps, schema_editor):
    sync_categories(apps.get_model("powers", "PowerCategory"))


class Migration(migrations.Migration):
    dependencies = [("powers", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
