"""Poll drafts waiting for staff to publish them, as the moderation queue shows them (see
moderation/approvals.py), in three queries; "Publish" calls the same service as /sondages/<id>/publier/.

A staff member sees the drafts they may publish (`votes.rules.is_poll_staff`: polls for the whole
association, or for a section they work in) that someone else wrote and that have not closed yet.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from associations.predicates import active_staff_memberships, is_platform_admin
from config.errors import NotFound
from moderation.approvals import ACTIONS, PUBLISH, Approval, ApprovalSource
from votes import rules
from votes.models import Poll
from votes.services import poll_publish

LABEL = "votes.poll"


def _scope(viewer) -> Q | None:
    if is_platform_admin(viewer):
        return Q()
    through = Poll.sections.through
    any_section = Exists(through.objects.filter(poll_id=OuterRef("pk")))
    scope = None
    for membership in active_staff_memberships(viewer):
        own_section = Exists(through.objects.filter(poll_id=OuterRef("pk"), section_id=membership.section_id))
        own = Q(association_id=membership.association_id) & (~any_section | own_section)
        scope = own if scope is None else scope | own
    return scope


def _drafts(viewer) -> QuerySet[Poll]:
    scope = _scope(viewer)
    if scope is None:
        return Poll.objects.none()
    return Poll.objects.filter(scope, published=False, closes_at__gt=timezone.now()).exclude(created_by_id=viewer.pk)


def count(viewer) -> int:
    return _drafts(viewer).count()


def pending(viewer, limit: int) -> tuple[list[Approval], int]:
    found = _drafts(viewer)
    total = found.count()
    if not total:
        return [], 0
    polls = found.select_related("created_by").prefetch_related("options", "sections").order_by("created_at", "pk")
    return [_approval(poll) for poll in polls[:limit]], total


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "d/m/Y H:i")


def _approval(poll: Poll) -> Approval:
    sections = [section.name for section in poll.sections.all()]
    details = [
        (str(_("kind")), str(poll.get_kind_display())),
        (str(_("opens at")), _when(poll.opens_at)),
        (str(_("closes at")), _when(poll.closes_at)),
        (str(_("sections")), ", ".join(sections) if sections else str(_("all sections"))),
        (str(_("options")), " · ".join(option.label for option in poll.options.all()) or "—"),
    ]
    author = poll.created_by
    return Approval(
        id=f"{LABEL}:{poll.pk}",
        kind="poll",
        kind_label=str(_("Poll")),
        title=poll.title,
        text="\n\n".join(part for part in (poll.question, poll.description) if part),
        author={"id": author.pk, "name": author.public_name} if author else None,
        section=", ".join(sections) or None,
        created_at=poll.created_at,
        actions=[ACTIONS[PUBLISH]],
        url=poll.get_absolute_url(),
        details=details,
    )


def decide(*, actor, pk: int, action: str, comment: str = "") -> str:
    poll = Poll.objects.filter(pk=pk).first()
    if poll is None or not rules.is_poll_staff(actor, poll):
        raise NotFound(_("This content does not exist."))
    poll_publish(poll=poll, user=actor, published=True)
    return str(_("The poll is published."))


APPROVALS = [
    ApprovalSource(
        label=LABEL,
        heading=_("Polls to publish"),
        pending=pending,
        count=count,
        decide=decide,
        actions=(PUBLISH,),
        more_url="/sondages/",
    )
]
