"""Load the seed content of the libraries: indicator signs, risk templates and regulation
provisions (lianjing/risklib/data). Entries that exist are left as administrators made them."""

from django.db import migrations

from lianjing.risklib.reference import sync_library


def load(apps, schema_editor):
    sync_library(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0002_reference_data"),
        ("powers", "0002_categories"),
        ("risklib", "0001_initial"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
