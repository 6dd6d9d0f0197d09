import logging

from axes.signals import user_locked_out
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from associations.audit import audit
from associations.models import Notification, User
from associations.selectors import forget_unread

logger = logging.getLogger("ton.security")


@receiver(user_locked_out)
def record_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    logger.warning("login locked out: username=%r ip=%s", username, ip_address)
    user = User.objects.filter(username__iexact=username).first() if username else None
    if user is not None:
        audit(user, "ton.member.lockout", user=None, ip_address=ip_address)


@receiver(post_save, sender=Notification, dispatch_uid="associations.unread-save")
@receiver(post_delete, sender=Notification, dispatch_uid="associations.unread-delete")
def forget_unread_count(sender, instance, raw=False, **kwargs):
    """A notification written or deleted one by one (bulk writes forget the count themselves)."""
    if not raw:
        forget_unread([instance.recipient_id])
