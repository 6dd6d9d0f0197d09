from wagtail import hooks

from associations.audit import MEMBER_ACTIONS


@hooks.register("register_log_actions")
def register_member_actions(actions):
    for name, (label, message) in MEMBER_ACTIONS.items():
        actions.register_action(name, label, message)
