"""`notify`: the one way every app tells members something (inbox, live push, e-mail when known).

A notice is written in each recipient's language, so callers pass the untranslated template
(`gettext_lazy` / `gettext_noop`) and its parameters, never a string already rendered: `_("…") % {…}`
on a lazy string renders at once, in the acting member's language.
"""

import logging
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.functional import Promise

from associations.models import Notification, User
from associations.realtime import user_group
from associations.selectors import forget_unread
from config.realtime import group_send

logger = logging.getLogger(__name__)

MAX_TEXT = 500


def notify(
    recipients: Iterable[User], *, kind: str, message, params: Mapping | None = None, url: str = ""
) -> list[Notification]:
    """Write one notification per recipient, rendered in the recipient's language; push and e-mail them
    after the transaction commits.

    `message` is the untranslated template; `params` fill its `%(name)s` placeholders, and a lazy
    parameter (a model's verbose name, a label) is rendered in the recipient's language too.
    """
    notifications = []
    for recipient in {user.pk: user for user in recipients if user.erased_at is None}.values():
        with translation.override(recipient.language or settings.LANGUAGE_CODE):
            text = _render(message, params)
        notifications.append(Notification(recipient=recipient, kind=kind, text=text[:MAX_TEXT], url=url))
    created = Notification.objects.bulk_create(notifications)
    forget_unread(n.recipient_id for n in created)
    transaction.on_commit(lambda: _deliver(created))
    return created


def _render(message, params: Mapping | None = None) -> str:
    """The message in the active language, its parameters filled in (lazy ones rendered now as well)."""
    if params is None:
        return str(message)
    return str(message) % {key: str(value) if isinstance(value, Promise) else value for key, value in params.items()}


def _deliver(notifications: list[Notification]) -> None:
    """The live push now (best effort: the inbox already holds the notification); the e-mails through the
    task queue, so no request waits for a mail server."""
    from associations.tasks import notifications_email, notifications_sms

    for notification in notifications:
        payload = {
            "type": "notification",
            "id": notification.pk,
            "kind": notification.kind,
            "text": notification.text,
            "url": notification.url,
        }
        group_send(user_group(notification.recipient_id), {"type": "notification.push", "payload": payload})
    with_email = [notification.pk for notification in notifications if notification.recipient.email]
    with_phone = [notification.pk for notification in notifications if notification.recipient.phone]
    for task, ids in ((notifications_email, with_email), (notifications_sms, with_phone)):
        if not ids:
            continue
        try:
            task.enqueue(ids)
        except Exception:  # the queue is unreachable: the notices are in the inbox, only this copy is lost
            logger.exception("could not queue the %s copy of %s notifications", task.name, len(ids))


def notification_mark_read(*, user: User, notification_id: int | None = None) -> int:
    """Mark one (or, without an id, every) unread notification of `user` as read; returns how many."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    marked = unread.update(read_at=timezone.now())
    forget_unread([user.pk])
    return marked
