"""TRUSTED_PROXIES decides the client address for the API throttles, the login lockout and the
first-login code throttle: spoofed X-Forwarded-For entries never give a client a fresh allowance."""

import pytest
from django.conf import settings
from django.test import override_settings

from config.clientip import client_ip

REAL = "198.51.100.7"


def behind_proxy(count: int):
    rest = {**settings.REST_FRAMEWORK, "NUM_PROXIES": count}
    return override_settings(TRUSTED_PROXIES=count, REST_FRAMEWORK=rest)


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "127.0.0.1"),  # no proxy: the header is the client's own words
        (1, "203.0.113.9, " + REAL, REAL),  # one proxy appended the real peer: the last entry
        (2, "203.0.113.9, " + REAL + ", 10.0.0.2", REAL),
        (3, REAL, REAL),  # fewer entries than proxies: the left-most one
        (1, "", "127.0.0.1"),
    ],
)
def test_client_ip_trusts_only_the_configured_number_of_proxies(count, forwarded, expected):
    meta = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": forwarded}
    with override_settings(TRUSTED_PROXIES=count):
        assert client_ip(meta) == expected


def _token_statuses(api_client, forwarded: list[str]) -> list[int]:
    return [
        api_client.post(
            "/api/v1/auth/token/", {"username": "nobody", "password": "wrong"}, HTTP_X_FORWARDED_FOR=value
        ).status_code
        for value in forwarded
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("count", [0, 1])
def test_token_throttle_ignores_spoofed_forwarded_for(api_client, count):
    # 20 requests, each claiming another address; behind one proxy, that proxy appended the real one.
    forwarded = [f"203.0.113.{n}" + (f", {REAL}" if count else "") for n in range(20)]
    with behind_proxy(count):
        statuses = _token_statuses(api_client, forwarded)
    assert statuses.count(429) == 10 and statuses[:10] == [400] * 10


@pytest.mark.django_db
def test_token_throttle_tells_real_clients_apart_behind_a_proxy(api_client):
    forwarded = [f"203.0.113.1, 198.51.100.{n}" for n in range(20)]
    with behind_proxy(1):
        assert 429 not in _token_statuses(api_client, forwarded)


@pytest.mark.django_db
def test_login_lockout_uses_the_real_address(client, youth):
    with behind_proxy(1):
        statuses = [
            client.post(
                "/accounts/login/",
                {"username": youth.username, "password": "wrong"},
                HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, {REAL}",
            ).status_code
            for n in range(settings.AXES_FAILURE_LIMIT + 1)
        ]
    from axes.models import AccessAttempt

    assert statuses[-1] == 429
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [REAL]


@pytest.mark.django_db
def test_first_login_code_throttle_uses_the_real_address(client, youth):
    with behind_proxy(1):
        statuses = [
            client.post(
                "/accounts/code/",
                {"username": youth.username, "code": "AAAA-BBBB"},
                HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, {REAL}",
            ).status_code
            for n in range(settings.AXES_FAILURE_LIMIT + 1)
        ]
    assert statuses[-1] == 429
    # Another real client (same spoofed prefix) is not locked out by the first one's failures.
    with behind_proxy(1):
        other = client.post(
            "/accounts/code/",
            {"username": youth.username, "code": "AAAA-BBBB"},
            HTTP_X_FORWARDED_FOR="203.0.113.1, 198.51.100.8",
        )
    assert other.status_code == 200
