"""Rotating the ballot key: every sealed ballot re-encrypted under the current `BALLOT_KEY`, in one transaction."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db import transaction

from votes import sealing
from votes.models import SealedBallot
from votes.services.receipts import receipt_for


@dataclass(frozen=True)
class KeyReport:
    current: int  # sealed ballots the current key opens
    old: int  # sealed ballots only an old key opens
    unreadable: int  # sealed ballots no configured key opens


def sealed_key_report() -> KeyReport:
    """How many sealed ballots each kind of key opens (nothing is changed)."""
    current = old = unreadable = 0
    for sealed_id, poll_id, data in SealedBallot.objects.values_list("pk", "poll_id", "sealed").iterator():
        if sealing.opens_with_current_key(poll_id=poll_id, sealed_id=sealed_id, data=data):
            current += 1
            continue
        try:
            sealing.unseal(poll_id=poll_id, sealed_id=sealed_id, data=data)
        except sealing.SealError:
            unreadable += 1
        else:
            old += 1
    return KeyReport(current=current, old=old, unreadable=unreadable)


def sealed_rotate() -> int:
    """Re-encrypt every sealed ballot under the current key (new nonce, new receipt digest); the number done.

    All or nothing: rows are locked (waiting for a running mix), and if one does not open with any configured
    key, `sealing.SealError` is raised and nothing changes. Votes cast meanwhile are sealed by the running
    workers; run this after every worker restarted with the new key, then `--check` before dropping the old.
    """
    with transaction.atomic():
        rows = list(SealedBallot.objects.select_for_update().values_list("pk", "poll_id", "sealed"))
        sealing.secure_shuffle(rows)  # rewritten rows must not keep their casting order either
        updated = [_resealed(sealed_id, poll_id, data) for sealed_id, poll_id, data in rows]
        SealedBallot.objects.bulk_update(updated, ["sealed", "receipt_tag"], batch_size=500)
    return len(updated)


def _resealed(sealed_id: uuid.UUID, poll_id: int, data: bytes) -> SealedBallot:
    ballot_id, content = sealing.unseal(poll_id=poll_id, sealed_id=sealed_id, data=data)
    # Same padded length as before: the stored size must not change with the key.
    length = len(bytes(data)) - 1 - sealing.NONCE_BYTES - 16
    return SealedBallot(
        id=sealed_id,
        poll_id=poll_id,
        sealed=sealing.seal(poll_id=poll_id, sealed_id=sealed_id, ballot_id=ballot_id, content=content, length=length),
        receipt_tag=sealing.receipt_tag(receipt_for(ballot_id)),
    )
