"""Mix the sealed ballots of every poll that is due. Run it from a timer (cron, systemd) every few minutes:
it catches up on polls that closed with fewer than k ballots waiting, and on mixes a crash interrupted. Safe
to run often and in parallel (each sealed ballot is mixed exactly once); exits non-zero if a poll's sealed
ballots do not open with the configured BALLOT_KEY / BALLOT_OLD_KEYS."""

from django.core.management.base import BaseCommand, CommandError

from votes.services.mixing import ballots_mix_due


class Command(BaseCommand):
    help = (
        "Mix sealed secret ballots into counted ballots for every poll with at least BALLOT_MIX_SIZE waiting, "
        "or closed with any waiting. Idempotent; safe when two runs overlap."
    )

    def handle(self, *args, **options):
        report = ballots_mix_due()
        total = sum(report.mixed.values())
        self.stdout.write(f"{total} ballot(s) mixed in {len(report.mixed)} poll(s).")
        if report.failed:
            polls = ", ".join(str(poll_id) for poll_id in sorted(report.failed))
            raise CommandError(f"Sealed ballots of poll(s) {polls} do not open with the configured ballot keys.")
