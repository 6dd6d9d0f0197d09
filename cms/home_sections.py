"""Sections of the home page contributed by each app's `home.py` (`home_section(request) -> dict | None`).

A section is {"title": str, "template": "app/includes/home_….html", "context": {...}}; each app filters its
items by what the viewer may see. cms, events and votes add theirs without editing the home template.
"""

from importlib import import_module

HOME_MODULES = ["cms.home", "events.home", "votes.home"]


def home_sections(request) -> list[dict]:
    sections = []
    for name in HOME_MODULES:
        try:
            module = import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        section = module.home_section(request)
        if section:
            sections.append(section)
    return sections
