"""Header navigation gathered from each app's `navigation.py` (`items(request) -> list[NavItem]`).

Apps add their own entries without editing the base template.
"""

from dataclasses import dataclass
from importlib import import_module

NAV_MODULES = [
    "cms.navigation",
    "votes.navigation",
    "events.navigation",
    "moderation.navigation",
    "indicators.navigation",
    "associations.navigation",
]


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    badge: int | None = None
    badge_label: str = ""


def navigation(request):
    items: list[NavItem] = []
    for name in NAV_MODULES:
        try:
            module = import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        items.extend(module.items(request))
    return {"nav_items": items}
