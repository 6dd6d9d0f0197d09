"""The in-app inbox."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from associations.selectors import inbox
from associations.services.notifications import notification_mark_read


@login_required
def notification_list(request):
    page = Paginator(inbox(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "associations/inbox/list.html", {"page": page})


@login_required
@require_POST
def notification_read(request, pk: int):
    # Only the recipient's own notifications match; anyone else's id changes nothing.
    notification_mark_read(user=request.user, notification_id=pk)
    return redirect("notifications")


@login_required
@require_POST
def notification_read_all(request):
    notification_mark_read(user=request.user)
    return redirect("notifications")
