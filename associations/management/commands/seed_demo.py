"""Create or update the demo association. Idempotent: a second run changes nothing."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Each app seeds its own part, in dependency order.
DEMO_MODULES = ["associations.demo", "cms.demo", "votes.demo", "events.demo", "indicators.demo"]


class Command(BaseCommand):
    help = "Create the demo association (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            for name in DEMO_MODULES:
                try:
                    module = import_module(name)
                except ModuleNotFoundError as exc:
                    if exc.name != name:
                        raise
                    continue
                module.seed(lambda message: self.stdout.write(message))
        from associations.demo import logins_summary

        self.stdout.write(self.style.SUCCESS("Demo association ready."))
        self.stdout.write(logins_summary())
