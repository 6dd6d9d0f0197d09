"""Keeping queue entries in step with the items they stand for."""

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction

from moderation.content import ModerationStatus
from moderation.models import QueueEntry
from moderation.realtime import queue_changed_on_commit


def _entry_fields(item) -> dict:
    return {
        "association_id": item.association_id,
        "section_id": item.section_id,
        "author_id": item.author_id,
        "status": item.status,
        "flags": list(item.flags or []),
        "item_created_at": item.created_at,
    }


def entry_sync(item, *, created: bool = False, queue_pending: bool = True) -> None:
    """Called on every save of a moderated item: mirror its status; a pending item (new, or sent back to
    review by its app) opens an entry so it shows in the queue, unless its type reviews its own pending items
    (`queue_pending=False`, the registry's setting, passed in by the registry)."""
    content_type = ContentType.objects.get_for_model(item)
    fields = _entry_fields(item)
    entries = QueueEntry.objects.filter(content_type=content_type, object_id=item.pk)
    pending = item.status == ModerationStatus.PENDING and queue_pending
    if pending:
        fields["is_open"] = True
    updated = 0 if created else entries.update(**fields)
    if updated == 0 and pending:
        entry_get_or_create(item, content_type=content_type)
    elif updated and not pending:
        # Decided through another path (e.g. an app's own workflow): nothing left to review unless reported.
        entries.filter(is_open=True, reports=0, urgent_reports=0).update(is_open=False)
    if pending or updated:
        queue_changed_on_commit(item.association_id)


def entry_delete(item) -> None:
    content_type = ContentType.objects.get_for_model(item)
    deleted, _ = QueueEntry.objects.filter(content_type=content_type, object_id=item.pk).delete()
    if deleted:
        queue_changed_on_commit(item.association_id)


def entry_get_or_create(item, *, content_type: ContentType | None = None) -> QueueEntry:
    """The item's entry, created if missing (races settled by the unique constraint)."""
    content_type = content_type or ContentType.objects.get_for_model(item)
    defaults = _entry_fields(item)
    defaults["is_open"] = item.status == ModerationStatus.PENDING
    try:
        with transaction.atomic():
            entry, _ = QueueEntry.objects.get_or_create(content_type=content_type, object_id=item.pk, defaults=defaults)
    except IntegrityError:
        entry = QueueEntry.objects.get(content_type=content_type, object_id=item.pk)
    return entry


def entry_lock(item) -> QueueEntry:
    """The item's entry, locked until the end of the transaction (counters and status change under it)."""
    entry = entry_get_or_create(item)
    return QueueEntry.objects.select_for_update().get(pk=entry.pk)


def item_lock(item) -> models.Model:
    return type(item).objects.select_for_update().get(pk=item.pk)
