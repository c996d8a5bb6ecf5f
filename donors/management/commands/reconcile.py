from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from donors.reconcile import reconcile_report


class Command(BaseCommand):
    help = (
        "Check the ledger: every transaction balances, no holding account is below zero, cached "
        "balances equal their entries, every donation, fee, refund, allocation and Stripe "
        "payment is booked once, every case's stored remaining gap is the derived one. Exits 1 "
        "and lists what is broken; 0 when all is clean."
    )

    def handle(self, *args, **options):
        report = reconcile_report()
        self.stdout.write(
            _(
                "Checked %(transactions)s transactions, %(accounts)s accounts, %(donations)s "
                "donations, %(allocations)s allocations, %(events)s Stripe payment events, "
                "%(cases)s cases' remaining gaps."
            )
            % {
                "transactions": report.transactions_checked,
                "accounts": report.accounts_checked,
                "donations": report.donations_checked,
                "allocations": report.allocations_checked,
                "events": report.stripe_events_checked,
                "cases": report.cases_checked,
            }
        )
        for problem in report.problems:
            ack = problem.acknowledgement
            if ack is not None:
                line = f"[{_('ACKNOWLEDGED')}] {problem.code} {problem.key}: {problem.message} " + (
                    _("(%(user)s, %(date)s: %(reason)s)")
                    % {
                        "user": ack.acknowledged_by.get_username(),
                        "date": ack.acknowledged_at.date().isoformat(),
                        "reason": ack.reason,
                    }
                )
                self.stdout.write(line)
            elif problem.attention_only:
                line = f"[{_('ATTENTION')}] {problem.code} {problem.key}: {problem.message}"
                self.stdout.write(self.style.WARNING(line))
            else:
                line = f"[{_('BROKEN')}] {problem.code} {problem.key}: {problem.message}"
                self.stdout.write(self.style.ERROR(line))
        failures = len(report.failures)
        if failures:
            # CommandError's returncode is the process's exit status (call_command raises it).
            raise CommandError(
                _("%(count)s problems found: the ledger does not reconcile.") % {"count": failures},
                returncode=1,
            )
        self.stdout.write(self.style.SUCCESS(_("The ledger reconciles.")))
