from django.utils.translation import gettext_lazy as _
from wagtail import hooks

CMS_ACTIONS = {
    "ton.activity.submit": (_("Submit activity report"), _("Activity report submitted")),
    "ton.activity.resubmit": (_("Resubmit activity report"), _("Activity report submitted again")),
    "ton.comment.create": (_("Comment"), _("Comment posted")),
}


@hooks.register("register_log_actions")
def register_cms_actions(actions):
    for name, (label, message) in CMS_ACTIONS.items():
        actions.register_action(name, label, message)
