"""Create or update the demo association. Idempotent: a second run changes nothing."""

from django.core.management.base import BaseCommand
from django.db import transaction

from associations.demo import logins_summary
from config.plugins import app_modules


class Command(BaseCommand):
    help = "Create the demo association (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            # Each app seeds its own part; INSTALLED_APPS lists the apps in dependency order.
            for module in app_modules("demo"):
                module.seed(lambda message: self.stdout.write(message))
        self.stdout.write(self.style.SUCCESS("Demo association ready."))
        self.stdout.write(logins_summary())
