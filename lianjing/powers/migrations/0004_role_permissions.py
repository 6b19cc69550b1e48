"""Grant the power-catalogue permissions to the built-in roles that carry them. Permissions are
added, never removed: an administrator's changes to a built-in role are kept."""

from django.db import migrations

from lianjing.accounts.builtin_roles import grant_builtin_permissions

CODES = {"powers.view", "powers.manage", "powers.import", "powers.configure"}


def grant(apps, schema_editor):
    grant_builtin_permissions(apps.get_model("accounts", "Role"), CODES)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_role_scopes"),
        ("powers", "0003_benchmarks"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
