"""Background tasks (django-tasks): the e-mail copy of notifications.

`notify` queues it once the notifications have committed. The immediate backend (development, tests) sends
at once, after the commit; the database backend in production (`manage.py db_worker`) sends it off the
request, so a slow or unreachable mail server never holds a member's request.
"""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django_tasks import task

from associations.models import Notification


@task()
def notifications_email(notification_ids: list[int]) -> int:
    """Send each notification to its recipient's e-mail address (one SMTP connection); returns how many."""
    rows = Notification.objects.filter(pk__in=notification_ids, recipient__erased_at__isnull=True).select_related(
        "recipient"
    )
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
