"""The staff queue page: scope by section, order, urgent for safeguarding leads only, fixed query count,
phone budget; the same queue in the Wagtail admin."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from associations.models import Role
from bench.budgets import PAGE_BUDGET_BYTES, external_urls, page_weight
from moderation.content import ModerationStatus
from moderation.selectors import queue_entries
from moderation.services import report_create
from tests.factories import member_of
from tests.moderation.conftest import item_id

pytestmark = pytest.mark.django_db


def test_staff_see_their_section_with_text_reasons_and_context(client, comment, reporters, staff, site_tree):
    report_create(
        reporter=reporters[0], content_type="cms.comment", object_id=comment.pk, reason="insult", comment="Il se moque"
    )
    client.force_login(staff)
    html = client.get("/moderation/").content.decode()
    assert comment.text in html
    assert "insulte ou harcèlement × 1" in html
    assert "Il se moque" in html
    assert escape(site_tree.title) in html  # the page it was written on
    assert f'value="{item_id(comment)}"' in html


def test_kita_staff_do_not_see_bamako_items(client, comment, reporters, kita_staff, foreign_staff):
    report_create(reporter=reporters[0], content_type="cms.comment", object_id=comment.pk, reason="spam")
    for user in (kita_staff, foreign_staff):
        client.force_login(user)
        assert comment.text not in client.get("/moderation/").content.decode()


def test_youth_and_leader_are_403_visitor_goes_to_login(client, youth, leader):
    for user in (youth, leader):
        client.force_login(user)
        assert client.get("/moderation/").status_code == 403
        assert client.get("/moderation/log/").status_code == 403
    client.logout()
    assert client.get("/moderation/").status_code == 302


def test_order_most_reported_then_oldest(make_comment, youth, other_youth, reporters, staff):
    old_pending = make_comment(youth, status=ModerationStatus.PENDING)
    new_pending = make_comment(other_youth, status=ModerationStatus.PENDING)
    reported = make_comment(youth)
    for reporter in reporters[:2]:
        report_create(reporter=reporter, content_type="cms.comment", object_id=reported.pk, reason="spam")
    order = [entry.object_id for entry in queue_entries(staff)]
    assert order == [reported.pk, old_pending.pk, new_pending.pk]


def test_child_protection_is_urgent_on_top_for_leads_and_absent_for_other_staff(
    client, make_comment, youth, other_youth, reporters, staff, lead
):
    pending = make_comment(other_youth, status=ModerationStatus.PENDING, text="en attente")
    concern = make_comment(youth, text="message inquiétant")
    report_create(
        reporter=reporters[0],
        content_type="cms.comment",
        object_id=concern.pk,
        reason="child_protection",
        comment="secret",
    )
    assert [entry.object_id for entry in queue_entries(lead)] == [concern.pk, pending.pk]
    assert [entry.object_id for entry in queue_entries(staff)] == [pending.pk]
    client.force_login(lead)
    html = client.get("/moderation/").content.decode()
    assert "Urgent" in html and "secret" in html
    client.force_login(staff)
    html = client.get("/moderation/").content.decode()
    assert "message inquiétant" not in html and "secret" not in html and "Urgent" not in html


def test_child_protection_report_is_hidden_from_non_leads_when_the_item_is_also_reported(
    api_client, comment, reporters, staff, lead
):
    report_create(reporter=reporters[0], content_type="cms.comment", object_id=comment.pk, reason="child_protection")
    report_create(reporter=reporters[1], content_type="cms.comment", object_id=comment.pk, reason="spam")
    api_client.force_authenticate(staff)
    row = api_client.get("/api/v1/moderation/items/").json()["results"][0]
    assert (row["urgent"], row["reports"], [r["reason"] for r in row["reasons"]]) == (False, 1, ["spam"])
    api_client.force_authenticate(lead)
    row = api_client.get("/api/v1/moderation/items/").json()["results"][0]
    assert (row["urgent"], row["reports"]) == (True, 2)


def test_hidden_or_rejected_tab_offers_restore(client, comment, staff):
    client.force_login(staff)
    client.post("/moderation/decide/", {"item": item_id(comment), "action": "hide"})
    html = client.get("/moderation/?state=closed").content.decode()
    assert comment.text in html and 'value="restore"' in html


def test_platform_admin_sees_every_association(make_comment, youth, elsewhere, admin):
    foreign_youth = member_of(elsewhere, Role.YOUTH)
    mine = make_comment(youth, status=ModerationStatus.PENDING)
    theirs = make_comment(foreign_youth, status=ModerationStatus.PENDING)
    assert {entry.object_id for entry in queue_entries(admin)} == {mine.pk, theirs.pk}


def _queue_queries(client, url="/moderation/"):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_queue_page_query_count_does_not_grow_with_the_data(client, make_comment, youth, bamako, staff):
    reporters = [member_of(bamako, Role.YOUTH, username=f"r{n}") for n in range(10)]

    def add(n):
        for _ in range(n):
            item = make_comment(youth)
            for reporter in reporters[:2]:
                report_create(
                    reporter=reporter, content_type="cms.comment", object_id=item.pk, reason="spam", comment="x"
                )
            make_comment(youth, status=ModerationStatus.PENDING)

    client.force_login(staff)
    add(1)
    _queue_queries(client)  # warms the site cache shared with every page
    small = _queue_queries(client)
    add(9)
    assert _queue_queries(client) == small
    # Two of these read the items other apps hold for approval (activity reports, poll drafts): one count
    # each when there are none (tests/moderation/test_approvals_budget.py pins them with items).
    assert small <= 12


def test_queue_page_fits_the_phone_budget(client, make_comment, youth, staff):
    for _ in range(20):
        make_comment(youth, status=ModerationStatus.PENDING, text="Un commentaire de longueur ordinaire " * 3)
    client.force_login(staff)
    html = client.get("/moderation/").content
    assert page_weight(html)["total"] <= PAGE_BUDGET_BYTES
    assert external_urls(html.decode()) == []


def test_navigation_badge_for_staff_only(client, make_comment, youth, staff):
    make_comment(youth, status=ModerationStatus.PENDING)
    client.force_login(staff)
    assert 'href="/moderation/"' in client.get("/moderation/log/").content.decode()
    client.force_login(youth)
    assert 'href="/moderation/"' not in client.get("/accounts/login/").content.decode()


def test_wagtail_admin_queue(client, make_comment, youth, admin):
    pending = make_comment(youth, status=ModerationStatus.PENDING, text="dans l'admin")
    client.force_login(admin)
    html = client.get("/admin/moderation/").content.decode()
    assert escape("dans l'admin") in html and item_id(pending) in html
    assert "/admin/moderation/" in client.get("/admin/").content.decode()  # the menu item


def test_wagtail_admin_queue_refuses_youths(client, youth, make_comment):
    make_comment(youth, status=ModerationStatus.PENDING, text="dans l'admin")
    client.force_login(youth)
    response = client.get("/admin/moderation/")
    assert response.status_code in {302, 403}
    assert escape("dans l'admin") not in response.content.decode()


def test_queue_api_query_count_does_not_grow_with_the_data(api_client, make_comment, youth, bamako, staff):
    reporters = [member_of(bamako, Role.YOUTH, username=f"r{n}") for n in range(3)]

    def add(n):
        for _ in range(n):
            item = make_comment(youth)
            for reporter in reporters[:2]:
                report_create(reporter=reporter, content_type="cms.comment", object_id=item.pk, reason="spam")

    api_client.force_authenticate(staff)
    add(1)
    api_client.get("/api/v1/moderation/items/")
    with CaptureQueriesContext(connection) as small:
        assert api_client.get("/api/v1/moderation/items/").json()["count"] == 1
    add(9)
    with CaptureQueriesContext(connection) as large:
        assert api_client.get("/api/v1/moderation/items/").json()["count"] == 10
    assert len(large) == len(small) <= 8


def test_report_url_tag(comment):
    from django.template import Context, Template

    rendered = Template("{% load moderation_tags %}{% report_url item %}").render(Context({"item": comment}))
    assert rendered == f"/report/cms.comment:{comment.pk}/"


def test_page_and_api_show_the_same_rows(client, api_client, make_comment, youth, other_youth, reporters, staff, lead):
    """Rows are shaped once (`selectors.queue_rows`): the page and the API list the same items, reasons and
    urgency for the same viewer."""
    insulted = make_comment(youth)
    make_comment(other_youth, status=ModerationStatus.PENDING)
    concern = make_comment(other_youth)
    for reporter, reason in zip(reporters, ["insult", "insult", "spam"], strict=False):
        report_create(reporter=reporter, content_type="cms.comment", object_id=insulted.pk, reason=reason)
    report_create(reporter=reporters[0], content_type="cms.comment", object_id=concern.pk, reason="child_protection")
    for viewer in (staff, lead):
        client.force_login(viewer)
        api_client.force_authenticate(viewer)
        html = client.get("/moderation/").content.decode()
        rows = api_client.get("/api/v1/moderation/items/").json()["results"]
        assert [row["id"] for row in rows] == [item for item in _ids_in_order(html) if item in {r["id"] for r in rows}]
        for row in rows:
            assert f'value="{row["id"]}"' in html
            for reason in row["reasons"]:
                assert escape(f"{reason['label']} × {reason['count']}") in html
        urgent = [row["id"] for row in rows if row["urgent"]]
        assert urgent == ([item_id(concern)] if viewer == lead else [])
        assert len(rows) == (3 if viewer == lead else 2)
        assert ("child-protection concern" in html or "protection de l" in html) == bool(urgent)


def _ids_in_order(html: str) -> list[str]:
    found = []
    for part in html.split('name="item" value="')[1:]:
        value = part.split('"', 1)[0]
        if value not in found:
            found.append(value)
    return found
