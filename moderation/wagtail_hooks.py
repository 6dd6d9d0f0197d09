"""Wagtail admin: moderation's audit action names, and the queue as an admin view with a menu item
(shown to staff and platform admins only)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from moderation.admin_views import admin_queue
from moderation.audit import MODERATION_ACTIONS


@hooks.register("register_log_actions")
def register_moderation_actions(actions):
    for name, (label, message) in MODERATION_ACTIONS.items():
        actions.register_action(name, label, message)


@hooks.register("register_admin_urls")
def register_moderation_admin_urls():
    return [path("moderation/", admin_queue, name="moderation_queue")]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("moderation.view_queue")


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return StaffMenuItem(_("Moderation queue"), reverse("moderation_queue"), icon_name="warning", order=250)
