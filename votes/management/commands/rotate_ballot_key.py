"""Rotate the key that seals secret ballots between casting and the mix.

Procedure (the old key must keep opening what it sealed until every sealed ballot is re-encrypted):

1. `manage.py rotate_ballot_key --generate` prints a new key.
2. Set `BALLOT_OLD_KEYS` to the current key and `BALLOT_KEY` to the new one; restart every web and task
   worker, so new votes are sealed under the new key.
3. `manage.py rotate_ballot_key` re-encrypts every sealed ballot under the new key, in one transaction.
4. `manage.py rotate_ballot_key --check` must report 0 under an old key and 0 unreadable; then remove the
   old key from `BALLOT_OLD_KEYS`, restart, and destroy it.

Backups taken before step 3 hold ballots sealed under the old key: restoring one with its unmixed votes
needs that key. Keep it, if at all, apart from the backups (together they open those ballots).
Mixed ballots are not encrypted (the mix has already cut their link to voters): rotation does not touch them.
"""

import argparse
import secrets

from django.core.management.base import BaseCommand, CommandError

from votes.sealing import SealError
from votes.services.keys import sealed_key_report, sealed_rotate


class Command(BaseCommand):
    help = __doc__

    def create_parser(self, prog_name, subcommand, **kwargs):
        # The procedure is a numbered list: keep its line breaks in --help.
        return super().create_parser(prog_name, subcommand, formatter_class=argparse.RawDescriptionHelpFormatter)

    def add_arguments(self, parser):
        parser.add_argument("--generate", action="store_true", help="Print a new random key and exit.")
        parser.add_argument("--check", action="store_true", help="Count sealed ballots per key; change nothing.")

    def handle(self, *args, generate=False, check=False, **options):
        if generate:
            self.stdout.write(secrets.token_urlsafe(48))
            return
        if check:
            report = sealed_key_report()
            self.stdout.write(
                f"{report.current} sealed ballot(s) under the current key, {report.old} under an old key, "
                f"{report.unreadable} unreadable with the configured keys."
            )
            if report.unreadable:
                raise CommandError("Some sealed ballots open with no configured key.")
            return
        try:
            count = sealed_rotate()
        except SealError as error:
            raise CommandError(f"Nothing changed: {error}. Add the key that sealed it to BALLOT_OLD_KEYS.") from error
        self.stdout.write(f"{count} sealed ballot(s) re-encrypted under the current BALLOT_KEY.")
