"""Content types under moderation. A model registers itself; the queue and reports find it here."""

from django.db import models

_registered: list[type[models.Model]] = []


def register(model: type[models.Model]) -> type[models.Model]:
    """Class decorator (or call) for a `ModeratedContent` subclass."""
    if model not in _registered:
        _registered.append(model)
    return model


def registered_models() -> list[type[models.Model]]:
    return list(_registered)
