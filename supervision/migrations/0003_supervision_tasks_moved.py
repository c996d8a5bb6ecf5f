"""The supervision tasks (督办) move in from ``needs`` (issue 19). The table keeps its name:
only Django's state moves, and the content type the audit log and permissions point at."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="supervision", model="supervisiontask").exists():
        ContentType.objects.filter(app_label="needs", model="supervisiontask").update(
            app_label="supervision"
        )


def backwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="needs", model="supervisiontask").exists():
        ContentType.objects.filter(app_label="supervision", model="supervisiontask").update(
            app_label="needs"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0015_regions_below_county"),
        ("discovery", "0003_moved_registers"),
        ("supervision", "0002_inspections"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='SupervisionTask',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('due_on', models.DateField(verbose_name='due on')),
                        ('status', models.CharField(choices=[('open', 'open'), ('done', 'done')], default='open', max_length=8, verbose_name='status')),
                        ('note', models.TextField(blank=True, verbose_name='note')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('assigned_to', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='supervision_tasks', to=settings.AUTH_USER_MODEL, verbose_name='assigned to')),
                        ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('office', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.organisation', verbose_name='office')),
                        ('warning', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='supervision_task', to='discovery.riskwarning', verbose_name='risk warning')),
                    ],
                    options={
                        'verbose_name': 'supervision task',
                        'verbose_name_plural': 'supervision tasks',
                        'db_table': 'needs_supervisiontask',
                        'ordering': ['due_on', 'id'],
                    },
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
