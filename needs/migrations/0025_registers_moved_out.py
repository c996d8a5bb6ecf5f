"""The discovery registers leave ``needs`` for ``discovery`` and the supervision tasks for
``supervision`` (issue 19). State only: the tables stay where they are, with their data, and
an assistance application's risk warning keeps its foreign key (now to discovery.RiskWarning,
the same table)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("discovery", "0003_moved_registers"),
        ("needs", "0024_offers"),
        ("supervision", "0003_supervision_tasks_moved"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='riskwarning',
                    name='crosscheck_import',
                ),
                migrations.RemoveField(
                    model_name='hotlinecall',
                    name='called_back_by',
                ),
                migrations.RemoveField(
                    model_name='hotlinecall',
                    name='case',
                ),
                migrations.RemoveField(
                    model_name='hotlinecall',
                    name='closed_by',
                ),
                migrations.RemoveField(
                    model_name='hotlinecall',
                    name='office',
                ),
                migrations.RemoveField(
                    model_name='hotlinecall',
                    name='region',
                ),
                migrations.RemoveField(
                    model_name='hotlinecall',
                    name='taken_by',
                ),
                migrations.RemoveField(
                    model_name='proxyapplication',
                    name='case',
                ),
                migrations.RemoveField(
                    model_name='proxyapplication',
                    name='filed_by',
                ),
                migrations.RemoveField(
                    model_name='riskwarning',
                    name='case',
                ),
                migrations.RemoveField(
                    model_name='riskwarning',
                    name='disposed_by',
                ),
                migrations.RemoveField(
                    model_name='riskwarning',
                    name='household',
                ),
                migrations.RemoveField(
                    model_name='riskwarning',
                    name='office',
                ),
                migrations.RemoveField(
                    model_name='riskwarning',
                    name='region',
                ),
                migrations.RemoveField(
                    model_name='supervisiontask',
                    name='warning',
                ),
                migrations.AlterField(
                    model_name='assistanceapplication',
                    name='risk_warning',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='assistance_applications', to='discovery.riskwarning', verbose_name='risk warning'),
                ),
                migrations.RemoveField(
                    model_name='supervisiontask',
                    name='assigned_to',
                ),
                migrations.RemoveField(
                    model_name='supervisiontask',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='supervisiontask',
                    name='office',
                ),
                migrations.RemoveField(
                    model_name='visit',
                    name='case',
                ),
                migrations.RemoveField(
                    model_name='visit',
                    name='household',
                ),
                migrations.RemoveField(
                    model_name='visit',
                    name='office',
                ),
                migrations.RemoveField(
                    model_name='visit',
                    name='recorded_by',
                ),
                migrations.RemoveField(
                    model_name='visit',
                    name='region',
                ),
                migrations.RemoveField(
                    model_name='visitschedule',
                    name='household',
                ),
                migrations.RemoveField(
                    model_name='visitschedule',
                    name='office',
                ),
                migrations.RemoveField(
                    model_name='visitschedule',
                    name='region',
                ),
                migrations.DeleteModel(
                    name='CrossCheckImport',
                ),
                migrations.DeleteModel(
                    name='HotlineCall',
                ),
                migrations.DeleteModel(
                    name='ProxyApplication',
                ),
                migrations.DeleteModel(
                    name='RiskWarning',
                ),
                migrations.DeleteModel(
                    name='SupervisionTask',
                ),
                migrations.DeleteModel(
                    name='Visit',
                ),
                migrations.DeleteModel(
                    name='VisitSchedule',
                ),
            ],
        ),
    ]
