"""Malformed-input fuzz, as a visitor, a youth and a staff member: Hypothesis over the OpenAPI schema (every
operation, parameters and bodies drawn from hostile values: NUL bytes, huge and negative ids, deep JSON,
wrong types), then every form of the site posted with bad encodings, NUL bytes and huge ids. 0 × 5xx.

Runs in process (the test client), so it is quick and also covers SQLite; the marker keeps it in the gauntlet.
"""

import json
import re

import pytest
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_hostile_input import _routes

pytestmark = [pytest.mark.resilience, pytest.mark.django_db]

HOSTILE_TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["\x00", "a\x00b", "9" * 40, "-1", "0", "²", "٣", "1e309", "' OR 1=1 --", "<script>", "%00", "..%2f"]
    ),
)
HOSTILE_ID = st.one_of(st.integers(min_value=-(2**70), max_value=2**70), HOSTILE_TEXT)
LEAF = st.one_of(HOSTILE_ID, st.booleans(), st.none(), st.floats(allow_nan=False, allow_infinity=False))
JSON_VALUE = st.recursive(
    LEAF,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(HOSTILE_TEXT, children, max_size=3),
    max_leaves=8,
)
DEEP = "[" * 3000 + "]" * 3000


def _operations():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = []
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
            ref = body.get("$ref", "")
            props = (
                list(schema["components"]["schemas"].get(ref.rsplit("/", 1)[-1], {}).get("properties", {}))
                if ref
                else []
            )
            query = [p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"]
            operations.append((method.upper(), path, query, props))
    return operations


@pytest.fixture
def role_clients(youth, staff, site_tree):
    clients = {"visitor": Client(raise_request_exception=False)}
    for name, user in (("youth", youth), ("staff", staff)):
        clients[name] = Client(raise_request_exception=False)
        clients[name].force_login(user)
    return clients


def test_fuzz_every_api_operation_as_three_roles(role_clients):
    operations = _operations()
    seen = {"requests": 0, "errors": []}

    @settings(max_examples=250, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(data=st.data())
    def one_request(data):
        method, path, query, props = data.draw(st.sampled_from(operations))
        role = data.draw(st.sampled_from(sorted(role_clients)))
        url = re.sub(r"\{[^}]+\}", lambda _m: str(data.draw(HOSTILE_ID)).replace("/", "%2F"), path)
        params = {name: data.draw(HOSTILE_TEXT) for name in query if data.draw(st.booleans())}
        if method in {"POST", "PUT", "PATCH"}:
            body = data.draw(
                st.one_of(
                    st.just(DEEP),
                    st.builds(json.dumps, st.fixed_dictionaries({p: JSON_VALUE for p in props})),
                    st.builds(json.dumps, JSON_VALUE),
                )
            )
            response = role_clients[role].generic(
                method, url + "?" + "&".join(f"{k}=x" for k in params), body, content_type="application/json"
            )
        else:
            response = (
                role_clients[role].generic(method, url, data=params)
                if method == "GET"
                else role_clients[role].generic(method, url)
            )
        seen["requests"] += 1
        if response.status_code >= 500:
            seen["errors"].append((role, method, url, response.status_code))

    for _ in range(3):
        one_request()
    print(f"api fuzz: {seen['requests']} requests over {len(operations)} operations, 5xx {len(seen['errors'])}")
    assert seen["errors"] == []


BAD_BODIES = [
    b"\xff\xfe\xfa=\xc3\x28&name=\xe2\x82",
    b"title=a%00b&text=%00&id=99999999999999999999999&pk=-1&section=%C0%AF",
    b"csrfmiddlewaretoken=x&" + b"a=" + b"9" * 5000,
    b"%%%%&&&===",
]


def test_fuzz_every_form_with_bad_encodings(role_clients):
    routes = _routes()
    statuses = []
    errors = []
    for role, client in role_clients.items():
        for path in routes:
            for body in BAD_BODIES:
                response = client.generic("POST", path, body, content_type="application/x-www-form-urlencoded")
                statuses.append(response.status_code)
                if response.status_code >= 500:
                    errors.append((role, path, body[:20], response.status_code))
            response = client.generic("POST", path, b"--x\r\nbroken", content_type="multipart/form-data; boundary=x")
            statuses.append(response.status_code)
            if response.status_code >= 500:
                errors.append((role, path, "multipart", response.status_code))
    print(f"form fuzz: {len(statuses)} requests over {len(routes)} routes, 5xx {len(errors)}")
    assert errors == []
