import pytest

from bench.budgets import PAGE_BUDGET_BYTES, external_urls, page_weight

pytestmark = pytest.mark.django_db


def test_home_page_shows_the_association(client, site_tree):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Association des jeunes — SOS Villages d&#x27;Enfants Mali" in html
    assert '<html lang="fr">' in html
    assert "Connexion" in html


def test_home_page_security_headers(client, site_tree):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_json_responses_get_no_csp(client):
    response = client.get("/api/v1/schema/?format=json")
    assert "Content-Security-Policy" not in response


def test_home_page_fits_one_round_trip(client, site_tree, member):
    for viewer in (None, member):
        if viewer:
            client.force_login(viewer)
        weight = page_weight(client.get("/").content)
        assert weight["css"] > 0
        assert weight["total"] <= PAGE_BUDGET_BYTES, weight


def test_home_page_query_count_is_small_and_fixed(client, site_tree, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/api/v1/docs/", "/no-such-page/"])
def test_pages_reference_no_external_host(client, site_tree, url):
    response = client.get(url)
    assert response.status_code in {200, 404}
    assert external_urls(response.content.decode()) == []


def test_admin_loads_nothing_from_another_host(client, site_tree, admin):
    # Wagtail's own admin links to outside help pages; it must still fetch nothing from elsewhere.
    assert external_urls(client.get("/admin/login/").content.decode(), loaded_only=True) == []
    client.force_login(admin)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert external_urls(response.content.decode(), loaded_only=True) == []


def test_unknown_page_is_a_404_page(client, site_tree):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "text/html" in response["Content-Type"]
