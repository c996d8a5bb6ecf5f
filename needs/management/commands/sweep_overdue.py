from django.core.management.base import BaseCommand, CommandError

from discovery.services import crosscheck_imports_recover
from needs.services import deadlines_sweep
from needs.tasks import sweep_overdue_deadlines


class Command(BaseCommand):
    help = (
        "Escalate overdue case steps to supervisors, expire unanswered referrals, and resume "
        "or stop the data cross-check imports whose worker died. "
        "Run it from cron, or once with --every N to queue a self-repeating background task."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every", type=int, default=0, help="Queue the sweep to repeat every N seconds."
        )

    def handle(self, *args, every: int, **options):
        if every < 0:
            raise CommandError("--every must be zero or more seconds.")
        if every:
            sweep_overdue_deadlines.enqueue(every_seconds=every)
            self.stdout.write(f"Overdue sweep queued to run every {every} seconds.")
            return
        result = deadlines_sweep()
        imports = crosscheck_imports_recover()
        self.stdout.write(
            f"Escalated {result.escalated} overdue steps; "
            f"expired {result.referrals_expired} referrals; "
            f"resumed {imports.resumed} and stopped {imports.failed} imports whose worker died."
        )
