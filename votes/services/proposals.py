"""The proposal phase: members propose options before a poll opens; staff accept some into the poll."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from associations.audit import audit
from config.errors import Conflict, DomainError, Forbidden
from moderation.content import ModerationStatus
from moderation.services import moderated_create
from votes import rules
from votes.models import Option, Poll, Proposal, State


def proposal_create(*, poll: Poll, user, text: str) -> Proposal:
    """A member's proposed option, moderated like any member-written content."""
    text = (text or "").strip()
    if not user.has_perm("votes.propose_option", poll):
        if not poll.in_proposal_phase:
            raise Conflict(_("This poll does not take proposals now."), code="proposals_closed")
        raise Forbidden(_("You may not propose options in this poll."))
    if not text:
        raise DomainError(_("Write your proposal."), code="proposal_empty")
    if len(text) > 200:
        raise DomainError(_("A proposal has at most 200 characters."), code="proposal_too_long")
    return moderated_create(Proposal, author=user, association=poll.association, text=text, poll=poll)


def proposal_accept(*, proposal: Proposal, user) -> Option:
    """Staff turn a proposal into an option of the poll, before it opens."""
    poll = proposal.poll
    if not rules.is_poll_staff(user, poll):
        raise Forbidden(_("Only staff accept proposals."))
    if poll.state not in {State.DRAFT, State.SCHEDULED}:
        raise Conflict(_("Options cannot change once the poll is open."), code="poll_locked")
    if proposal.option_id:
        return proposal.option
    if proposal.status in {ModerationStatus.REJECTED, ModerationStatus.HIDDEN}:
        # A moderation decision stands: accepting must not quietly publish what staff took down.
        raise Conflict(_("This proposal was rejected or hidden by moderation."), code="proposal_moderated")
    if poll.options.filter(label__iexact=proposal.text.strip()).exists():
        raise Conflict(_("The poll already has this option."), code="duplicate_option")
    with transaction.atomic():
        position = (poll.options.aggregate(top=Max("position"))["top"] or 0) + 1
        option = Option.objects.create(poll=poll, label=proposal.text, position=position)
        proposal.option = option
        if proposal.status != ModerationStatus.PUBLISHED:
            proposal.status = ModerationStatus.PUBLISHED
            proposal.moderated_at = timezone.now()
        proposal.save(update_fields=["option", "status", "moderated_at"])
        audit(proposal, "ton.poll.proposal_accept", user=user, poll=poll.pk)
    return option
