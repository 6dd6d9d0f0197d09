"""Background tasks (django-tasks): the mix queued after each secret vote commits.

With the default immediate backend, enqueuing runs the mix at once, in the voter's request but after the
vote has committed (the receipt is already earned; a failed mix is recorded on the task result and the
next vote or `mix_ballots` run retries). With a queue backend a worker runs it, off the request.
"""

import logging

from django_tasks import task

from votes.sealing import SealError
from votes.services.mixing import ballots_mix

logger = logging.getLogger(__name__)


@task()
def mix_poll_ballots(poll_id: int) -> int:
    try:
        return ballots_mix(poll_id=poll_id)
    except SealError as error:
        logger.error("poll %s: sealed ballots cannot be mixed: %s", poll_id, error)
        raise


@task()
def send_poll_notices(poll_id: int | None = None) -> dict:
    """Queued when staff publish a poll (its opening notice goes out without waiting for the timer)."""
    from votes.services.notices import poll_notices_send

    return poll_notices_send(poll_id=poll_id)


@task()
def tell_poll_outcome(poll_id: int, first: bool = True) -> int:
    """Queued when staff record (or change) a poll's outcome: those who could vote are told."""
    from votes.services.notices import outcome_announce

    return outcome_announce(poll_id=poll_id, first=first)
