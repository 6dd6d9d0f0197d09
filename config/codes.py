"""The alphabet of every code a member copies by hand (vote receipts, check-in codes, first-login codes):
no 0/O and no 1/I/L, easy to read from a phone screen or a printed card and to type back."""

import secrets

# The order matters: receipt codes are derived from a digest through it (votes.services.receipts), so a
# voter's receipt must keep naming the same ballot.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def random_code(length: int) -> str:
    """A random code of `length` characters of the alphabet."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))
