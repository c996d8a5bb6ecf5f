from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("needs", "0010_derived_gap")]

    operations = [
        migrations.AddField(
            model_name="crosscheckimport",
            name="pending_files",
            field=models.JSONField(blank=True, default=list, verbose_name="files waiting"),
        ),
        migrations.AddField(
            model_name="crosscheckimport",
            name="lease_owner",
            field=models.CharField(blank=True, max_length=100, verbose_name="worker"),
        ),
        migrations.AddField(
            model_name="crosscheckimport",
            name="lease_expires_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="lease expires at"),
        ),
        migrations.AddField(
            model_name="crosscheckimport",
            name="recoveries",
            field=models.PositiveSmallIntegerField(
                default=0, verbose_name="resumed after a worker stopped"
            ),
        ),
    ]
