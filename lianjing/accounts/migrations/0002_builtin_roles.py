from django.db import migrations

from lianjing.accounts.builtin_roles import sync_builtin_roles


def create_roles(apps, schema_editor):
    sync_builtin_roles(apps.get_model("accounts", "Role"))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
