"""Extra data for `make bench` at a scale factor: each app's part is in `bench/apps/<app>.py`."""

from django.core.management.base import BaseCommand
from django.db import transaction

from bench.apps import seed


class Command(BaseCommand):
    help = "Add benchmark data at a scale factor (on top of seed_demo)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1)

    def handle(self, *args, scale: int, **options):
        with transaction.atomic():
            seed(scale=scale, log=self.stdout.write)
