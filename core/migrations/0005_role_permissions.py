"""What each role may do in the back office's core screens (model permissions)."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "platform_admin": [
        "add_organisation", "change_organisation", "view_organisation",
        "add_membership", "view_membership",
        "add_holiday", "change_holiday", "delete_holiday", "view_holiday",
        "add_officetimelimit", "change_officetimelimit", "delete_officetimelimit",
        "view_officetimelimit",
        "view_auditevent", "view_personaldataread",
    ],
    "auditor": [
        "view_organisation", "view_membership", "view_holiday", "view_officetimelimit",
        "view_auditevent", "view_personaldataread",
    ],
    "supervisor": ["view_organisation", "view_holiday", "view_officetimelimit", "view_auditevent"],
    "caseworker": ["view_organisation", "view_holiday"],
    "charity_staff": ["view_organisation"],
    "fund_manager": ["view_organisation"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure core's exist now.
    create_permissions(global_apps.get_app_config("core"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in GRANTS.items():
        group = Group.objects.get(name=f"role:{role}")
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="core", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for role in GRANTS:
        group = Group.objects.get(name=f"role:{role}")
        group.permissions.remove(*group.permissions.filter(content_type__app_label="core"))


class Migration(migrations.Migration):
    dependencies = [("core", "0004_load_regions")]
    operations = [migrations.RunPython(grant, revoke)]
