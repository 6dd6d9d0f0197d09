import logging

from axes.signals import user_locked_out
from django.dispatch import receiver

from associations.audit import audit
from associations.models import User

logger = logging.getLogger("ton.security")


@receiver(user_locked_out)
def record_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    logger.warning("login locked out: username=%r ip=%s", username, ip_address)
    user = User.objects.filter(username__iexact=username).first() if username else None
    if user is not None:
        audit(user, "ton.member.lockout", user=None, ip_address=ip_address)
