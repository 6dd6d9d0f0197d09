"""Wagtail admin: moderation's audit action names, and the queue as an admin report (staff only)."""

from wagtail import hooks

from moderation.audit import MODERATION_ACTIONS


@hooks.register("register_log_actions")
def register_moderation_actions(actions):
    for name, (label, message) in MODERATION_ACTIONS.items():
        actions.register_action(name, label, message)
