"""Members report items; enough distinct reporters hide an item at once, pending review."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.models import Association, Membership, Role, User
from associations.predicates import is_active_member
from associations.services.notifications import notify
from config.errors import Conflict, DomainError, Forbidden, NotFound
from moderation.audit import audit_item
from moderation.content import ModerationStatus
from moderation.models import Report, ReportReason
from moderation.realtime import queue_changed_on_commit
from moderation.registry import model_for_label
from moderation.selectors import visible_item
from moderation.services.queue import entry_lock, item_lock


def not_found() -> NotFound:
    return NotFound(_("This content does not exist."))


@transaction.atomic
def report_create(*, reporter: User, content_type: str, object_id: int, reason: str, comment: str = "") -> Report:
    """Record one member's report of an item.

    Refused: an item the reporter cannot see (404, as if it did not exist), their own item, a second
    report by the same member (409), members who cannot take part in the association (403). A
    child-protection concern is sent to the association's safeguarding leads only.
    """
    if not getattr(reporter, "is_authenticated", False):
        raise Forbidden(_("Log in to report content."))
    model = model_for_label(content_type)
    if model is None:
        raise DomainError(_("This kind of content cannot be reported."), code="invalid_content_type")
    if reason not in ReportReason.values:
        raise DomainError(_("Choose a reason for the report."), code="invalid_reason")
    item = visible_item(model, object_id, reporter)
    if item is None:
        raise not_found()
    if item.author_id == reporter.pk:
        raise DomainError(_("You cannot report what you wrote yourself."), code="own_content")
    if not is_active_member(reporter, item.association_id):
        raise Forbidden(_("Only active members of this association can report its content."))
    entry = entry_lock(item)
    # Read again under the lock: a concurrent report may have hidden the item meanwhile.
    item.refresh_from_db(fields=["status"])
    if Report.objects.filter(entry=entry, reporter=reporter).exists():
        raise Conflict(_("You have already reported this content. The staff will look at it."), code="already_reported")
    try:
        with transaction.atomic():
            report = Report.objects.create(
                entry=entry,
                content_type_id=entry.content_type_id,
                object_id=item.pk,
                reporter=reporter,
                reason=reason,
                comment=(comment or "").strip()[:500],
            )
    except IntegrityError as exc:  # the constraint settles what the check above could not see
        raise Conflict(
            _("You have already reported this content. The staff will look at it."), code="already_reported"
        ) from exc
    urgent = report.is_urgent
    if urgent:
        entry.urgent_reports += 1
    else:
        entry.reports += 1
    entry.is_open = True
    entry.last_reported_at = report.created_at
    audit_item(item, "ton.moderation.report", user=reporter, reason=reason, urgent=urgent)
    threshold = Association.objects.only("report_threshold").get(pk=item.association_id).report_threshold
    if entry.reports + entry.urgent_reports >= threshold and item.status == ModerationStatus.PUBLISHED:
        _auto_hide(item, reporters=entry.reports + entry.urgent_reports, threshold=threshold)
        entry.status = ModerationStatus.HIDDEN
    entry.save(update_fields=["reports", "urgent_reports", "is_open", "last_reported_at", "status"])
    if urgent:
        _alert_safeguarding_leads(item)
    queue_changed_on_commit(item.association_id)
    return report


def _auto_hide(item, *, reporters: int, threshold: int) -> None:
    item = item_lock(item)
    item.status = ModerationStatus.HIDDEN
    item.moderated_at = timezone.now()
    item.save(update_fields=["status", "moderated_at"])
    # Recorded as the system: no member decided this. The author is not told (nor who reported): staff
    # explain their decision when they make it.
    audit_item(item, "ton.moderation.auto_hide", user=None, reporters=reporters, threshold=threshold)


def safeguarding_leads(association_id: int) -> list[User]:
    """Staff flagged as safeguarding leads; platform admins when the association has none, so a concern is
    never lost."""
    leads = [
        m.user
        for m in Membership.objects.effective()
        .filter(association_id=association_id, role=Role.STAFF, is_safeguarding_lead=True)
        .select_related("user")
    ]
    return leads or list(User.objects.filter(is_superuser=True, is_active=True))


def _alert_safeguarding_leads(item) -> None:
    notify(
        safeguarding_leads(item.association_id),
        kind="moderation.child_protection",
        message=_("A child-protection concern was reported. Please look at the moderation queue now."),
        url="/moderation/",
    )
