"""Phone numbers as the association writes them ("76 00 00 00", "+223 76000000", "0022376000000") to E.164."""

import re

from django.conf import settings

_DIGITS = re.compile(r"\d+")


def normalise(raw: str, *, country_code: str | None = None) -> str | None:
    """E.164 ("+22376000000") or None when `raw` cannot be a phone number.

    A number without a country code is taken as national to `SMS_COUNTRY_CODE` (Mali: 223, 8-digit numbers).
    """
    country_code = country_code or settings.SMS_COUNTRY_CODE
    raw = (raw or "").strip()
    if not raw:
        return None
    digits = "".join(_DIGITS.findall(raw))
    if raw.startswith("+"):
        number = digits
    elif digits.startswith("00"):
        number = digits[2:]
    elif digits.startswith(country_code) and len(digits) > 8:
        number = digits  # written international without the "+"
    else:
        number = country_code + digits.lstrip("0")
    if not 8 <= len(number) <= 15:
        return None
    return "+" + number
