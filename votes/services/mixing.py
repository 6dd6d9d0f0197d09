"""The mix: sealed ballots become `Ballot` rows, several at once, in a random order, in one transaction.

A poll is *due* when at least `BALLOT_MIX_SIZE` (k) sealed ballots wait, or when it has closed and any wait.
Mixing is idempotent and safe when several mixers run at once: each takes the sealed rows it can lock
(`SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL) and deletes exactly those in the transaction that inserts
their ballots; a ballot's id comes from inside its ciphertext, so even a backend without row locks cannot
insert it twice (the primary key refuses, the transaction rolls back). A sealed ballot is deleted only by
the transaction that commits its `Ballot`: a crash before or during a mix loses no vote, the next mix picks
it up.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from votes import live, sealing
from votes.models import Ballot, Poll, SealedBallot
from votes.selectors import results_key
from votes.services.receipts import receipt_for

logger = logging.getLogger(__name__)


def _due(waiting: int, closes_at, now) -> bool:
    return waiting > 0 and (waiting >= settings.BALLOT_MIX_SIZE or now >= closes_at)


def ballots_mix(*, poll_id: int, now=None) -> int:
    """Mix the poll's sealed ballots if it is due; the number of ballots mixed (0: not due, or taken by
    another mixer). Raises `sealing.SealError` (and mixes nothing) when a sealed ballot does not open."""
    now = now or timezone.now()
    row = Poll.objects.filter(pk=poll_id).annotate(waiting=Count("sealed_ballots")).values_list("closes_at", "waiting")
    found = row.first()
    if found is None or not _due(found[1], found[0], now):
        return 0
    try:
        with transaction.atomic():
            sealed = list(
                SealedBallot.objects.select_for_update(skip_locked=True)
                .filter(poll_id=poll_id)
                .values_list("pk", "sealed")
            )
            if not _due(len(sealed), found[0], now):
                return 0
            ballots = [_opened(poll_id, sealed_id, data) for sealed_id, data in sealed]
            sealing.secure_shuffle(ballots)
            Ballot.objects.bulk_create(ballots)
            SealedBallot.objects.filter(pk__in=[sealed_id for sealed_id, _data in sealed]).delete()
            transaction.on_commit(lambda: _after_mix(poll_id))
    except IntegrityError:
        # Only without row locks (SQLite): another mixer committed these ballots first.
        logger.info("poll %s: its sealed ballots were mixed by another run", poll_id)
        return 0
    return len(ballots)


def _opened(poll_id: int, sealed_id, data) -> Ballot:
    ballot_id, content = sealing.unseal(poll_id=poll_id, sealed_id=sealed_id, data=data)
    return Ballot(id=ballot_id, poll_id=poll_id, content=content, receipt=receipt_for(ballot_id))


def _after_mix(poll_id: int) -> None:
    try:
        cache.delete(results_key(poll_id))
        live.poll_changed(poll_id)
    except Exception as error:  # the mix is committed; a stale cache expires, the next vote refreshes it
        logger.warning("after mixing poll %s, clearing the cache or the live update failed: %r", poll_id, error)


@dataclass
class MixReport:
    mixed: dict[int, int] = field(default_factory=dict)
    failed: dict[int, str] = field(default_factory=dict)


def ballots_mix_due(*, now=None) -> MixReport:
    """Mix every poll that is due (what the periodic `mix_ballots` command runs). A poll whose sealed
    ballots do not open is reported and skipped; the others are still mixed."""
    now = now or timezone.now()
    report = MixReport()
    waiting = Poll.objects.filter(sealed_ballots__isnull=False).annotate(waiting=Count("sealed_ballots"))
    for poll_id, closes_at, count in waiting.values_list("pk", "closes_at", "waiting").order_by("pk"):
        if not _due(count, closes_at, now):
            continue
        try:
            mixed = ballots_mix(poll_id=poll_id, now=now)
        except sealing.SealError as error:
            logger.error("poll %s: sealed ballots cannot be mixed: %s", poll_id, error)
            report.failed[poll_id] = str(error)
            continue
        if mixed:
            report.mixed[poll_id] = mixed
    return report


def ballots_settle(*, poll: Poll) -> None:
    """Before reading the final results or receipts of a closed secret poll, mix what still waits (the
    periodic command may not have run since closing). A failure is logged; readers then see what is mixed."""
    if not poll.secret or not poll.is_closed:
        return
    try:
        ballots_mix(poll_id=poll.pk)
    except sealing.SealError as error:
        logger.error("poll %s: sealed ballots cannot be mixed: %s", poll.pk, error)
