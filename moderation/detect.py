"""Automatic flags: personal information in texts written by minors (phone numbers, e-mails, addresses).

Tuned on the corpus in tests/moderation/test_detect.py: Malian numbers in their usual spellings must be
found; dates, years, school years, scores, prices, times and percentages must not. A false alarm only holds
a text for review; a miss can expose a child, so when in doubt the patterns lean towards flagging.
"""

import re

# Malian numbers have 8 digits; mobiles start with 5–9, landlines with 2 (20…, 21…, 44…).
_PREFIX = r"(?:\+|00)\s?223[\s.-]?"
_GROUPED = r"\d{2}([\s.-])\d{2}\1\d{2}\1\d{2}"  # 76 12 34 56, 76-12-34-56, 76.12.34.56 (one separator)
_PHONE_WITH_PREFIX = re.compile(rf"(?<![\w+]){_PREFIX}(?:\d{{8}}|{_GROUPED}|\d{{4}}[\s.-]\d{{4}})(?![\s.-]?\d)")
_PHONE_LOCAL = re.compile(
    r"(?<![\d.,/+-])(?:"
    r"[25-9]\d{7}"  # 76123456
    r"|[25-9]\d([\s.-])\d{2}\1\d{2}\1\d{2}"  # 76 12 34 56
    r"|[5-9]\d{3}[\s.-]\d{4}"  # 7612 3456 (mobiles only: "2024 2025" is two years)
    r")(?![\d%]|[\s.,/:-]\d)"
)
# ddmmyyyy or yyyymmdd: 8 digits that are a date, not a phone (25122025).
_COMPACT_DATE = re.compile(
    r"(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])(?:19|20)\d{2}|(?:19|20)\d{2}(?:0[1-9]|1[0-2])\d{2}"
)

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# "awa at gmail dot com", "awa arobase gmail point com": e-mails spelled out to get past filters.
EMAIL_SPELLED = re.compile(
    r"\b[\w.+-]+\s*(?:\[at\]|\(at\)|\bat\b|arobase)\s*[\w-]+\s*(?:\.|\[dot\]|\(dot\)|\bdot\b|\bpoint\b)\s*[a-z]{2,}\b",
    re.IGNORECASE,
)
ADDRESS = re.compile(
    r"\b(?:rue|avenue|av\.|boulevard|bd|porte|route|bp|b\.p\.|boîte postale|immeuble|imm\.)\s*(?:n[°o]\.?\s*)?\d+"
    r"|\b\d{1,4}\s*,?\s*(?:bis\s+|ter\s+)?(?:rue|avenue|boulevard|bd|impasse|allée)\b",
    re.IGNORECASE,
)

PERSONAL_INFO = "personal_info"


def phone_found(text: str) -> bool:
    if _PHONE_WITH_PREFIX.search(text):
        return True
    for match in _PHONE_LOCAL.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        if not _COMPACT_DATE.fullmatch(digits):
            return True
    return False


def personal_info_found(text: str) -> list[str]:
    """Which kinds of personal information the text contains: 'phone', 'email', 'address'."""
    text = text or ""
    kinds = []
    if phone_found(text):
        kinds.append("phone")
    if EMAIL.search(text) or EMAIL_SPELLED.search(text):
        kinds.append("email")
    if ADDRESS.search(text):
        kinds.append("address")
    return kinds
