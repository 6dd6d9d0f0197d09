"""Receipt codes: a short code derived from a ballot's random id, so a voter can find their ballot counted.

The code is an HMAC of the ballot id with the site's secret key: it cannot be computed without the key,
and it says nothing about the choices or the voter.
"""

import hashlib
import hmac

from django.conf import settings

# Crockford-like alphabet without 0/O and 1/I/L, easy to copy from a phone screen onto paper.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 10


def receipt_for(ballot_id) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"ton.votes.receipt:{ballot_id}".encode(), hashlib.sha256).digest()
    number = int.from_bytes(digest[:10], "big")
    chars = []
    for _ in range(LENGTH):
        number, index = divmod(number, len(_ALPHABET))
        chars.append(_ALPHABET[index])
    return "".join(chars)


def display(code: str) -> str:
    """ABCDE-FGHJK: grouped for reading aloud or writing down."""
    return f"{code[:5]}-{code[5:]}" if len(code) == LENGTH else code


def normalise(code: str) -> str:
    """What a voter typed, back to the stored form (case, spaces and dashes ignored)."""
    return "".join(char for char in (code or "").upper() if char.isalnum())[:16]
