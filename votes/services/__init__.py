"""Writes of the votes app: polls, ballots, proposals. Views, API and demo call these, never the ORM."""

from votes.services.ballots import Receipt, ballot_cast, ballot_check
from votes.services.polls import outcome_record, poll_create, poll_publish, poll_update
from votes.services.proposals import proposal_accept, proposal_create

__all__ = [
    "Receipt",
    "ballot_cast",
    "ballot_check",
    "outcome_record",
    "poll_create",
    "poll_publish",
    "poll_update",
    "proposal_accept",
    "proposal_create",
]
