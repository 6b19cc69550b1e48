"""Grant the risk-register permissions to the built-in roles that carry them (added, never
removed: an administrator's changes to a built-in role are kept)."""

from django.db import migrations

from lianjing.accounts.builtin_roles import BUILTIN_ROLES

CODES = {"risks.view", "risks.manage", "risks.approve", "risks.configure", "risks.identify"}


def grant(apps, schema_editor):
    Role = apps.get_model("accounts", "Role")
    for definition in BUILTIN_ROLES:
        wanted = [c for c in definition["permissions"] if c in CODES]
        role = Role.objects.filter(code=definition["code"]).first()
        if role is None or not wanted:
            continue
        role.permissions = [*role.permissions, *(c for c in wanted if c not in role.permissions)]
        role.save(update_fields=["permissions"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_role_scopes"),
        ("risks", "0002_default_grading_model"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
