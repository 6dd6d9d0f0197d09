"""The HTTP shape a provider (or a small gateway in front of one) must accept.

    POST {SMS_HTTP_URL}
    Authorization: Bearer {SMS_HTTP_TOKEN}
    Content-Type: application/json
    {"to": "+22376000000", "text": "<= 160 GSM-7 characters", "sender": "{SMS_SENDER}"}

Any 2xx answer means accepted; anything else, a timeout or a refused connection is logged and reported as
not sent. No retry here: the notification is already in the member's inbox, and a retry queue belongs to
the task runner that calls this.
"""

import json
import logging
import urllib.error
import urllib.request

from django.conf import settings

from config.sms.backends.base import BaseSmsBackend

logger = logging.getLogger(__name__)


class SmsBackend(BaseSmsBackend):
    def send(self, message) -> bool:
        body = json.dumps({"to": message.to, "text": message.text, "sender": settings.SMS_SENDER}).encode()
        # The scheme is checked at start-up (settings: http or https only).
        request = urllib.request.Request(  # noqa: S310
            settings.SMS_HTTP_URL,
            data=body,
            method="POST",
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {settings.SMS_HTTP_TOKEN}"},
        )
        try:
            with urllib.request.urlopen(request, timeout=settings.SMS_HTTP_TIMEOUT) as response:  # noqa: S310
                return 200 <= response.status < 300
        except urllib.error.HTTPError as exc:
            logger.warning("SMS provider refused a message: HTTP %s", exc.code)
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            logger.warning("SMS provider unreachable: %s", exc)
        return False
