"""Content types under moderation. A model registers itself; the queue and reports find it here.

Items are named everywhere (API, queue, audit) by "<app_label>.<model>:<pk>", e.g. "cms.comment:12".
"""

from collections.abc import Callable

import rules
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.utils.module_loading import import_string

from config.parsing import parse_id

_registered: list[type[models.Model]] = []
# label -> (permission name, or dotted path of a predicate `(viewer, obj) -> bool`; the item's field asked
# about, or "" for the item itself).
_visibility: dict[str, tuple[str, str]] = {}
# label -> dotted path of `(viewer, staff_association_ids) -> QuerySet`, for a type whose fields do not
# fit `moderation.content.visible_q` (an event names its author `created_by`).
_querysets: dict[str, str] = {}
# Types whose own "pending" is handled by their app (an event awaiting approval): not queued on save.
_own_review: set[str] = set()


def register(
    model: type[models.Model] | None = None,
    *,
    visible_to: str = "",
    through: str = "",
    queryset: str = "",
    queue_pending: bool = True,
):
    """Class decorator (or call) for a `ModeratedContent` subclass.

    `visible_to` names the permission its pages use to show the item (a `rules` permission such as
    "votes.view_poll", asked with `viewer.has_perm`; or the dotted path of a `(viewer, obj) -> bool`
    predicate for a type whose app names no permission yet); it is asked about `getattr(item, through)`
    when `through` is given (a proposal follows its poll), else about the item. Moderation surfaces
    show an item only when it says yes, on top of the status rule (published, own, or staffed association).

    Saving an item of a registered type keeps its queue entry in step (a new pending item joins the queue,
    unless `queue_pending=False`: the type's app reviews its own pending items, and only reports bring
    them to the queue). `queryset` replaces the status rule of `visible_q` for a type that keeps its
    author or status under other names.

    Besides a `ModeratedContent` subclass, any model with `author_id`, `association_id`, `section_id`,
    `status` (a `ModerationStatus` value when moderated), `flags`, `created_at`, `moderation_reason`,
    `moderated_at`, `moderation_text`, `moderation_context`, `moderation_anchor` and `context_url()` may
    register (an activity page, an event).
    """
    if model is None:
        return lambda cls: register(
            cls, visible_to=visible_to, through=through, queryset=queryset, queue_pending=queue_pending
        )
    if visible_to:
        _visibility[model._meta.label_lower] = (visible_to, through)
    if queryset:
        _querysets[model._meta.label_lower] = queryset
    if not queue_pending:
        _own_review.add(model._meta.label_lower)
    if model not in _registered:
        _registered.append(model)
        post_save.connect(_item_saved, sender=model, weak=False, dispatch_uid=f"moderation-save-{model._meta.label}")
        post_delete.connect(
            _item_deleted, sender=model, weak=False, dispatch_uid=f"moderation-delete-{model._meta.label}"
        )
    return model


def may_see(viewer, item: models.Model) -> bool:
    """The item's own type's policy (True for a type that declared none)."""
    if item._meta.label_lower not in _visibility:
        return True
    name, through = _visibility[item._meta.label_lower]
    obj = getattr(item, through) if through else item
    if rules.perm_exists(name):
        return viewer.has_perm(name, obj)
    predicate: Callable[..., bool] = import_string(name)
    return bool(predicate(viewer, obj))


def visible_queryset(model: type[models.Model], viewer, staff_association_ids) -> models.QuerySet | None:
    """The type's own status rule (None: the common rule of `moderation.content.visible_q` applies)."""
    path = _querysets.get(model._meta.label_lower)
    return import_string(path)(viewer, staff_association_ids) if path else None


def queues_pending(item: models.Model) -> bool:
    return item._meta.label_lower not in _own_review


def model_for_label(label: str) -> type[models.Model] | None:
    """The registered model named "app_label.model" (case-insensitive), or None."""
    label = (label or "").strip().lower()
    for model in _registered:
        if model._meta.label_lower == label:
            return model
    return None


def item_label(instance: models.Model) -> str:
    return f"{instance._meta.label_lower}:{instance.pk}"


def parse_item_id(item_id: str) -> tuple[type[models.Model], int] | None:
    """("cms.comment:12") -> (Comment, 12); None when malformed or not a registered type."""
    label, _, pk = (item_id or "").partition(":")
    model = model_for_label(label)
    object_id = parse_id(pk)
    if model is None or object_id is None:
        return None
    return model, object_id


def _item_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    from moderation.services.queue import entry_sync

    entry_sync(instance, created=created, queue_pending=queues_pending(instance))


def _item_deleted(sender, instance, **kwargs):
    from moderation.services.queue import entry_delete

    entry_delete(instance)
