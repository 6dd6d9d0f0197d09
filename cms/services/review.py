"""Staff decide on an activity report waiting in the association's Wagtail workflow, from the site's queue.

Each decision goes through Wagtail's own objects, exactly as the admin's buttons do, so the page's history,
the audit log, Wagtail's notifications and the cms signals (which tell the author, in their language) stay
one whichever screen was used:

- approve: the current task state is approved (the workflow finishes and publishes the revision);
- changes: the task is rejected with a comment (Wagtail's "Request changes"); the author reworks it;
- reject: the workflow is cancelled and the reason recorded on the page; the report stays unpublished.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, TaskState, WorkflowState

from associations.audit import audit
from associations.models import User
from associations.predicates import is_platform_admin, is_section_staff
from cms.models import ActivityPage
from cms.notices import notify_refused
from config.errors import Conflict, DomainError, Forbidden, NotFound

APPROVE, CHANGES, REJECT = "approve", "changes", "reject"
ACTIONS = (APPROVE, CHANGES, REJECT)
MAX_COMMENT = 1000


def may_review(actor: User, page: ActivityPage) -> bool:
    """Staff of the report's section (the ones told of it) and platform admins."""
    return is_platform_admin(actor) or is_section_staff(actor, page)


def _locked_page(actor: User, page_id: int) -> ActivityPage:
    if not (is_platform_admin(actor) or actor.has_perm("moderation.view_queue")):
        raise Forbidden(_("Only the staff can moderate content."))
    # The row lock settles a decision made at the same moment in the admin or by another staff member.
    locked = Page.objects.select_for_update().filter(pk=page_id).first()
    page = ActivityPage.objects.filter(pk=page_id).first() if locked is not None else None
    if page is None or not may_review(actor, page):
        raise NotFound(_("This content does not exist."))
    return page


def _current_task_state(page: ActivityPage) -> TaskState:
    state = page.current_workflow_state
    task_state = state.current_task_state if state is not None else None
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS or task_state is None:
        raise Conflict(_("This report was already decided."), code="already_decided")
    return task_state


@transaction.atomic
def activity_review(*, actor: User, page_id: int, action: str, comment: str = "") -> ActivityPage:
    """Apply one staff decision to a report awaiting approval; returns the page as it now is."""
    if action not in ACTIONS:
        raise DomainError(_("Unknown action."), code="invalid_action")
    comment = (comment or "").strip()[:MAX_COMMENT]
    if action in (CHANGES, REJECT) and not comment:
        raise DomainError(_("Tell the author why, in a few words."), code="reason_required")
    page = _locked_page(actor, page_id)
    task_state = _current_task_state(page)
    task = task_state.task.specific
    wagtail_action = "reject" if action == CHANGES else "approve"
    if action != REJECT and wagtail_action not in {name for name, _label, _modal in task.get_actions(page, actor)}:
        raise Forbidden(_("You cannot decide on this report."))
    if action == REJECT:
        page.current_workflow_state.cancel(user=actor)
        # Wagtail's cancel entry has no reason: moderation's own entry (same shape as its other ones) keeps it.
        audit(
            page,
            "ton.moderation.reject",
            user=actor,
            reason=comment,
            item=f"cms.activitypage:{page.pk}",
            association=page.association_id,
            author=page.author_id,
            urgent=False,
        )
        notify_refused(page, comment)
    else:
        # What the admin's "Approve" and "Request changes" buttons call.
        task.on_action(task_state, actor, wagtail_action, comment=comment)
    return ActivityPage.objects.get(pk=page.pk)
