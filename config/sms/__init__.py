"""Outbound text messages (SMS): the channel most of the youths actually read.

The interface mirrors Django's e-mail backends: `send_sms(to, text)` hands a `TextMessage` to the backend
named by `SMS_BACKEND`; a provider is plugged in by settings, never by code. Texts are fitted to one
160-character GSM-7 segment before they reach any backend, so every backend is billed for one SMS a message.

Backends shipped:
- `config.sms.backends.console.SmsBackend` (default): prints the message, for development.
- `config.sms.backends.locmem.SmsBackend`: keeps messages in `config.sms.outbox`, for tests.
- `config.sms.backends.http.SmsBackend`: POSTs JSON to `SMS_HTTP_URL` (the documented shape a provider
  adapter, or a small gateway in front of one, must accept; see that module).
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

from config.sms.gsm7 import SEGMENT, fit, is_gsm7, septets
from config.sms.numbers import normalise

outbox: list["TextMessage"] = []


@dataclass(frozen=True)
class TextMessage:
    to: str  # E.164, e.g. "+22376000000"
    text: str  # at most one GSM-7 segment


def get_backend():
    return import_string(settings.SMS_BACKEND)()


def send_sms(to: str, text: str, *, link: str = "") -> bool:
    """Send `text` (and `link` after it, when both fit one segment) to the phone number `to`; False (never
    an exception) when the number is unusable or the backend failed: an SMS is a courtesy copy of an in-app
    notification, which is already stored."""
    number = normalise(to)
    if number is None:
        return False
    return get_backend().send(TextMessage(to=number, text=compose(text, link)))


def compose(text: str, link: str = "") -> str:
    """The text cut to leave room for the link; the link dropped if it cannot be sent whole in GSM-7."""
    if link and is_gsm7(link) and septets(link) <= SEGMENT // 2:
        return f"{fit(text, SEGMENT - septets(link) - 1)} {link}"
    return fit(text)
