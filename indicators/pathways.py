"""Pathway records: services (writes, audited) and selectors (reads), shared by pages and the API.

Every write checks `indicators.manage_pathway` on the youth's membership, runs in a transaction and writes
an audit entry (`ton.pathway.*`) whose data names the member by id only, so the youth's own history page
can list every change, deletions included.
"""

import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from associations.audit import audit
from associations.models import Membership, Role, User
from associations.predicates import active_staff_memberships
from config.errors import DomainError, Forbidden
from indicators.models import PLACED, Pathway, PathwayStatus, Sector

EDITABLE = ("status", "sector", "partner", "started_on", "poll")


def _require_manager(actor: User, membership: Membership | None) -> Membership:
    if membership is None or not actor.has_perm("indicators.manage_pathway", membership):
        raise Forbidden(_("Only the staff of this youth's site may record their pathway."))
    return membership


def _clean(*, status: str, sector: str, partner: str, started_on: datetime.date, poll, association) -> dict:
    if status not in PathwayStatus.values:
        raise DomainError(_("Unknown pathway status."), code="invalid_status")
    if sector and sector not in Sector.values:
        raise DomainError(_("Unknown sector."), code="invalid_sector")
    if status in PLACED and not sector:
        raise DomainError(_("Give the sector of the training or internship."), code="sector_required")
    if started_on > datetime.date.today() + datetime.timedelta(days=366):
        raise DomainError(_("The date is too far in the future."), code="invalid_date")
    if poll is not None and poll.association_id != association.pk:
        raise DomainError(_("Choose a poll of the association."), code="invalid_poll")
    return {
        "status": status,
        "sector": sector,
        "partner": partner.strip()[:150],
        "started_on": started_on,
        "poll": poll,
    }


def _audit(pathway: Pathway, action: str, actor: User) -> None:
    audit(
        pathway,
        action,
        user=actor,
        member=pathway.member_id,
        status=pathway.status,
        sector=pathway.sector,
        partner=pathway.partner,
        started_on=pathway.started_on.isoformat(),
    )


def membership_for(member: User, association_id: int | None = None) -> Membership | None:
    queryset = Membership.objects.select_related("section", "association").filter(user=member)
    if association_id is not None:
        queryset = queryset.filter(association_id=association_id)
    return queryset.first()


@transaction.atomic
def pathway_record(
    *,
    actor: User,
    membership: Membership,
    status: str,
    started_on: datetime.date,
    sector: str = "",
    partner: str = "",
    poll=None,
) -> Pathway:
    """A new step of a youth's pathway (the history keeps every earlier step)."""
    _require_manager(actor, membership)
    data = _clean(
        status=status,
        sector=sector,
        partner=partner,
        started_on=started_on,
        poll=poll,
        association=membership.association,
    )
    pathway = Pathway.objects.create(
        member_id=membership.user_id,
        association_id=membership.association_id,
        section_id=membership.section_id,
        recorded_by=actor,
        **data,
    )
    _audit(pathway, "ton.pathway.create", actor)
    return pathway


@transaction.atomic
def pathway_update(*, actor: User, pathway: Pathway, **changes) -> Pathway:
    """Correct a step (a wrong date or sector); a new situation is a new step, not a correction."""
    pathway = Pathway.objects.select_for_update().get(pk=pathway.pk)
    _require_manager(actor, membership_for(pathway.member, pathway.association_id))
    values = {field: changes.get(field, getattr(pathway, field)) for field in EDITABLE}
    data = _clean(association=pathway.association, **values)
    for field, value in data.items():
        setattr(pathway, field, value)
    pathway.recorded_by = actor
    pathway.save()
    _audit(pathway, "ton.pathway.update", actor)
    return pathway


@transaction.atomic
def pathway_delete(*, actor: User, pathway: Pathway) -> None:
    _require_manager(actor, membership_for(pathway.member, pathway.association_id))
    _audit(pathway, "ton.pathway.delete", actor)
    pathway.delete()


def pathways_manageable_by(viewer) -> QuerySet[Pathway]:
    """Pathway steps the viewer may read and change: those of youths of the sites they staff."""
    base = Pathway.objects.select_related("member", "section", "recorded_by", "poll").order_by(
        "member__display_name", "member_id", "-started_on", "-id"
    )
    if not getattr(viewer, "is_authenticated", False):
        return base.none()
    if viewer.is_superuser:
        return base
    sites = [(m.association_id, m.section_id) for m in active_staff_memberships(viewer)]
    if not sites:
        return base.none()
    from django.db.models import Q

    query = Q()
    for association_id, section_id in sites:
        query |= Q(
            association_id=association_id,
            member__memberships__association_id=association_id,
            member__memberships__section_id=section_id,
        )
    return base.filter(query).distinct()


def youths_manageable_by(viewer) -> QuerySet[Membership]:
    """Youths and leaders whose pathway the viewer records (their site), with their latest step's status."""
    from django.db.models import OuterRef, Subquery

    latest = Pathway.objects.filter(member=OuterRef("user_id"), association=OuterRef("association_id")).order_by(
        "-started_on", "-id"
    )
    base = Membership.objects.filter(role__in=[Role.YOUTH, Role.LEADER], user__erased_at__isnull=True)
    if not viewer.is_superuser:
        sites = [(m.association_id, m.section_id) for m in active_staff_memberships(viewer)]
        from django.db.models import Q

        query = Q(pk__in=[])
        for association_id, section_id in sites:
            query |= Q(association_id=association_id, section_id=section_id)
        base = base.filter(query)
    return (
        base.select_related("user", "section")
        .annotate(
            current_status=Subquery(latest.values("status")[:1]),
            current_since=Subquery(latest.values("started_on")[:1]),
        )
        .order_by("user__display_name", "pk")
    )


def own_pathway(user: User) -> QuerySet[Pathway]:
    return Pathway.objects.filter(member=user).select_related("recorded_by", "section").order_by("-started_on", "-id")


def own_pathway_history(user: User) -> list:
    """Every audited change of the member's pathway (who, what, when), newest first, in one query."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    return list(
        ModelLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Pathway), data__member=user.pk)
        .select_related("user")
        .order_by("-timestamp", "-id")
    )


def export_for_member(user: User) -> list[dict]:
    return [
        {
            "status": p.status,
            "sector": p.sector,
            "partner": p.partner,
            "since": p.started_on.isoformat(),
            "site": p.section.name,
            "recorded_by": p.recorded_by.public_name if p.recorded_by else None,
            "recorded_at": p.recorded_at.isoformat(),
        }
        for p in own_pathway(user)
    ]


def erase_for_member(user: User) -> None:
    """Erasure removes the steps; the audit entries keep no name (member id, status and dates only)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    Pathway.objects.filter(member=user).delete()
    ModelLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Pathway), data__member=user.pk).update(
        data={"member": user.pk, "erased": True}, label="—"
    )


def linkable_polls(viewer) -> list:
    """Closed polls on training sectors or internships a step may follow (the staff's associations)."""
    from django.utils import timezone

    from votes.models import Poll, Topic

    associations = [m.association_id for m in active_staff_memberships(viewer)]
    polls = Poll.objects.filter(
        published=True, closes_at__lte=timezone.now(), topic__in=[Topic.TRAINING, Topic.INTERNSHIPS]
    )
    if not viewer.is_superuser:
        polls = polls.filter(association_id__in=associations)
    return list(polls.order_by("-closes_at")[:30])


def pathway_record_from_form(*, actor: User, data: dict, polls: list) -> Pathway:
    membership = Membership.objects.select_related("association", "section").filter(pk=data["member"]).first()
    poll = next((p for p in polls if str(p.pk) == str(data.get("poll") or "")), None)
    return pathway_record(
        actor=actor,
        membership=_require_manager(actor, membership),
        status=data["status"],
        started_on=data["started_on"],
        sector=data.get("sector") or "",
        partner=data.get("partner") or "",
        poll=poll,
    )
