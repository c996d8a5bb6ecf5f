"""The department-staff role (协同办理): its choice, and its Wagtail admin group (allowed into
the back office, reading organisations, like every role)."""

from django.db import migrations, models

ROLE = "department_staff"


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=f"role:{ROLE}")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="core", codename="view_organisation"),
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=f"role:{ROLE}").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0012_notification_events"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [
        migrations.AlterField(
            model_name="membership",
            name="role",
            field=models.CharField(
                choices=[
                    ("caseworker", "caseworker"),
                    ("supervisor", "supervisor"),
                    ("charity_staff", "charity staff"),
                    ("fund_manager", "fund manager"),
                    ("department_staff", "department staff (协同办理)"),
                    ("auditor", "auditor"),
                    ("platform_admin", "platform administrator"),
                ],
                max_length=32,
                verbose_name="role",
            ),
        ),
        migrations.RunPython(create_group, remove_group),
    ]
