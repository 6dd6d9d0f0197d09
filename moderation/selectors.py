"""Reads of the moderation queue, scoped by the same rules as the decisions, in a fixed number of queries."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext as _

from associations.predicates import active_staff_memberships
from config.errors import NotFound
from moderation.content import ModerationStatus, visible_q
from moderation.models import QueueEntry, Report, ReportReason
from moderation.registry import may_see, parse_item_id, visible_queryset
from moderation.rules import is_safeguarding_lead

OPEN = "open"
CLOSED = "closed"


def staff_association_ids(user) -> list[int]:
    return sorted({m.association_id for m in active_staff_memberships(user)})


def visible_items(model, viewer) -> QuerySet:
    """Items of a moderated type that `viewer` may see (published, own, or staffed association)."""
    staffed = staff_association_ids(viewer)
    own_rule = visible_queryset(model, viewer, staffed)
    return own_rule if own_rule is not None else model.objects.filter(visible_q(viewer, staff_association_ids=staffed))


def visible_item(model, pk: int, viewer):
    """The item if `viewer` may see it (status rule and the type's own policy), else None."""
    item = visible_items(model, viewer).filter(pk=pk).first()
    return item if item is not None and may_see(viewer, item) else None


def queue_scope_q(viewer) -> Q | None:
    """Entries the viewer may see in the queue; None when none at all.

    Staff see their own section (and items without a section) of their association, minus what only a
    child-protection concern brought there; safeguarding leads also see every urgent item of their
    association; platform admins see everything.
    """
    if getattr(viewer, "is_superuser", False):
        return Q()
    scope = None
    not_only_urgent = ~Q(urgent_reports__gt=0, reports=0) | Q(status=ModerationStatus.PENDING)
    for membership in active_staff_memberships(viewer):
        own = Q(association_id=membership.association_id) & (
            Q(section_id=membership.section_id) | Q(section_id__isnull=True)
        )
        if membership.is_safeguarding_lead:
            condition = own | Q(association_id=membership.association_id, urgent_reports__gt=0)
        else:
            condition = own & not_only_urgent
        scope = condition if scope is None else scope | condition
    return scope


def queue_entries(viewer, *, state: str = OPEN) -> QuerySet[QueueEntry]:
    """The viewer's queue. OPEN: awaiting a decision, urgent first (leads), then most reported, then oldest.
    CLOSED: hidden or rejected items, to restore, most recently decided first."""
    scope = queue_scope_q(viewer)
    base = QueueEntry.objects.select_related("content_type", "author", "section")
    if scope is None:
        return base.none()
    if state == CLOSED:
        return base.filter(
            scope, is_open=False, status__in=[ModerationStatus.HIDDEN, ModerationStatus.REJECTED]
        ).order_by(F("decided_at").desc(nulls_last=True), "-pk")
    entries = base.filter(scope, is_open=True)
    # Only safeguarding leads (and admins) may learn that an item carries a child-protection concern, so
    # only their queue is ordered by it.
    lead_somewhere = getattr(viewer, "is_superuser", False) or any(
        m.is_safeguarding_lead for m in active_staff_memberships(viewer)
    )
    order = ["-reports", "item_created_at", "pk"]
    if lead_somewhere:
        order = ["-urgent_reports", *order]
    return entries.order_by(*order)


def queue_count(viewer) -> int:
    return queue_entries(viewer).count() if queue_scope_q(viewer) is not None else 0


def with_details(entries) -> list[QueueEntry]:
    """Attach items (one query per content type) and open reports (one query) to a page of entries."""
    entries = list(entries)
    by_type: dict[int, list[QueueEntry]] = {}
    for entry in entries:
        by_type.setdefault(entry.content_type_id, []).append(entry)
    for group in by_type.values():
        model = group[0].content_type.model_class()
        items = _with_context(model).in_bulk([entry.object_id for entry in group]) if model else {}
        for entry in group:
            entry.loaded_item = items.get(entry.object_id)
    reports = Report.objects.filter(entry__in=entries, reviewed_at__isnull=True).select_related("reporter")
    by_entry: dict[int, list[Report]] = {}
    for report in reports:
        by_entry.setdefault(report.entry_id, []).append(report)
    for entry in entries:
        entry.open_reports = by_entry.get(entry.pk, [])
    return entries


def _with_context(model) -> QuerySet:
    """The model's manager, joined to the relation that gives items their context (their page), so
    showing it and linking to it costs no query per item."""
    field_name = getattr(model, "moderation_context_field", "")
    try:
        field = model._meta.get_field(field_name) if field_name else None
    except Exception:
        field = None
    if field is not None and field.many_to_one:
        return model.objects.select_related(field_name)
    return model.objects.all()


def reports_visible_to(viewer, entry: QueueEntry) -> list[Report]:
    """Open reports of an entry the viewer may read: child-protection ones for safeguarding leads only."""
    reports = getattr(entry, "open_reports", None)
    if reports is None:
        reports = list(entry.report_set.filter(reviewed_at__isnull=True).select_related("reporter"))
    if is_safeguarding_lead(viewer, entry.association_id):
        return reports
    return [report for report in reports if report.reason != ReportReason.CHILD_PROTECTION]


@dataclass
class QueueRow:
    """One queue item as the queue page, the Wagtail admin queue and the API show it (shaped once here).

    `entry`, `item` and `comments` are for templates; the other attributes are what the API emits."""

    entry: QueueEntry
    item: object
    id: str
    content_type: str
    object_id: int
    status: str
    flags: list[str]
    text: str
    context: str
    url: str
    author: dict | None
    section: str | None
    created_at: datetime
    awaiting_decision: bool
    urgent: bool
    reports: int
    reasons: list[dict]
    comments: list[Report]
    moderation_reason: str
    keep: bool  # reported after publication (not held for review): approving keeps it on the site


def queue_row(viewer, entry: QueueEntry) -> QueueRow:
    """The row of an entry whose item and open reports `with_details` loaded (no query of its own)."""
    item = getattr(entry, "loaded_item", None)
    reports = reports_visible_to(viewer, entry)
    return QueueRow(
        entry=entry,
        item=item,
        id=entry.item_id,
        content_type=f"{entry.content_type.app_label}.{entry.content_type.model}",
        object_id=entry.object_id,
        status=item.status if item is not None else entry.status,
        flags=list(entry.flags or []),
        text=item.moderation_text if item is not None else "",
        context=item.moderation_context if item is not None else "",
        url=item_url(item),
        author={"id": entry.author_id, "name": entry.author.public_name} if entry.author else None,
        section=entry.section.name if entry.section else None,
        created_at=entry.item_created_at,
        awaiting_decision=entry.is_open,
        urgent=any(report.is_urgent for report in reports),
        reports=len(reports),
        reasons=[
            {"reason": value, "label": str(label), "count": count} for value, label, count in reason_counts(reports)
        ],
        comments=[report for report in reports if report.comment],
        moderation_reason=getattr(item, "moderation_reason", "") or "",
        keep=entry.is_open and entry.status != ModerationStatus.PENDING,
    )


def queue_rows(viewer, entries) -> list[QueueRow]:
    """A page of entries as rows, with their items and reports loaded in a fixed number of queries."""
    return [queue_row(viewer, entry) for entry in with_details(entries)]


def reason_counts(reports: list[Report]) -> list[tuple[str, str, int]]:
    """[(reason, label, count)] in the order of the choices."""
    counts: dict[str, int] = {}
    for report in reports:
        counts[report.reason] = counts.get(report.reason, 0) + 1
    return [(value, label, counts[value]) for value, label in ReportReason.choices if value in counts]


def item_url(item) -> str:
    """The item's page and anchor, or "" when no page shows it (an item whose page is gone keeps its queue
    entry)."""
    if item is None or not hasattr(item, "context_url"):
        return ""
    try:
        return item.context_url()
    except Exception:
        return ""


def _not_found() -> NotFound:
    return NotFound(_("This content does not exist."))


def item_link(item) -> str:
    """A lasting link to the item for notifications and the queue: `moderation:item` decides, when it is
    followed, whether the item is still there for that member."""
    from django.urls import reverse

    from moderation.registry import item_label

    return reverse("moderation:item", args=[item_label(item)]) if item is not None else ""


def resolve_item(item_id: str):
    """The registered item named "app.model:pk" (any status); NotFound otherwise."""
    parsed = parse_item_id(item_id)
    if parsed is None:
        raise _not_found()
    model, pk = parsed
    item = model.objects.filter(pk=pk).first()
    if item is None:
        raise _not_found()
    return item


def entry_for_viewer(viewer, item_id: str) -> QueueEntry:
    """The entry of an item the viewer may moderate; NotFound otherwise (even if it exists elsewhere).

    An item that never entered the queue (published, unreported) gets an unsaved entry so staff may still
    hide it."""
    from moderation.services.queue import _entry_fields

    item = resolve_item(item_id)
    entry = QueueEntry.objects.filter(
        content_type__app_label=item._meta.app_label, content_type__model=item._meta.model_name, object_id=item.pk
    ).first()
    if entry is None:
        from django.contrib.contenttypes.models import ContentType

        entry = QueueEntry(
            content_type=ContentType.objects.get_for_model(item), object_id=item.pk, **_entry_fields(item)
        )
        entry.is_open = False
    if not viewer.has_perm("moderation.moderate_item", entry):
        raise _not_found()
    entry.loaded_item = item
    return entry
