"""Sealing a ballot at casting time: authenticated encryption under a key that is never in the database.

A sealed ballot is `version (1 byte) | nonce (12 bytes) | AES-256-GCM(ballot id + choices, padded)`. The key is
derived (HKDF-SHA256) from `settings.BALLOT_KEY`; keys listed in `settings.BALLOT_OLD_KEYS` still open what
they sealed, so a key can be rotated (`manage.py rotate_ballot_key`).

Why AES-GCM and not Fernet: a Fernet token carries its creation time in clear, and the time a ballot was
sealed is exactly what must not be stored. The associated data binds a sealed ballot to its poll and to its
own row id, so a row copied to another poll or duplicated under a new id does not open. The plaintext is
padded to one length per poll (enough for a ballot choosing every option), so the ciphertext's length does
not tell how many options a voter ticked or ranked.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import random
import uuid
from collections.abc import Sequence
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

VERSION = b"\x01"
NONCE_BYTES = 12
PAD_STEP = 64


# Sealed rows are read, and ballots written, in this order: it must not be predictable from outside.
secure_shuffle = random.SystemRandom().shuffle


class SealError(Exception):
    """A sealed ballot that no configured key opens (wrong or missing key, or a tampered row)."""


@lru_cache(maxsize=16)
def _derive(secret: str, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"ton.votes." + purpose).derive(secret.encode())


def _secrets() -> list[str]:
    """The current key first, then the old ones still accepted for opening."""
    return [settings.BALLOT_KEY, *[key for key in settings.BALLOT_OLD_KEYS if key != settings.BALLOT_KEY]]


def _aad(poll_id: int, sealed_id: uuid.UUID) -> bytes:
    return f"ton.votes.sealed:{poll_id}:{uuid.UUID(str(sealed_id)).hex}".encode()


def padded_length(option_ids: Sequence[int]) -> int:
    """The plaintext length of every sealed ballot of a poll: room for a ballot holding every option."""
    longest = len(_plaintext(uuid.UUID(int=0), sorted(option_ids)))
    return (longest // PAD_STEP + 1) * PAD_STEP


def _plaintext(ballot_id: uuid.UUID, content: list[int]) -> bytes:
    return json.dumps({"b": ballot_id.hex, "c": content}, separators=(",", ":")).encode()


def seal(*, poll_id: int, sealed_id: uuid.UUID, ballot_id: uuid.UUID, content: list[int], length: int) -> bytes:
    plain = _plaintext(ballot_id, content)
    plain += b" " * max(length - len(plain), 0)  # JSON ignores trailing blanks
    nonce = os.urandom(NONCE_BYTES)
    key = _derive(settings.BALLOT_KEY, b"seal.v1")
    return VERSION + nonce + AESGCM(key).encrypt(nonce, plain, _aad(poll_id, sealed_id))


def unseal_with(secret: str, *, poll_id: int, sealed_id: uuid.UUID, data: bytes) -> tuple[uuid.UUID, list[int]]:
    """Open with one given key; SealError if it does not open."""
    data = bytes(data)
    if data[:1] != VERSION:
        raise SealError("unknown sealed ballot format")
    nonce, body = data[1 : 1 + NONCE_BYTES], data[1 + NONCE_BYTES :]
    try:
        plain = AESGCM(_derive(secret, b"seal.v1")).decrypt(nonce, body, _aad(poll_id, sealed_id))
    except InvalidTag as error:
        raise SealError("this key does not open the sealed ballot") from error
    decoded = json.loads(plain)
    return uuid.UUID(decoded["b"]), list(decoded["c"])


def unseal(*, poll_id: int, sealed_id: uuid.UUID, data: bytes) -> tuple[uuid.UUID, list[int]]:
    """The ballot id and choices sealed in `data`, opened with the current key or an old one."""
    for secret in _secrets():
        try:
            return unseal_with(secret, poll_id=poll_id, sealed_id=sealed_id, data=data)
        except SealError:
            continue
    raise SealError(f"no configured BALLOT_KEY opens sealed ballot {sealed_id}")


def opens_with_current_key(*, poll_id: int, sealed_id: uuid.UUID, data: bytes) -> bool:
    try:
        unseal_with(settings.BALLOT_KEY, poll_id=poll_id, sealed_id=sealed_id, data=data)
    except SealError:
        return False
    return True


def receipt_tag(code: str, *, secret: str | None = None) -> str:
    """A keyed digest of a receipt code, stored on the sealed row so a receipt can be checked before the mix.

    Keyed by the ballot key: with the site's SECRET_KEY alone, nobody can match a published receipt
    with a sealed row (hence with the participation written beside it).
    """
    key = _derive(secret or settings.BALLOT_KEY, b"receipt-tag.v1")
    return hmac.new(key, code.encode(), hashlib.sha256).hexdigest()[:32]


def receipt_tags(code: str) -> list[str]:
    """The tag of `code` under every configured key (rows sealed before a rotation keep the old tag)."""
    return [receipt_tag(code, secret=secret) for secret in _secrets()]
