"""Audit entries in Wagtail's log (Reports → Site history), with dotted action names."""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

# action name -> (label, message). Registered with Wagtail in wagtail_hooks.py.
MEMBER_ACTIONS = {
    "ton.member.create": (_("Create member"), _("Member created")),
    "ton.member.import": (_("Import members"), _("Member imported")),
    "ton.member.code": (_("Issue a login code"), _("Login code issued")),
    "ton.member.suspend": (_("Suspend member"), _("Member suspended")),
    "ton.member.reactivate": (_("Reactivate member"), _("Member reactivated")),
    "ton.member.erase": (_("Erase member"), _("Member's personal data erased")),
    "ton.member.role": (_("Change role"), _("Member's role changed")),
    "ton.member.warn": (_("Warn member"), _("Member warned")),
    "ton.member.consent": (_("Record guardian consent"), _("Guardian consent recorded")),
    "ton.member.update": (_("Update member"), _("Member updated")),
    "ton.member.lockout": (_("Login lockout"), _("Login locked out after failed attempts")),
}


def audit(instance, action: str, *, user=None, **data):
    """Write one audit entry; `user=None` is recorded as the system."""
    return log(instance, action, user=user, data={key: _plain(value) for key, value in data.items()})


def _plain(value):
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)
