"""Wagtail admin: moderation's audit action names, and the queue as an admin report (staff only)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from moderation.audit import MODERATION_ACTIONS


@hooks.register("register_log_actions")
def register_moderation_actions(actions):
    for name, (label, message) in MODERATION_ACTIONS.items():
        actions.register_action(name, label, message)
