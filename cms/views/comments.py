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
        return _refused(request, page, " ".join(form.errors.get("text", [_("Write a comment.")])))
    try:
        created = comment_create(author=request.user, page=page, text=form.cleaned_data["text"])
    except DomainError as error:
        if error.status == 403:  # not theirs to comment on: nothing to keep, the page says why
            messages.error(request, error.message)
            return redirect(page.url + "#comment-form")
        return _refused(request, page, error.message, status=error.status)
    if created.status == ModerationStatus.PUBLISHED:
        messages.success(request, _("Your comment is published."))
    else:
        messages.info(request, _("Your comment will appear once staff have read it."))
    return redirect(f"{page.url}#comment-{created.pk}")


def _refused(request, page: ActivityPage, message: str, *, status: int = 400):
    """The activity page again, with the comment as typed and why it was refused (nothing is lost)."""
    request.comment_draft = request.POST.get("text", "")
    request.comment_error = message
    response = page.serve(request)
    response.status_code = status
    return response
