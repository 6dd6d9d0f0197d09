"""The outbound text-message interface: one GSM-7 segment, numbers in E.164, backends chosen by settings."""

import io
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from config import sms
from config.sms.backends.console import SmsBackend as ConsoleBackend
from config.sms.gsm7 import fit, is_gsm7, septets
from config.sms.numbers import normalise

LOCMEM = "config.sms.backends.locmem.SmsBackend"


@pytest.fixture
def outbox(settings):
    settings.SMS_BACKEND = LOCMEM
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("76 00 00 00", "+22376000000"),
        ("+223 76-00-00-00", "+22376000000"),
        ("0022376000000", "+22376000000"),
        ("22376000000", "+22376000000"),
        ("22345678", "+22322345678"),  # a national number that happens to start with 223
        ("+33 6 12 34 56 78", "+33612345678"),
        ("", None),
        ("12", None),
        ("not a number", None),
    ],
)
def test_numbers_are_normalised_to_e164(raw, expected):
    assert normalise(raw) == expected


def test_french_text_is_transliterated_into_gsm7_not_sent_as_ucs2():
    text = fit("« Atelier CV » : l’événement est déplacé à vendredi — ça commence à 9 h")
    assert is_gsm7(text)
    # é, è, à are in the GSM-7 alphabet and stay; ê, ç, quotes and dashes are replaced.
    assert text == '"Atelier CV" : l\'événement est déplacé à vendredi - ca commence à 9 h'


def test_a_long_text_is_cut_at_a_word_within_one_segment():
    text = fit("Nouveau sondage : " + "choisis la filière de formation qui te plaît " * 6)
    assert septets(text) <= 160
    assert text.endswith("...")
    assert not text[:-3].endswith(" ")
    assert "plait" in text  # î transliterated


def test_extended_characters_count_twice():
    assert septets("[x]") == 5
    assert septets(fit("€" * 100)) <= 160


def test_send_sms_fits_and_normalises_before_the_backend(outbox):
    assert sms.send_sms("76 00 00 00", "Ton : « À toi de voter » " + "x" * 300) is True
    [message] = outbox
    assert message.to == "+22376000000"
    assert septets(message.text) <= 160 and is_gsm7(message.text)


def test_an_unusable_number_sends_nothing(outbox):
    assert sms.send_sms("", "bonjour") is False
    assert sms.send_sms("abc", "bonjour") is False
    assert outbox == []


def test_console_backend_writes_the_message():
    stream = io.StringIO()
    assert ConsoleBackend(stream=stream).send(sms.TextMessage(to="+22376000000", text="Bonjour")) is True
    assert "+22376000000" in stream.getvalue() and "Bonjour" in stream.getvalue()


class _Gateway(BaseHTTPRequestHandler):
    status = 202
    received: list = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((self.headers["Authorization"], self.headers["Content-Type"], json.loads(body)))
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway(settings):
    _Gateway.received = []
    server = HTTPServer(("127.0.0.1", 0), _Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SMS_BACKEND = "config.sms.backends.http.SmsBackend"
    settings.SMS_HTTP_URL = f"http://127.0.0.1:{server.server_port}/send"
    settings.SMS_HTTP_TOKEN = "secret-token"
    settings.SMS_SENDER = "IMAJ"
    yield _Gateway
    server.shutdown()


def test_http_backend_posts_the_documented_json(gateway):
    gateway.status = 202
    assert sms.send_sms("76000000", "Résultats publiés") is True
    [(authorization, content_type, body)] = gateway.received
    assert authorization == "Bearer secret-token"
    assert content_type == "application/json"
    assert body == {"to": "+22376000000", "text": "Résultats publiés", "sender": "IMAJ"}


def test_http_backend_reports_a_refusal_without_raising(gateway, caplog):
    gateway.status = 500
    assert sms.send_sms("76000000", "x") is False
    assert "HTTP 500" in caplog.text


def test_http_backend_reports_an_unreachable_provider_without_raising(settings, caplog):
    settings.SMS_BACKEND = "config.sms.backends.http.SmsBackend"
    settings.SMS_HTTP_URL = "http://127.0.0.1:9/send"  # discard port: refused
    settings.SMS_HTTP_TIMEOUT = 2
    assert sms.send_sms("76000000", "x") is False
    assert "unreachable" in caplog.text


def test_the_http_backend_without_an_address_refuses_to_start():
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {**os.environ, "SMS_BACKEND": "config.sms.backends.http.SmsBackend", "SMS_HTTP_URL": ""}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SMS_HTTP_URL" in result.stderr


def test_a_backend_must_say_how_it_sends():
    from config.sms.backends.base import BaseSmsBackend

    with pytest.raises(TypeError):
        BaseSmsBackend()
