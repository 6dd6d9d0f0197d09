"""Moderation decisions that every app calls when member-written content is created."""

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


def __getattr__(name):
    # The write services live in submodules; importing them lazily keeps this module importable while
    # models load (apps call `initial_status` from their own services).
    if name in {"report_create"}:
        from moderation.services import reports

        return getattr(reports, name)
    if name in {"item_decide", "items_bulk_approve", "author_warn", "author_suspend"}:
        from moderation.services import decisions

        return getattr(decisions, name)
    raise AttributeError(name)
