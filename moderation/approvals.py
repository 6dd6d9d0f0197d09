"""Items awaiting staff approval that live in their own app's workflow, shown in the same queue.

Activity reports wait in Wagtail's moderation workflow, leaders' polls wait as drafts: neither is a
`ModeratedContent`, and neither app should be named here. An app joins by defining `APPROVALS` (a list of
`ApprovalSource`) in its `approvals.py`; the queue page, its API and the header badge read them all.

Each source reads in a fixed number of queries (at most `limit` items, plus their count) and decides
through the app's own service, so the queue and the app's own pages (or the Wagtail admin) stay one.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from config.errors import DomainError, Forbidden, NotFound
from config.parsing import parse_id
from config.plugins import app_modules

APPROVE, CHANGES, REJECT, PUBLISH = "approve", "changes", "reject", "publish"


@dataclass(frozen=True)
class Action:
    """A button of an approval. `comment`: the staff member writes to the author first (a form opened by a
    tap, which is also the confirmation step of the actions that end the item's way)."""

    name: str
    label: str
    comment: bool = False
    danger: bool = False
    comment_label: str = ""


ACTIONS = {
    APPROVE: Action(APPROVE, _("Approve")),
    PUBLISH: Action(PUBLISH, _("Publish")),
    CHANGES: Action(CHANGES, _("Ask for changes"), comment=True, comment_label=_("What should the author change?")),
    REJECT: Action(REJECT, _("Reject"), comment=True, danger=True, comment_label=_("Reason sent to the author")),
}


@dataclass
class ApprovalPhoto:
    src: str
    width: int
    height: int
    caption: str
    shows_people: bool
    consent_recorded: bool


@dataclass
class Approval:
    """One item as the queue page and the API show it."""

    id: str  # "app_label.model:pk", as in the rest of the queue
    kind: str
    kind_label: str
    title: str
    text: str
    author: dict | None
    section: str | None
    created_at: datetime | None
    actions: list[Action]
    url: str = ""  # where staff see it whole (a preview, the poll page)
    admin_url: str = ""  # the same item in the Wagtail admin, when it has one
    details: list[tuple[str, str]] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    photos: list[ApprovalPhoto] = field(default_factory=list)


@dataclass
class ApprovalGroup:
    label: str
    heading: str
    items: list[Approval]
    count: int
    more_url: str = ""  # where the items beyond the first `limit` are listed


@dataclass(frozen=True)
class ApprovalSource:
    """`pending(viewer, limit) -> (items, count)`; `count(viewer) -> int`;
    `decide(actor=, pk=, action=, comment=) -> str` (the message shown to staff)."""

    label: str  # "app_label.model"
    heading: str
    pending: Callable[..., tuple[list[Approval], int]]
    count: Callable[..., int]
    decide: Callable[..., str]
    actions: tuple[str, ...]
    more_url: str = ""


def sources() -> list[ApprovalSource]:
    return [source for module in app_modules("approvals") for source in getattr(module, "APPROVALS", [])]


def _may_view(viewer) -> bool:
    return bool(getattr(viewer, "is_authenticated", False)) and viewer.has_perm("moderation.view_queue")


def pending_approvals(viewer, *, limit: int = 20) -> list[ApprovalGroup]:
    """Every source's first `limit` items awaiting the viewer (sources without any are left out)."""
    if not _may_view(viewer):
        return []
    groups = []
    for source in sources():
        items, count = source.pending(viewer, limit)
        if count:
            groups.append(ApprovalGroup(source.label, str(source.heading), items, count, source.more_url))
    return groups


def approval_count(viewer) -> int:
    """How many items await the viewer's approval (one count query per source)."""
    return sum(source.count(viewer) for source in sources()) if _may_view(viewer) else 0


def approval_decide(*, actor, item_id: str, action: str, comment: str = "") -> str:
    """Route a decision to the item's own service: 403 for non-staff, 404 for an unknown item."""
    if not _may_view(actor):
        raise Forbidden(_("Only the staff can moderate content."))
    label, _sep, raw_pk = (item_id or "").partition(":")
    source = next((source for source in sources() if source.label == label), None)
    pk = parse_id(raw_pk)
    if source is None or pk is None:
        raise NotFound(_("This content does not exist."))
    if action not in source.actions:
        raise DomainError(_("This action is not valid."), code="invalid_action")
    return source.decide(actor=actor, pk=pk, action=action, comment=comment)
