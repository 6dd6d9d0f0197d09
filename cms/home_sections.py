"""Sections of the home page contributed by each app's `home.py` (`home_section(request) -> dict | None`).

A section is {"title": str, "template": "app/includes/home_….html", "context": {...}}; each app filters its
items by what the viewer may see. cms, events and votes add theirs without editing the home template.
"""

from config.plugins import app_modules

# The home page's order; an app not named here still plugs in, after these.
HOME_ORDER = ["cms", "events", "votes"]


def home_sections(request) -> list[dict]:
    sections = []
    for module in app_modules("home", first=HOME_ORDER):
        section = module.home_section(request)
        if section:
            sections.append(section)
    return sections
