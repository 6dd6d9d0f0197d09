"""The indicators report in the Wagtail admin refuses like the /indicateurs/ page: DomainErrorsMixin turns
a bad period into the indicators' error page (400) and no access into PermissionDenied, never a 500."""

import pytest
from django.test import Client

from cms.services.workflow import ensure_workflow

pytestmark = pytest.mark.django_db

URL = "/admin/reports/indicators/"


@pytest.fixture
def staff_client(site_tree, association, staff):
    ensure_workflow(association)  # staff get Wagtail access through their association's group
    client = Client(raise_request_exception=False)
    client.force_login(staff)
    return client


def test_staff_see_the_report(staff_client):
    assert staff_client.get(URL).status_code == 200


@pytest.mark.parametrize("query", ["?period=decade", "?from=x&to=y", "?site=abc"])
def test_a_bad_query_is_the_error_page_with_the_reason(staff_client, query):
    response = staff_client.get(URL + query)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_a_site_the_staff_member_does_not_manage_is_refused_the_wagtail_way(staff_client, kita):
    # Wagtail's admin answers PermissionDenied with a redirect to the dashboard and a message.
    response = staff_client.get(f"{URL}?site={kita.pk}")
    assert (response.status_code, response["Location"]) == (302, "/admin/")
