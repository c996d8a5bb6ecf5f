"""Hand-overs wait for the receiving office to accept them (issue 17). The hand-overs made
before moved the case at once: they are recorded as accepted when they were made."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def earlier_ones_accepted(apps, schema_editor):
    CaseHandover = apps.get_model("needs", "CaseHandover")
    CaseHandover.objects.filter(decided_at__isnull=True).update(decided_at=models.F("at"))


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0013_department_role"),
        ("needs", "0012_referral_override"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="casehandover",
            options={
                "ordering": ["at", "id"],
                "verbose_name": "case hand-over",
                "verbose_name_plural": "case hand-overs",
            },
        ),
        migrations.AddField(
            model_name="casehandover",
            name="decided_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="decided at"),
        ),
        migrations.AddField(
            model_name="casehandover",
            name="decided_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="decided by",
            ),
        ),
        migrations.AddField(
            model_name="casehandover",
            name="decline_reason",
            field=models.TextField(blank=True, verbose_name="reason for declining"),
        ),
        # Existing rows are accepted hand-overs; new ones start pending.
        migrations.AddField(
            model_name="casehandover",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "waiting for the receiving office"),
                    ("accepted", "accepted"),
                    ("declined", "declined"),
                ],
                db_index=True,
                default="accepted",
                max_length=16,
                verbose_name="status",
            ),
        ),
        migrations.AlterField(
            model_name="casehandover",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "waiting for the receiving office"),
                    ("accepted", "accepted"),
                    ("declined", "declined"),
                ],
                db_index=True,
                default="pending",
                max_length=16,
                verbose_name="status",
            ),
        ),
        migrations.RunPython(earlier_ones_accepted, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="casehandover",
            name="at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="handed over at"),
        ),
        migrations.AlterField(
            model_name="casehandover",
            name="by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="handed over by",
            ),
        ),
        migrations.AlterField(
            model_name="casehandover",
            name="from_office",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.organisation",
                verbose_name="from office",
            ),
        ),
        migrations.AlterField(
            model_name="casehandover",
            name="to_office",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.organisation",
                verbose_name="to office",
            ),
        ),
        migrations.AddIndex(
            model_name="casehandover",
            index=models.Index(
                fields=["to_office", "status"], name="needs_caseh_to_offi_aadc07_idx"
            ),
        ),
        migrations.AddConstraint(
            model_name="casehandover",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "pending")),
                fields=("case",),
                name="handover_one_pending_per_case",
            ),
        ),
    ]
