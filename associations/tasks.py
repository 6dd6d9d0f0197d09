"""Background tasks (django-tasks): the e-mail and text-message (SMS) copies of notifications.

`notify` queues it once the notifications have committed. The immediate backend (development, tests) sends
at once, after the commit; the database backend in production (`manage.py db_worker`) sends it off the
request, so a slow or unreachable mail server never holds a member's request.
"""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django_tasks import task

from associations.models import Notification
from associations.notice_channels import delivered_by
from config import sms


@task()
def notifications_email(notification_ids: list[int]) -> int:
    """Send each notification to its recipient's e-mail address (one SMTP connection); returns how many."""
    rows = Notification.objects.filter(pk__in=notification_ids, recipient__erased_at__isnull=True).select_related(
        "recipient"
    )
    rows = delivered_by(list(rows), "email")
    messages = [
        EmailMessage(
            subject=row.text[:80],
            body=f"{row.text}\n\n{settings.SITE_URL}{row.url}",
            to=[row.recipient.email],
        )
        for row in rows
        if row.recipient.email
    ]
    if not messages:
        return 0
    # A failure raises, so the task result records it (the notices themselves are in the inbox).
    return get_connection().send_messages(messages) or 0


@task()
def notifications_sms(notification_ids: list[int]) -> int:
    """Text each notification to its recipient's phone, in one GSM-7 segment with its link; returns how many
    the provider accepted (a refused one is logged by the backend; the notice is in the inbox)."""
    rows = Notification.objects.filter(pk__in=notification_ids, recipient__erased_at__isnull=True).select_related(
        "recipient"
    )
    sent = 0
    for row in delivered_by(list(rows), "sms"):
        if row.recipient.phone:
            sent += sms.send_sms(row.recipient.phone, row.text, link=f"{settings.SITE_URL}{row.url}" if row.url else "")
    return sent
