"""What every app calls when member-written content is created: its first moderation status, and the
creation itself (status, flags, association and the author's section set once, the same way everywhere)."""

from django.db import models
from django.utils import timezone

from associations.models import Association, Role, User
from associations.selectors import membership_in
from moderation.content import ModerationStatus
from moderation.detect import PERSONAL_INFO, personal_info_found

ADULT_AGE = 18


def initial_status(*, author: User, association: Association, text: str) -> tuple[str, list[str]]:
    """Status and flags of a new item: staff publish directly; youths and leaders follow the association's
    pre-moderation settings; a minor's text with personal information is held whatever the settings."""
    flags = []
    membership = membership_in(author, association)
    role = membership.role if membership else None
    is_minor = author.birth_year is None or author.age_on(timezone.localdate()) < ADULT_AGE
    if role != Role.STAFF and not author.is_superuser and is_minor and personal_info_found(text):
        flags.append(PERSONAL_INFO)
    if author.is_superuser or role == Role.STAFF:
        held = False
    elif role == Role.LEADER:
        held = association.premoderate_leaders
    else:
        held = association.premoderate_youth
    status = ModerationStatus.PENDING if held or flags else ModerationStatus.PUBLISHED
    return status, flags


def moderated_create(model: type[models.Model], *, author: User, association: Association, text: str, **fields):
    """Create an item of a moderated model (see `moderation.content`): published or held for review as
    `initial_status` decides, in the author's section. `fields` are the model's own fields."""
    status, flags = initial_status(author=author, association=association, text=text)
    membership = membership_in(author, association)
    return model.objects.create(
        author=author,
        association=association,
        section_id=membership.section_id if membership else None,
        text=text,
        status=status,
        flags=flags,
        **fields,
    )
