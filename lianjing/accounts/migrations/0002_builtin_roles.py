from django.db import migrations

from lianjing.accounts.builtin_roles import BUILTIN_ROLES


def create_roles(apps, schema_editor):
    Role = apps.get_model("accounts", "Role")
    for definition in BUILTIN_ROLES:
        Role.objects.update_or_create(
            code=definition["code"],
            defaults={
                "name": definition["name"],
                "description": definition["description"],
                "permissions": definition["permissions"],
                "is_builtin": True,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
