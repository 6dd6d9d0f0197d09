"""Fit a text into one SMS segment of the GSM 03.38 alphabet (160 septets).

A single character outside GSM-7 switches the whole message to UCS-2, where a segment holds 70 characters:
a French notice with one "ê" or "«" would cost three SMS instead of one. So characters outside the alphabet
are transliterated (ê→e, «→", ’→') and the text is cut at 160 septets with "...".
"""

import re
import unicodedata

BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# Each of these is sent as an escape plus the character: two septets.
EXTENDED = "^{}\\[~]|€\f"
SEGMENT = 160
ELLIPSIS = "..."

_BASIC = frozenset(BASIC) - {"\x1b"}
_EXTENDED = frozenset(EXTENDED)
_REPLACEMENTS = {
    "«": '"',
    "»": '"',
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "–": "-",
    "—": "-",
    "…": "...",
    "\u00a0": " ",  # no-break spaces of French typography
    "\u202f": " ",
    "œ": "oe",
    "Œ": "OE",
    "ç": "c",  # GSM-7 has the capital only
    "\t": " ",
}


def septets(text: str) -> int:
    return sum(2 if char in _EXTENDED else 1 for char in text)


def is_gsm7(text: str) -> bool:
    return all(char in _BASIC or char in _EXTENDED for char in text)


def _transliterate(char: str) -> str:
    if char in _BASIC or char in _EXTENDED:
        return char
    if char in _REPLACEMENTS:
        return _REPLACEMENTS[char]
    # ê → e + combining circumflex: keep the base letter when it is in the alphabet.
    base = unicodedata.normalize("NFD", char)[0]
    if base in _BASIC:
        return base
    return "?"


# French guillemets carry their own (no-break) spaces: « Atelier » becomes "Atelier", not " Atelier ".
_GUILLEMETS = re.compile(r"«[\s\u00a0\u202f]*|[\s\u00a0\u202f]*»")


def to_gsm7(text: str) -> str:
    text = _GUILLEMETS.sub('"', text)
    return "".join(_transliterate(char) for char in text)


def fit(text: str, limit: int = SEGMENT) -> str:
    """`text` in GSM-7, within `limit` septets; cut on a word boundary with "..." when too long."""
    text = " ".join(to_gsm7(text).split())
    if septets(text) <= limit:
        return text
    budget = limit - len(ELLIPSIS)
    kept, used = [], 0
    for char in text:
        cost = 2 if char in _EXTENDED else 1
        if used + cost > budget:
            break
        kept.append(char)
        used += cost
    cut = "".join(kept)
    if " " in cut[len(cut) // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-") + ELLIPSIS
