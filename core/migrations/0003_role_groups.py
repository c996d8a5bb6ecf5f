"""One Wagtail admin group per role, each allowed into the back office."""

from django.db import migrations

ROLES = ["caseworker", "supervisor", "charity_staff", "fund_manager", "auditor", "platform_admin"]


def create(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=f"role:{role}")
        group.permissions.add(access_admin)


def remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[f"role:{r}" for r in ROLES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_audit_append_only_triggers"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]
    operations = [migrations.RunPython(create, remove)]
