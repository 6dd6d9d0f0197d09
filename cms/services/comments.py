"""Members' comments on activities: plain text, moderated (status from moderation.services)."""

import rules
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from associations.audit import audit
from associations.models import User
from cms.models import ActivityPage, Comment
from config.errors import DomainError, Forbidden
from moderation.services import moderated_create

MAX_COMMENT = 1000


@transaction.atomic
def comment_create(*, author: User, page: ActivityPage, text: str) -> Comment:
    """A comment by a member who may read the activity; held for review when the association says so."""
    if not rules.has_perm("cms.comment_activity", author, page):
        raise Forbidden(_("You cannot comment on this activity."), code="cannot_comment")
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write a comment."), code="empty")
    if len(text) > MAX_COMMENT:
        raise DomainError(_("A comment has at most 1,000 characters."), code="too_long")
    comment = moderated_create(Comment, author=author, association=page.association, text=text, page=page)
    audit(comment, "ton.comment.create", user=author, status=comment.status)
    return comment
