"""Automatic flags: personal information in texts written by minors (phone numbers, e-mails, addresses)."""

import re

# Malian numbers: 8 digits starting 2, 5–9, optionally after +223 / 00223, in groups or not.
PHONE = re.compile(r"(?<![\d.,])(?:(?:\+|00)\s?223[\s.-]?)?[25-9]\d(?:[\s.-]?\d{2}){3}(?![\d.,]*\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
ADDRESS = re.compile(
    r"\b(?:rue|avenue|av\.|boulevard|bd|porte|route|bp|b\.p\.|boîte postale)\s*(?:n[°o]\s*)?\d+", re.IGNORECASE
)

PERSONAL_INFO = "personal_info"


def personal_info_found(text: str) -> list[str]:
    """Which kinds of personal information the text contains: 'phone', 'email', 'address'."""
    kinds = []
    if PHONE.search(text):
        kinds.append("phone")
    if EMAIL.search(text):
        kinds.append("email")
    if ADDRESS.search(text):
        kinds.append("address")
    return kinds
