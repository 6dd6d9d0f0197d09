"""Header navigation gathered from each app's `navigation.py` (`items(request) -> list[NavItem]`).

Apps add their own entries without editing the base template.
"""

from dataclasses import dataclass

from config.plugins import app_modules

# The header's order (what a youth looks for first); an app not named here still plugs in, after these.
NAV_ORDER = ["cms", "votes", "events", "moderation", "indicators", "associations"]


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    badge: int | None = None
    badge_label: str = ""


def navigation(request):
    items: list[NavItem] = []
    for module in app_modules("navigation", first=NAV_ORDER):
        items.extend(module.items(request))
    return {"nav_items": items}
