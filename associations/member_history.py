"""A member's history for the staff of their section: memberships, warnings and suspensions, login code,
participation counts. A fixed number of queries whatever the member did (one per counter)."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from wagtail.models import ModelLogEntry

from associations import participation
from associations.models import Membership, OneTimeCode, Role
from associations.selectors import user_memberships

# Member actions the history lists, in words (associations.audit.MEMBER_ACTIONS holds their labels).
HISTORY_ACTIONS = ("ton.member.warn", "ton.member.suspend", "ton.member.reactivate", "ton.member.role")
ROLE_LABELS = dict(Role.choices)
CODE_UNUSED, CODE_USED, CODE_EXPIRED, CODE_NONE = "unused", "used", "expired", "none"


@dataclass
class HistoryEntry:
    action: str
    when: object
    actor: str
    reason: str = ""
    until: object = None
    role: str = ""


@dataclass
class MemberHistory:
    memberships: list[Membership] = field(default_factory=list)
    entries: list[HistoryEntry] = field(default_factory=list)
    code_state: str = CODE_NONE
    code_at: object = None
    counts: list[tuple[str, str, int]] = field(default_factory=list)


def member_history(viewer, membership: Membership, *, limit: int = 50) -> MemberHistory:
    """What the member page shows staff (the caller checks `associations.view_member_history`)."""
    user_id = membership.user_id
    memberships = Membership.objects.filter(user_id=user_id).select_related("association", "section")
    if not viewer.is_superuser:
        memberships = memberships.filter(association_id__in=list(user_memberships(viewer)))
    memberships = list(memberships.order_by("joined_at", "pk"))
    history = MemberHistory(memberships=memberships, counts=participation.counts(user_id))
    history.entries = _entries([m.pk for m in memberships], limit)
    history.code_state, history.code_at = _code_state(user_id)
    return history


def _entries(membership_ids: list[int], limit: int) -> list[HistoryEntry]:
    content_type = ContentType.objects.get_for_model(Membership)  # cached by Django after the first call
    log = (
        ModelLogEntry.objects.filter(
            content_type=content_type, object_id__in=[str(pk) for pk in membership_ids], action__in=HISTORY_ACTIONS
        )
        .select_related("user")
        .order_by("-timestamp", "-pk")[:limit]
    )
    return [
        HistoryEntry(
            action=entry.action,
            when=entry.timestamp,
            actor=entry.user.public_name if entry.user_id else "",
            reason=(entry.data or {}).get("reason") or "",
            until=parse_datetime((entry.data or {}).get("until") or ""),
            role=str(ROLE_LABELS.get((entry.data or {}).get("role"), "")),
        )
        for entry in log
    ]


def _code_state(user_id: int) -> tuple[str, object]:
    """The state of the member's latest login code: the one staff handed out last."""
    code = OneTimeCode.objects.filter(user_id=user_id).order_by("-created_at", "-pk").first()
    if code is None:
        return CODE_NONE, None
    if code.used_at:
        return CODE_USED, code.used_at
    if code.expires_at <= timezone.now():
        return CODE_EXPIRED, code.expires_at
    return CODE_UNUSED, code.expires_at
