"""`notify`: the one way every app tells members something (inbox, live push, e-mail when known)."""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation
from django.utils.functional import lazy

from associations.models import Notification, User
from associations.realtime import user_group
from config.realtime import group_send

logger = logging.getLogger(__name__)


def _interpolate(template, values) -> str:
    return str(template) % values


# `_("… %(x)s") % {...}` renders at once in the actor's language; this stays lazy until notify() renders
# it in each recipient's own language.
interpolate_lazy = lazy(_interpolate, str)


def notify(recipients: Iterable[User], *, kind: str, text, url: str = "") -> list[Notification]:
    """Write one notification per recipient; push and e-mail after the transaction commits.

    `text` may be a lazy translation: it is rendered in each recipient's own language.
    """
    notifications = []
    for recipient in {user.pk: user for user in recipients if user.erased_at is None}.values():
        with translation.override(recipient.language or settings.LANGUAGE_CODE):
            rendered = str(text)[:500]
        notifications.append(Notification(recipient=recipient, kind=kind, text=rendered, url=url))
    created = Notification.objects.bulk_create(notifications)
    transaction.on_commit(lambda: _deliver(created))
    return created


def _deliver(notifications: list[Notification]) -> None:
    for notification in notifications:
        payload = {
            "type": "notification",
            "id": notification.pk,
            "kind": notification.kind,
            "text": notification.text,
            "url": notification.url,
        }
        # Best effort (never raises): the inbox already holds the notification.
        group_send(user_group(notification.recipient_id), {"type": "notification.push", "payload": payload})
        email = notification.recipient.email
        if email:
            send_mail(
                subject=notification.text[:80],
                message=f"{notification.text}\n\n{settings.SITE_URL}{notification.url}",
                from_email=None,
                recipient_list=[email],
                fail_silently=True,
            )


def notification_mark_read(*, user: User, notification_id: int | None = None) -> int:
    """Mark one (or, without an id, every) unread notification of `user` as read; returns how many."""
    from django.utils import timezone

    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())
