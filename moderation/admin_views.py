"""The moderation queue inside the Wagtail admin (same selectors and actions as the phone page)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from moderation import selectors
from moderation.views import queue_context


def admin_queue(request):
    if not request.user.has_perm("moderation.view_queue"):
        raise PermissionDenied
    state = selectors.CLOSED if request.GET.get("state") == selectors.CLOSED else selectors.OPEN
    return render(request, "moderation/admin_queue.html", queue_context(request, state=state, with_approvals=False))
