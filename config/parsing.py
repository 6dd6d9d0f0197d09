"""Parsing of ids and numbers that arrive in query strings and forms."""

MAX_ID = 2**63 - 1  # the largest value a database integer column holds


def parse_id(raw) -> int | None:
    """A positive database id from user input, or None: never raises, whatever the text ("²", "9"*30, "")."""
    text = str(raw or "").strip()
    if not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None
