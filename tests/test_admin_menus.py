"""Every Wagtail admin menu entry, report and settings page, walked as staff, leader and platform admin:
none answers a 5xx (a permission predicate asked without an object once broke "Site history")."""

import json
import re

import pytest
from django.test import Client

from associations.audit import audit
from associations.models import Membership
from cms.services.workflow import ensure_workflow

pytestmark = pytest.mark.django_db

EXTRA = ["/admin/reports/site-history/", "/admin/reports/", "/admin/reports/aging-pages/", "/admin/reports/locked/"]


def _menu_urls(html: str) -> set[str]:
    """The URLs of the sidebar (its props are JSON in the page), submenus included."""
    urls = set()
    for match in re.finditer(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S):
        urls.update(re.findall(r'"url": "(/admin/[^"]*)"', json.dumps(json.loads(match.group(1)))))
    return urls


@pytest.mark.parametrize("who", ["staff", "leader", "admin"])
def test_every_admin_menu_entry_answers_without_a_server_error(who, request, site_tree, association):
    user = request.getfixturevalue(who)
    ensure_workflow(association)  # staff get Wagtail access through their association's group
    # A member audit entry: Site history then asks `has_perm("associations.view_membership")` with no object.
    audit(Membership.objects.get(user=request.getfixturevalue("youth")), "ton.member.warn", reason="test")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    home = client.get("/admin/")
    assert home.status_code in {200, 302}
    urls = _menu_urls(home.content.decode()) | set(EXTRA)
    if who != "leader":
        assert len(urls) > len(EXTRA), "the sidebar was not found: the walk would prove nothing"
    failures = {url: status for url in sorted(urls) if (status := client.get(url).status_code) >= 500}
    assert failures == {}
