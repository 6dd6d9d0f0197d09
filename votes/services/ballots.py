"""Casting a vote: one transaction writes a Participation and a sealed ballot (or, public poll, the Ballot).

The sealed ballot becomes a `Ballot` at the next mix (`votes.services.mixing`), which the after-commit hook
queues as a background task. Cache and live updates also run after commit and are best effort: once the vote
has committed, nothing that fails in Redis or the channel layer may fail the request or undo the vote.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.errors import Conflict, DomainError, Forbidden
from votes import sealing, tally
from votes.after_vote import after_commit
from votes.models import Ballot, Kind, Participation, Poll, PublicVote, SealedBallot, State
from votes.rules import ineligibility
from votes.selectors import has_voted
from votes.services.receipts import display, receipt_for

logger = logging.getLogger(__name__)

TALLY_MESSAGES = {
    "invalid": gettext_lazy("A ballot must be a list of options."),
    "empty": gettext_lazy("Choose at least one option."),
    "unknown_option": gettext_lazy("This choice is not an option of the poll."),
    "duplicate": gettext_lazy("Each option can be chosen only once."),
    "too_many": gettext_lazy("Choose at most %(max_choices)s options."),
    "too_few": gettext_lazy("Choose at least %(min_choices)s options."),
    "not_one": gettext_lazy("Choose exactly one option."),
}


@dataclass(frozen=True)
class Receipt:
    """What the voter takes away: the code, and the choices as they were recorded (shown once, never stored)."""

    code: str
    choices: list[int]

    @property
    def display(self) -> str:
        return display(self.code)


def _not_open_message(state: str) -> str:
    if state == State.CLOSED:
        return _("This poll is closed.")
    return _("This poll is not open yet.")


def validate_ballot(poll: Poll, *, choices=None, ranking=None) -> list[int]:
    """The ballot's content, checked by `votes.tally`; DomainError (400) with a translated message otherwise."""
    option_ids = [option.pk for option in poll.options.all()]
    try:
        if poll.kind == Kind.RANKED:
            return tally.validate_ranking(option_ids, ranking)
        max_choices = poll.max_choices if poll.kind == Kind.MULTIPLE else None
        # Stored sorted: the order a voter ticks boxes in must not become a mark that identifies a ballot.
        return sorted(tally.validate_choices(poll.kind, option_ids, choices, poll.min_choices, max_choices))
    except tally.BallotError as error:
        # The tally module speaks plain English; members read the translated message.
        raise DomainError(str(TALLY_MESSAGES[error.code]) % error.params, code=f"ballot_{error.code}") from error
    except ValueError as error:  # a poll configured with impossible bounds
        raise DomainError(
            _("This poll cannot take votes: its settings are inconsistent."), code="poll_invalid"
        ) from error


def _write(poll: Poll, user, content: list[int]) -> str:
    """Write the participation and the ballot (sealed for a secret poll); return the receipt code.

    The ballot's id is drawn here and only travels inside the ciphertext: the sealed row has an id of its
    own, so nothing readable in the database ties the future `Ballot` to this transaction.
    """
    Participation.objects.create(poll=poll, member=user)
    ballot_id = uuid.uuid4()
    receipt = receipt_for(ballot_id)
    if not poll.secret:
        Ballot.objects.create(id=ballot_id, poll=poll, content=content, receipt=receipt)
        PublicVote.objects.create(poll=poll, member=user, content=content)
        return receipt
    sealed_id = uuid.uuid4()
    length = sealing.padded_length([option.pk for option in poll.options.all()])
    SealedBallot.objects.create(
        id=sealed_id,
        poll=poll,
        sealed=sealing.seal(poll_id=poll.pk, sealed_id=sealed_id, ballot_id=ballot_id, content=content, length=length),
        receipt_tag=sealing.receipt_tag(receipt),
    )
    return receipt


def _still_open(poll: Poll) -> None:
    """Re-read the window and compare with the clock as the last step before commit: a vote still in flight
    when the poll closes is refused, and so is one cast after staff unpublished the poll."""
    published, opens_at, closes_at = Poll.objects.values_list("published", "opens_at", "closes_at").get(pk=poll.pk)
    now = timezone.now()
    if not published or not opens_at <= now < closes_at:
        raise Conflict(_("This poll is closed."), code="poll_closed")


def ballot_check(*, poll: Poll, user, choices=None, ranking=None) -> list[int]:
    """What `ballot_cast` would record for this ballot, checked the same way but not written (the review
    step shows it back before the member confirms). Same errors as `ballot_cast`."""
    reason = ineligibility(user, poll)
    if reason is not None:
        raise Forbidden(str(reason), code="not_eligible")
    state = poll.state
    if state != State.OPEN:
        raise Conflict(_not_open_message(state), code="poll_not_open")
    if has_voted(user, poll):  # read with the poll by `poll_for_viewer`: no query of its own then
        raise Conflict(_("You have already voted in this poll. A vote cannot be changed."), code="already_voted")
    return validate_ballot(poll, choices=choices, ranking=ranking)


def ballot_cast(*, poll: Poll, user, choices=None, ranking=None) -> Receipt:
    """Record `user`'s vote in `poll` and return the receipt.

    Forbidden (403) if the user is not eligible; Conflict (409) if the poll is not open (checked again just
    before commit) or the user has already voted (settled by the database constraint under concurrency);
    DomainError (400) for an invalid ballot. No hot row is updated: counts come from the rows themselves.
    """
    content = ballot_check(poll=poll, user=user, choices=choices, ranking=ranking)
    try:
        with transaction.atomic():
            receipt = _write(poll, user, content)
            _still_open(poll)
            poll_id, secret = poll.pk, poll.secret
            # Off the request with a task queue (votes.after_vote): the request ends at its commit.
            transaction.on_commit(lambda: after_commit(poll_id, mix=secret))
    except IntegrityError as error:
        poll.viewer_voted_by = None  # what was read with the poll is no longer true
        raise Conflict(
            _("You have already voted in this poll. A vote cannot be changed."), code="already_voted"
        ) from error
    # No audit entry and no log line: either would tie this member to a moment, hence to a ballot.
    return Receipt(code=receipt, choices=content)
