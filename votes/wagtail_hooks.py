from django.utils.translation import gettext_lazy as _
from wagtail import hooks

# Poll actions in Wagtail's audit log. Votes themselves are never audited: an entry would date a ballot.
POLL_ACTIONS = {
    "ton.poll.create": (_("Create poll"), _("Poll created")),
    "ton.poll.update": (_("Change poll"), _("Poll changed")),
    "ton.poll.publish": (_("Publish poll"), _("Poll published")),
    "ton.poll.unpublish": (_("Unpublish poll"), _("Poll unpublished")),
    "ton.poll.outcome": (_("Record poll outcome"), _("Poll outcome recorded")),
    "ton.poll.proposal_accept": (_("Accept option proposal"), _("Option proposal accepted")),
}


@hooks.register("register_log_actions")
def register_poll_actions(actions):
    for name, (label, message) in POLL_ACTIONS.items():
        actions.register_action(name, label, message)
