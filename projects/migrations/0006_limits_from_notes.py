"""Read the limits projects posted before the structured fields existed stated in words (an
age range, the conditions named) into those fields, where matching can read them; the note
stays as written, shown to staff. Projects that already have structured limits are left."""

from django.db import migrations


def forwards(apps, schema_editor):
    from projects.conditions import limits_from_text

    Project = apps.get_model("projects", "Project")
    for project in Project.objects.filter(age_min=None, age_max=None, conditions=[]):
        limits = limits_from_text(f"{project.eligibility_note} {project.description}")
        if not limits:
            continue
        for name, value in limits.items():
            setattr(project, name, value)
        project.save(update_fields=list(limits))


class Migration(migrations.Migration):
    dependencies = [("projects", "0005_structured_eligibility")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
