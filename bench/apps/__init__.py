"""Each app's bench code, kept out of the apps because it serves only `make bench`: `TARGETS` (what is
measured) and `seed(scale, log)` (data at a scale factor on top of seed_demo, idempotent).

Importing this package needs Django set up: the seeds use the models.
"""

from bench.apps import associations, cms, events, indicators, moderation, votes
from bench.targets import FOUNDATION

# INSTALLED_APPS order: seeds run in dependency order and the report lists targets in a stable order.
APPS = (associations, cms, votes, events, moderation, indicators)

TARGETS = [*FOUNDATION, *(target for app in APPS for target in app.TARGETS)]


def seed(scale: int, log) -> None:
    for app in APPS:
        app.seed(scale=scale, log=log)
