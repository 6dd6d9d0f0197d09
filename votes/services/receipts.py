"""Receipt codes: a short code derived from a ballot's random id, so a voter can find their ballot counted.

The code is an HMAC of the ballot id with the site's secret key: it cannot be computed without the key,
and it says nothing about the choices or the voter.
"""

import hashlib
import hmac

from django.conf import settings

from config.codes import ALPHABET

LENGTH = 10


def receipt_for(ballot_id) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"ton.votes.receipt:{ballot_id}".encode(), hashlib.sha256).digest()
    number = int.from_bytes(digest[:10], "big")
    chars = []
    for _ in range(LENGTH):
        number, index = divmod(number, len(ALPHABET))
        chars.append(ALPHABET[index])
    return "".join(chars)


def display(code: str) -> str:
    """ABCDE-FGHJK: grouped for reading aloud or writing down."""
    return f"{code[:5]}-{code[5:]}" if len(code) == LENGTH else code


def normalise(code: str) -> str:
    """What a voter typed, back to the stored form (case, spaces and dashes ignored)."""
    return "".join(char for char in (code or "").upper() if char.isalnum())[:16]
