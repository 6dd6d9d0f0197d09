"""Malformed input is a 400 on every endpoint and page, decided in one place (config/hostile_input.py):
NUL bytes in a path, query or form field, JSON nested 2,000 deep or carrying a NUL, an over-long username."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

DEEP = "[" * 2000 + "]" * 2000
SKIP = ("/admin/", "/django-admin/", "/documents/", "/static/", "/media/", "/_bench/")


def _routes(resolver=None, prefix="") -> list[str]:
    """Every URL pattern of the site as a path (parameters filled with 1 or "x")."""
    paths = []
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
        route = re.sub(r"<int:\w+>|\(\?P<\w+>\[0-9\]\+\)", "1", route)
        route = re.sub(r"<(?:\w+:)?\w+>|\(\?P<\w+>[^)]*\)", "x", route)
        if isinstance(pattern, URLResolver):
            paths.extend(_routes(pattern, route))
        elif isinstance(pattern, URLPattern) and "(" not in route and "\\" not in route:
            paths.append("/" + route)
    return sorted({p for p in paths if not p.startswith(SKIP)})


def _api_operations() -> list[tuple[str, str]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [
        (method.upper(), re.sub(r"\{[^}]+\}", "1", path))
        for path, item in schema["paths"].items()
        for method in item
        if method in {"post", "put", "patch"}
    ]


@pytest.fixture
def clients(youth, staff):
    anonymous = Client(raise_request_exception=False)
    signed = []
    for user in (youth, staff):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        signed.append(client)
    return [anonymous, *signed]


def _is_error_shape(response) -> bool:
    body = response.json()
    return body["error"]["status"] == response.status_code and body["error"]["message"]


def test_a_nul_byte_in_the_query_is_400_on_every_page_and_endpoint(clients, site_tree):
    routes = _routes()
    assert len(routes) > 40, routes  # the walk covers the site, not a handful of pages
    answers = {}
    for client in clients:
        for path in routes:
            response = client.get(path, {"section": "\x00", "q": "a\x00b"})
            answers[(path, response.status_code)] = response
    wrong = sorted({path for (path, status) in answers if status != 400})
    assert wrong == []
    assert all(_is_error_shape(r) for (path, _s), r in answers.items() if path.startswith("/api/"))


def test_a_nul_byte_in_a_path_or_form_field_is_400(clients, site_tree):
    for client in clients:
        assert client.get("/evenements/a%00b/").status_code == 400
        assert client.post("/accounts/login/", {"username": "a\x00", "password": "x"}).status_code == 400
        response = client.post("/api/v1/auth/token/", {"username": "a\x00", "password": "x"})
        assert response.status_code == 400 and _is_error_shape(response)


def test_deep_or_nul_json_is_400_on_every_json_endpoint(youth, staff):
    operations = _api_operations()
    assert len(operations) > 10, operations
    for user in (None, youth, staff):
        api = APIClient()
        api.raise_request_exception = False
        if user:
            api.force_authenticate(user)
        for method, path in operations:
            for body in (DEEP, '{"text": "a\\u0000b", "username": "a\\u0000", "password": "x"}'):
                response = api.generic(method, path, body, content_type="application/json")
                assert response.status_code < 500, (method, path, response.status_code)
                if response.status_code == 400:
                    assert _is_error_shape(response)
    response = APIClient().post("/api/v1/auth/token/", DEEP, content_type="application/json")
    assert response.status_code == 400 and _is_error_shape(response)


@pytest.mark.parametrize("length", [255, 256, 1000])
def test_an_overlong_username_at_the_token_endpoint_is_400(length):
    # On PostgreSQL a 256+ name used to reach the failed-login log's 255-character column: 500.
    api = APIClient()
    api.raise_request_exception = False
    response = api.post("/api/v1/auth/token/", {"username": "u" * length, "password": "x"}, format="json")
    assert response.status_code == 400 and _is_error_shape(response)
    html = Client(raise_request_exception=False).post("/accounts/login/", {"username": "u" * length, "password": "x"})
    assert html.status_code < 500
