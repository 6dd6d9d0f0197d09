import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.models import Site

from cms.demo import ASSOCIATION_NAME
from cms.models import HomePage

pytestmark = pytest.mark.django_db


def counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_seed_demo_builds_the_home_page_and_is_idempotent(client):
    call_command("seed_demo", verbosity=0)
    first = counts()
    call_command("seed_demo", verbosity=0)
    assert counts() == first
    site = Site.objects.get(is_default_site=True)
    assert site.site_name == ASSOCIATION_NAME
    assert isinstance(site.root_page.specific, HomePage)
    assert client.get("/").status_code == 200
    response = client.post("/accounts/login/", {"username": "admin", "password": "ton-demo-2026"})
    assert response.status_code == 302
    assert client.get("/api/v1/me/").json()["username"] == "admin"
