"""How an app plugs into the foundation without the foundation naming it: a module of an agreed name
(`navigation.py`, `home.py`, `demo.py`, `event_page.py`) that the foundation finds in every installed app.

The same idea as Django's `autodiscover_modules`, with two differences that matter here: only this
project's apps are searched (Wagtail has its own `navigation` module), and nothing fails silently — an
error inside a module propagates, and an app named in `first` that has no such module is a configuration
error rather than a missing menu entry nobody notices.
"""

from collections.abc import Sequence
from functools import cache
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path
from types import ModuleType

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def project_app_names() -> list[str]:
    """Installed apps that live in this repository, in INSTALLED_APPS order."""
    root = Path(settings.BASE_DIR).resolve()
    return [config.name for config in apps.get_app_configs() if Path(config.path).resolve().parent == root]


def app_modules(suffix: str, *, first: Sequence[str] = ()) -> list[ModuleType]:
    """`<app>.<suffix>` of every project app that has one.

    Apps named in `first` come first, in that order, and must have the module (the header's order is a
    product decision, not INSTALLED_APPS'); the others follow in INSTALLED_APPS order. Found once per
    process: the search costs milliseconds and the header asks on every request.
    """
    return list(_app_modules(suffix, tuple(first)))


@cache
def _app_modules(suffix: str, first: tuple[str, ...]) -> tuple[ModuleType, ...]:
    names = project_app_names()
    unknown = [name for name in first if name not in names]
    if unknown:
        raise ImproperlyConfigured(f"app_modules({suffix!r}): {', '.join(unknown)} not installed")
    modules = []
    for name in [*first, *(name for name in names if name not in first)]:
        dotted = f"{name}.{suffix}"
        if find_spec(dotted) is None:
            if name in first:
                raise ImproperlyConfigured(f"app_modules({suffix!r}): {dotted} does not exist")
            continue
        modules.append(import_module(dotted))
    return tuple(modules)
