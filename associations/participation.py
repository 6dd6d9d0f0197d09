"""How much a member takes part, counted by the apps that hold it, for the staff's member page.

An app registers counters in its `AppConfig.ready()` (through its `personal_data.register()`); associations
never imports that app. A counter is `(key, label, count)` where `count(user_id) -> int` costs one query,
so the member page costs one query per counter whatever the member did. Counters say how much, never
what: a poll counter counts participations, never how the member voted.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Counter:
    key: str
    label: str  # lazy translation
    count: Callable[[int], int]


_counters: dict[str, Counter] = {}


def register(counter: Counter) -> None:
    _counters[counter.key] = counter


def counts(user_id: int) -> list[tuple[str, str, int]]:
    """(key, label, count) for every registered counter, in registration order."""
    return [(c.key, str(c.label), c.count(user_id)) for c in _counters.values()]
