"""Posting a comment from an activity page (the list is rendered by the page itself)."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.forms import CommentForm
from cms.models import ActivityPage
from cms.services.comments import comment_create
from config.errors import DomainError
from moderation.content import ModerationStatus


@login_required
@require_POST
def comment(request, pk: int):
    page = get_object_or_404(ActivityPage.objects.select_related("association"), pk=pk)
    if not rules.has_perm("cms.view_activity", request.user, page):
        raise Http404
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("text", [_("Write a comment.")])))
        return redirect(page.url + "#comment-form")
    try:
        created = comment_create(author=request.user, page=page, text=form.cleaned_data["text"])
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(page.url + "#comment-form")
    if created.status == ModerationStatus.PUBLISHED:
        messages.success(request, _("Your comment is published."))
    else:
        messages.info(request, _("Your comment will appear once staff have read it."))
    return redirect(f"{page.url}#comment-{created.pk}")
