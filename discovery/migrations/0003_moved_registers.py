"""The discovery registers move in from ``needs`` and ``cms`` (issue 19): the hotline, visits
and their schedules, proxy applications, the data cross-check and its risk warnings, and the
reports from the public. Their tables keep their names, so this migration only tells Django's
state where the models now live (SeparateDatabaseAndState: nothing is done to the database
but renaming the content types, which the audit log, the read log and the permissions point
at, and pointing queued background imports at the task's new module)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import core.money

MOVED = {
    "needs": [
        "hotlinecall",
        "visit",
        "visitschedule",
        "proxyapplication",
        "crosscheckimport",
        "riskwarning",
    ],
    "cms": ["publicreport"],
}
OLD_TASK = "needs.tasks.crosscheck_import_rows"
NEW_TASK = "discovery.tasks.crosscheck_import_rows"


def _move_content_types(apps, source_of, target_of):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for app_label, models_ in MOVED.items():
        for model in models_:
            source, target = source_of(app_label), target_of(app_label)
            if ContentType.objects.filter(app_label=target, model=model).exists():
                continue  # already there (created by an earlier run): nothing to rename
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def _retarget_tasks(apps, old, new):
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    DBTaskResult.objects.filter(task_path=old).update(task_path=new)


def forwards(apps, schema_editor):
    _move_content_types(apps, lambda app: app, lambda app: "discovery")
    _retarget_tasks(apps, OLD_TASK, NEW_TASK)


def backwards(apps, schema_editor):
    _move_content_types(apps, lambda app: "discovery", lambda app: app)
    _retarget_tasks(apps, NEW_TASK, OLD_TASK)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0015_regions_below_county"),
        ("cms", "0006_editor_pages"),
        ("discovery", "0002_petitions_surveys"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
        ("needs", "0024_offers"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='CrossCheckImport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('medical_bills', 'large medical bills'), ('disaster_hit', 'disaster-hit households'), ('unstable_ex_poverty', 'unstable ex-poverty households'), ('sudden_hardship', 'sudden severe hardship'), ('education', 'education assistance'), ('disability', "disabled persons' federation list"), ('other', 'other department list')], max_length=24, verbose_name='list kind')),
                        ('source_department', models.CharField(max_length=100, verbose_name='source department')),
                        ('file_name', models.CharField(max_length=200, verbose_name='file name')),
                        ('content_sha256', models.CharField(max_length=64, verbose_name='content hash (SHA-256)')),
                        ('mapping', models.JSONField(default=dict, verbose_name='column mapping')),
                        ('status', models.CharField(choices=[('running', 'importing'), ('done', 'imported'), ('failed', 'stopped')], default='running', max_length=16, verbose_name='status')),
                        ('rows_done', models.PositiveIntegerField(default=0, verbose_name='rows done')),
                        ('rows_expected', models.PositiveIntegerField(blank=True, null=True, verbose_name='rows expected')),
                        ('rows_read', models.PositiveIntegerField(default=0, verbose_name='rows read')),
                        ('rows_imported', models.PositiveIntegerField(default=0, verbose_name='rows imported')),
                        ('rows_refused', models.PositiveIntegerField(default=0, verbose_name='rows refused')),
                        ('rows_duplicate', models.PositiveIntegerField(default=0, verbose_name='duplicated rows')),
                        ('refused', models.JSONField(default=list, verbose_name='refused rows')),
                        ('warnings_by_type', models.JSONField(default=dict, verbose_name='warnings by type')),
                        ('extra_columns', models.JSONField(default=list, verbose_name='ignored columns')),
                        ('failure', models.CharField(blank=True, max_length=500, verbose_name='why the import stopped')),
                        ('pending_files', models.JSONField(blank=True, default=list, verbose_name='files waiting')),
                        ('lease_owner', models.CharField(blank=True, max_length=100, verbose_name='worker')),
                        ('lease_expires_at', models.DateTimeField(blank=True, null=True, verbose_name='lease expires at')),
                        ('recoveries', models.PositiveSmallIntegerField(default=0, verbose_name='resumed after a worker stopped')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='finished at')),
                        ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('office', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='crosscheck_imports', to='core.organisation', verbose_name='office')),
                    ],
                    options={
                        'verbose_name': 'data cross-check import',
                        'verbose_name_plural': 'data cross-check imports',
                        'db_table': 'needs_crosscheckimport',
                        'ordering': ['-created_at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='HotlineCall',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('caller_name_encrypted', models.TextField(editable=False, verbose_name="caller's name (encrypted)")),
                        ('caller_phone_encrypted', models.TextField(editable=False, verbose_name="caller's phone (encrypted)")),
                        ('caller_phone_hash', models.CharField(db_index=True, editable=False, max_length=64)),
                        ('callback_phone_encrypted', models.TextField(blank=True, editable=False, verbose_name='call-back number (encrypted)')),
                        ('township', models.CharField(blank=True, max_length=64, verbose_name='township or street')),
                        ('topic', models.CharField(choices=[('disaster', 'sudden disaster'), ('accident', 'accident or injury'), ('illness', 'grave illness'), ('fire', 'fire'), ('breadwinner', 'death or loss of the breadwinner'), ('child', 'child in distress'), ('policy', 'policy question'), ('other', 'other')], max_length=16, verbose_name='what it is about')),
                        ('need', models.TextField(verbose_name='what they need')),
                        ('received_at', models.DateTimeField(db_index=True, verbose_name='received at')),
                        ('callback_due_at', models.DateTimeField(verbose_name='call back by')),
                        ('result_due_at', models.DateTimeField(verbose_name='result due by')),
                        ('status', models.CharField(choices=[('open', 'waiting for call-back'), ('called_back', 'called back'), ('case', 'became a case'), ('closed', 'answered without a case')], db_index=True, default='open', max_length=16, verbose_name='status')),
                        ('called_back_at', models.DateTimeField(blank=True, null=True, verbose_name='called back at')),
                        ('callback_note', models.TextField(blank=True, verbose_name='call-back note')),
                        ('outcome', models.TextField(blank=True, verbose_name='outcome')),
                        ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='closed at')),
                        ('recorded_at', models.DateTimeField(auto_now_add=True, verbose_name='recorded at')),
                        ('called_back_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('case', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='hotline_call', to='needs.case', verbose_name='case')),
                        ('closed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('office', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='hotline_calls', to='core.organisation', verbose_name='office')),
                        ('region', models.ForeignKey(limit_choices_to={'level': 3}, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.region', verbose_name='county')),
                        ('taken_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='taken by (first contact)')),
                    ],
                    options={
                        'verbose_name': 'hotline call',
                        'verbose_name_plural': 'hotline calls',
                        'db_table': 'needs_hotlinecall',
                        'ordering': ['-received_at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='ProxyApplication',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('filed_for_name', models.CharField(max_length=64, verbose_name='filed for')),
                        ('reason', models.CharField(choices=[('elderly', 'old age or frailty'), ('disability', 'disability'), ('illness', 'serious illness'), ('minor', 'a minor without a guardian at hand'), ('literacy', 'cannot read or use the application channels'), ('other', 'other reason')], max_length=16, verbose_name='why they cannot apply')),
                        ('reason_note', models.TextField(blank=True, verbose_name='details')),
                        ('proxy_name', models.CharField(max_length=64, verbose_name="proxy's name")),
                        ('filed_at', models.DateTimeField(auto_now_add=True, verbose_name='filed at')),
                        ('case', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='proxy_application', to='needs.case', verbose_name='case')),
                        ('filed_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'proxy application',
                        'verbose_name_plural': 'proxy applications',
                        'db_table': 'needs_proxyapplication',
                        'ordering': ['-filed_at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='PublicReport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('tracking_code', models.CharField(max_length=16, unique=True, verbose_name='tracking code')),
                        ('what_happened', models.TextField(verbose_name='what happened')),
                        ('reporter_contact', models.CharField(blank=True, max_length=100, verbose_name="reporter's contact")),
                        ('status', models.CharField(choices=[('received', 'received'), ('handling', 'being handled'), ('closed', 'closed')], default='received', max_length=16, verbose_name='status')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='reported at')),
                        ('case', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='public_report', to='needs.case', verbose_name='case')),
                        ('office', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='public_reports', to='core.organisation', verbose_name='office')),
                        ('region', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.region', verbose_name='region')),
                    ],
                    options={
                        'verbose_name': 'public report',
                        'verbose_name_plural': 'public reports',
                        'db_table': 'cms_publicreport',
                    },
                ),
                migrations.CreateModel(
                    name='RiskWarning',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('row_number', models.PositiveIntegerField(verbose_name='row number')),
                        ('type', models.CharField(choices=[('not_covered', 'not on record'), ('no_open_case', 'on record, no open case'), ('new_hardship', 'covered, new hardship')], max_length=16, verbose_name='warning type')),
                        ('id_number_hash', models.CharField(editable=False, max_length=64)),
                        ('id_number_encrypted', models.TextField(editable=False)),
                        ('id_number_masked', models.CharField(editable=False, max_length=18, verbose_name='ID number (masked)')),
                        ('name', models.CharField(blank=True, max_length=64, verbose_name='name')),
                        ('amount_fen', core.money.FenField(blank=True, null=True, verbose_name='amount (fen)')),
                        ('event_date', models.DateField(blank=True, null=True, verbose_name='date')),
                        ('note', models.CharField(blank=True, max_length=500, verbose_name='note')),
                        ('disposition', models.CharField(blank=True, choices=[('start_procedure', 'start the eligibility procedure'), ('supervise', 'open a supervision task'), ('refer', 'refer for the new need'), ('end_assistance', 'end assistance')], max_length=16, verbose_name='disposition')),
                        ('disposition_note', models.TextField(blank=True, verbose_name='disposition note')),
                        ('disposed_at', models.DateTimeField(blank=True, null=True, verbose_name='disposed at')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('case', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='risk_warnings', to='needs.case', verbose_name='case')),
                        ('crosscheck_import', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='warnings', to='discovery.crosscheckimport', verbose_name='data cross-check import')),
                        ('disposed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('household', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='risk_warnings', to='needs.household', verbose_name='household')),
                        ('office', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.organisation', verbose_name='office')),
                        ('region', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.region', verbose_name='county')),
                    ],
                    options={
                        'verbose_name': 'risk warning',
                        'verbose_name_plural': 'risk warnings',
                        'db_table': 'needs_riskwarning',
                        'ordering': ['-created_at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='Visit',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('visitor_kind', models.CharField(choices=[('grid_worker', 'grid worker'), ('caseworker', 'caseworker'), ('assistant', 'village social-assistance assistant'), ('social_worker', 'social worker or volunteer')], max_length=16, verbose_name='visited by')),
                        ('visitor_name', models.CharField(blank=True, max_length=64, verbose_name="visitor's name")),
                        ('visited_on', models.DateField(db_index=True, verbose_name='visited on')),
                        ('observations', models.TextField(verbose_name='observations')),
                        ('kg_elderly_disabled_ill', models.BooleanField(default=False, verbose_name='household with elderly, disabled or seriously ill members')),
                        ('kg_no_work_capacity', models.BooleanField(default=False, verbose_name='no or little capacity to work')),
                        ('kg_unstable_ex_poverty', models.BooleanField(default=False, verbose_name='unstable after leaving poverty')),
                        ('kg_earlier_applicant', models.BooleanField(default=False, verbose_name='applied earlier but was not covered')),
                        ('kg_hotline_caller', models.BooleanField(default=False, verbose_name='called the hotline for help')),
                        ('kg_disaster_hit', models.BooleanField(default=False, verbose_name='hit by disaster or accident')),
                        ('kg_hardship_after_relief', models.BooleanField(default=False, verbose_name='still in hardship after relief')),
                        ('kg_other', models.BooleanField(default=False, verbose_name='other key group')),
                        ('needs_help', models.BooleanField(default=False, verbose_name='needs help now')),
                        ('recorded_at', models.DateTimeField(auto_now_add=True, verbose_name='recorded at')),
                        ('case', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='visit', to='needs.case', verbose_name='case')),
                        ('household', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='visits', to='needs.household', verbose_name='household')),
                        ('office', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='visits', to='core.organisation', verbose_name='office')),
                        ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('region', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.region', verbose_name='county')),
                    ],
                    options={
                        'verbose_name': 'visit',
                        'verbose_name_plural': 'visits',
                        'db_table': 'needs_visit',
                        'ordering': ['-visited_on', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='VisitSchedule',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('interval_days', models.PositiveSmallIntegerField(verbose_name='visit every (days)')),
                        ('last_visited_on', models.DateField(blank=True, null=True, verbose_name='last visited on')),
                        ('next_due_on', models.DateField(db_index=True, verbose_name='next visit due')),
                        ('is_active', models.BooleanField(default=True, verbose_name='active')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('household', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='visit_schedule', to='needs.household', verbose_name='household')),
                        ('office', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='visit_schedules', to='core.organisation', verbose_name='office')),
                        ('region', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.region', verbose_name='county')),
                    ],
                    options={
                        'verbose_name': 'routine-visit schedule',
                        'verbose_name_plural': 'routine-visit schedules',
                        'db_table': 'needs_visitschedule',
                        'ordering': ['next_due_on', 'id'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='crosscheckimport',
                    constraint=models.UniqueConstraint(fields=('office', 'kind', 'content_sha256'), name='crosscheck_import_once'),
                ),
                migrations.AddIndex(
                    model_name='hotlinecall',
                    index=models.Index(fields=['region', 'status', '-received_at'], name='needs_hotli_region__ada610_idx'),
                ),
                migrations.AddIndex(
                    model_name='riskwarning',
                    index=models.Index(fields=['region', 'disposition', '-created_at'], name='needs_riskw_region__32d586_idx'),
                ),
                migrations.AddConstraint(
                    model_name='riskwarning',
                    constraint=models.UniqueConstraint(fields=('crosscheck_import', 'row_number'), name='risk_warning_row_once'),
                ),
                migrations.AddConstraint(
                    model_name='riskwarning',
                    constraint=models.UniqueConstraint(fields=('crosscheck_import', 'id_number_hash'), name='risk_warning_person_once'),
                ),
                migrations.AddIndex(
                    model_name='visit',
                    index=models.Index(fields=['region', '-visited_on'], name='needs_visit_region__faf86e_idx'),
                ),
                migrations.AddIndex(
                    model_name='visitschedule',
                    index=models.Index(fields=['region', 'is_active', 'next_due_on'], name='needs_visit_region__54e4ed_idx'),
                ),
                migrations.AddConstraint(
                    model_name='visitschedule',
                    constraint=models.CheckConstraint(condition=models.Q(('interval_days__gte', 1)), name='visit_interval_at_least_one_day'),
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
