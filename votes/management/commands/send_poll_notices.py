"""Tell members a poll opened, closes tomorrow or has closed, and staff that an outcome is missing.
Safe to run at any time and concurrently (each notice is claimed once); platform/schedule runs it."""

from django.core.management.base import BaseCommand

from votes.services.notices import poll_notices_send


class Command(BaseCommand):
    help = "Send the poll notices that are due (opened, closing in 24 h, closed, outcome missing after 7 days)."

    def handle(self, *args, **options):
        sent = poll_notices_send()
        self.stdout.write(", ".join(f"{kind}: {count}" for kind, count in sent.items()))
