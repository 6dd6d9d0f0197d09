"""Extra data for `make bench` at a scale factor: each app adds its own in `<app>/bench_data.py`."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

BENCH_DATA_MODULES = ["associations.bench_data", "cms.bench_data", "votes.bench_data", "events.bench_data"]


class Command(BaseCommand):
    help = "Add benchmark data at a scale factor (on top of seed_demo)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1)

    def handle(self, *args, scale: int, **options):
        with transaction.atomic():
            for name in BENCH_DATA_MODULES:
                try:
                    module = import_module(name)
                except ModuleNotFoundError as exc:
                    if exc.name != name:
                        raise
                    continue
                module.seed(scale=scale, log=self.stdout.write)
