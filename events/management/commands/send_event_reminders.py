"""Send tomorrow's event reminders. Run it from a timer (cron, systemd) every hour or so: it never sends
the same reminder twice, even when two runs overlap."""

from django.core.management.base import BaseCommand

from events.services import event_reminders_send


class Command(BaseCommand):
    help = "Remind registrants of events starting within 24 hours (each reminder is sent once)."

    def handle(self, *args, **options):
        sent = event_reminders_send()
        self.stdout.write(f"{sent} reminder(s) sent.")
