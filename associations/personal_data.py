"""What other apps keep about a member, joined to the member's export, page and erasure.

An app registers a provider in its `AppConfig.ready()`; associations never imports that app. A provider
gives `export(user) -> JSON-able`, `erase(user) -> None` (called inside the erasure's transaction) and,
optionally, a page of "Mon espace" where the member reads it (`(label, url name)`).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Provider:
    key: str
    export: Callable
    erase: Callable
    page: tuple[str, str] | None = None


_providers: dict[str, Provider] = {}


def register(provider: Provider) -> None:
    _providers[provider.key] = provider


def providers() -> list[Provider]:
    return list(_providers.values())


def export_all(user) -> dict:
    return {p.key: p.export(user) for p in _providers.values()}


def erase_all(user) -> None:
    for provider in _providers.values():
        provider.erase(user)
