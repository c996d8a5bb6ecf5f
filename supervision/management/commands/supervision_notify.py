from django.core.management.base import BaseCommand, CommandError

from supervision import services
from supervision.tasks import periodic_already_queued, run_all, supervision_periodic

JOBS = {
    "reminders": lambda: services.deadline_reminders_send().notifications,
    "escalations": lambda: services.escalation_notifications_send().notifications,
    "disclosures": lambda: services.disclosure_reminders_send().notifications,
    "hotline": lambda: services.hotline_reminders_send().notifications,
    "supervision-tasks": lambda: services.supervision_task_reminders_send().notifications,
    "visits": lambda: services.visit_digests_send().notifications,
}


class Command(BaseCommand):
    help = (
        "Send the supervision notifications once (for cron): deadline reminders to owners, "
        "escalations to supervisors, the quarterly disclosure reminder to charities, hotline "
        "time limits to the call's taker, overdue supervision tasks, and a daily digest of "
        "routine visits past due. Without --only it runs the overdue sweep first, then all. "
        "With --every N it queues a background task that repeats every N seconds on the task "
        "worker."
    )

    def add_arguments(self, parser):
        parser.add_argument("--only", choices=sorted(JOBS), help="Run just this one.")
        parser.add_argument(
            "--every", type=int, default=0, help="Queue everything to repeat every N seconds."
        )

    def handle(self, *args, only: str | None, every: int, **options):
        if every < 0:
            raise CommandError("--every must be zero or more seconds.")
        if every:
            if periodic_already_queued():
                self.stdout.write("Supervision notifications are already queued; nothing added.")
                return
            supervision_periodic.enqueue(every_seconds=every)
            self.stdout.write(f"Supervision notifications queued to run every {every} seconds.")
            return
        if only:
            self.stdout.write(f"{only}: {JOBS[only]()} notifications sent.")
            return
        for name, count in run_all().items():
            self.stdout.write(f"{name}: {count}")
