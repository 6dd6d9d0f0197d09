import sys

from config.sms.backends.base import BaseSmsBackend


class SmsBackend(BaseSmsBackend):
    def __init__(self, stream=None):
        self.stream = stream or sys.stdout

    def send(self, message) -> bool:
        self.stream.write(f"SMS to {message.to} ({len(message.text)} chars)\n{message.text}\n{'-' * 40}\n")
        self.stream.flush()
        return True
