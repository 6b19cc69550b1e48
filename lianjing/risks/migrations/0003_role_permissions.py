"""Grant the risk-register permissions to the built-in roles that carry them (added, never
removed: an administrator's changes to a built-in role are kept)."""

from django.db import migrations

from lianjing.accounts.builtin_roles import grant_builtin_permissions

CODES = {"risks.view", "risks.manage", "risks.approve", "risks.configure", "risks.identify"}


def grant(apps, schema_editor):
    grant_builtin_permissions(apps.get_model("accounts", "Role"), CODES)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_role_scopes"),
        ("risks", "0002_default_grading_model"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
