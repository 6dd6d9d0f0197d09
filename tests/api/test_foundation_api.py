import pytest
from django.test import override_settings

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def assert_error_shape(response, status):
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["status"] == status
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert isinstance(body["error"]["code"], str)
    return body["error"]


def test_schema_is_openapi_3_with_only_our_paths(api_client):
    response = api_client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["paths"], "schema lists no path"
    assert all(path.startswith("/api/v1/") for path in schema["paths"])
    assert "/api/v1/me/" in schema["paths"]
    assert "/api/v1/auth/token/" in schema["paths"]


def test_docs_load_their_assets_from_this_site(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    # The split view serves its script from our own URL, so the page works under our CSP.
    import re

    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert url.startswith("/"), url
        assert client.get(url).status_code == 200, url


def test_token_for_good_credentials(api_client, member):
    response = api_client.post("/api/v1/auth/token/", {"username": member.username, "password": PASSWORD})
    assert response.status_code == 200
    token = response.json()["token"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = api_client.get("/api/v1/me/")
    assert me.status_code == 200
    assert me.json() == {
        "id": member.pk,
        "username": member.username,
        "display_name": member.display_name,
        "language": "fr",
    }


def test_token_refused_for_bad_credentials(api_client, member):
    response = api_client.post("/api/v1/auth/token/", {"username": member.username, "password": "wrong"})
    error = assert_error_shape(response, 400)
    assert error["code"] == "invalid"
    assert "non_field_errors" in error["fields"]


def test_token_refused_for_missing_fields(api_client):
    error = assert_error_shape(api_client.post("/api/v1/auth/token/", {}, format="json"), 400)
    assert set(error["fields"]) == {"username", "password"}


def test_token_endpoint_accepts_malformed_json_with_a_400(api_client):
    response = api_client.generic("POST", "/api/v1/auth/token/", "{not json", content_type="application/json")
    assert_error_shape(response, 400)


def test_me_requires_login(api_client):
    error = assert_error_shape(api_client.get("/api/v1/me/"), 401)
    assert error["code"] == "not_authenticated"


def test_me_with_session(client, member):
    client.force_login(member)
    assert client.get("/api/v1/me/").json()["username"] == member.username


def test_me_exposes_no_secret_field(api_client, member):
    api_client.force_authenticate(member)
    body = api_client.get("/api/v1/me/").json()
    assert not {"password", "is_superuser", "is_staff", "email"} & set(body)


def test_unknown_api_path_is_json_404(api_client):
    assert_error_shape(api_client.get("/api/v1/no-such-thing/"), 404)


def test_token_endpoint_is_throttled(api_client, member):
    rates = {"anon": "1000/minute", "user": "1000/minute", "auth": "3/minute"}
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    original = SimpleRateThrottle.THROTTLE_RATES
    SimpleRateThrottle.THROTTLE_RATES = {**api_settings.DEFAULT_THROTTLE_RATES, **rates}
    try:
        statuses = [
            api_client.post("/api/v1/auth/token/", {"username": member.username, "password": "x"}).status_code
            for _ in range(4)
        ]
        assert statuses == [400, 400, 400, 429]
        assert_error_shape(api_client.post("/api/v1/auth/token/", {"username": "a", "password": "b"}), 429)
    finally:
        SimpleRateThrottle.THROTTLE_RATES = original


@override_settings(DEBUG=False)
def test_api_server_error_is_json(api_client, monkeypatch):
    from django.test import RequestFactory

    from config.urls import handler500

    response = handler500(RequestFactory().get("/api/v1/me/"))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
