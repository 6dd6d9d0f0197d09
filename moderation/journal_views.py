"""The moderation log in words (/moderation/journal/): staff read what was decided about their members."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from moderation import journal

PAGE_SIZE = 30


@login_required
def journal_page(request):
    if not request.user.has_perm("moderation.view_queue"):
        raise PermissionDenied
    member = " ".join(request.GET.get("member", "").split())[:80]
    picked = journal.pick_members(request.user, member) if member else None
    entries = journal.journal_entries(request.user, picked=picked)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "lines": journal.lines(page.object_list, request.user), "member": member, "picked": picked}
    return render(request, "moderation/journal.html", context)
