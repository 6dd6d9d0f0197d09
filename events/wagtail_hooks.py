from wagtail import hooks

from events.audit_actions import EVENT_ACTIONS


@hooks.register("register_log_actions")
def register_event_actions(actions):
    for name, (label, message) in EVENT_ACTIONS.items():
        actions.register_action(name, label, message)
