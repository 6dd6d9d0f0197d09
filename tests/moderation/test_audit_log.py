"""Every moderation action is in Wagtail's audit log (automatic ones as the system); staff filter it by
member and by item; child-protection reports only for safeguarding leads."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from moderation.content import ModerationStatus
from moderation.log import audit_entries
from moderation.services import author_suspend, author_warn, item_decide, items_bulk_approve, report_create
from tests.moderation.conftest import item_id

pytestmark = pytest.mark.django_db


def test_every_action_is_audited_with_actor_item_and_reason(make_comment, youth, other_youth, reporters, staff):
    reported = make_comment(youth)
    for reporter in reporters:
        report_create(reporter=reporter, content_type="cms.comment", object_id=reported.pk, reason="spam")
    pending = make_comment(other_youth, status=ModerationStatus.PENDING)
    item_decide(actor=staff, item_id=item_id(reported), action="reject", reason="Spam publicitaire")
    item_decide(actor=staff, item_id=item_id(reported), action="restore")
    item_decide(actor=staff, item_id=item_id(reported), action="hide", reason="Encore")
    items_bulk_approve(actor=staff, item_ids=[item_id(pending)])
    author_warn(actor=staff, item_id=item_id(reported), reason="Attention")
    author_suspend(
        actor=staff, item_id=item_id(reported), until=timezone.now() + datetime.timedelta(days=3), reason="Récidive"
    )
    entries = ModelLogEntry.objects.filter(action__startswith="ton.moderation.").order_by("pk")
    summary = [(e.action, e.user_id, e.data["item"], e.data.get("reason")) for e in entries]
    reported_id = item_id(reported)
    assert summary == [
        ("ton.moderation.report", reporters[0].pk, reported_id, "spam"),
        ("ton.moderation.report", reporters[1].pk, reported_id, "spam"),
        ("ton.moderation.report", reporters[2].pk, reported_id, "spam"),
        ("ton.moderation.auto_hide", None, reported_id, None),
        ("ton.moderation.reject", staff.pk, reported_id, "Spam publicitaire"),
        ("ton.moderation.restore", staff.pk, reported_id, ""),
        ("ton.moderation.hide", staff.pk, reported_id, "Encore"),
        ("ton.moderation.approve", staff.pk, item_id(pending), ""),
        ("ton.moderation.warn_author", staff.pk, reported_id, "Attention"),
        ("ton.moderation.suspend_author", staff.pk, reported_id, "Récidive"),
    ]
    assert ModelLogEntry.objects.filter(action__in=["ton.member.warn", "ton.member.suspend"]).count() == 2


def test_log_filtered_by_member_and_by_item(client, make_comment, youth, other_youth, staff, reporters):
    mine = make_comment(youth, status=ModerationStatus.PENDING)
    theirs = make_comment(other_youth, status=ModerationStatus.PENDING)
    item_decide(actor=staff, item_id=item_id(mine), action="reject", reason="Raison A")
    item_decide(actor=staff, item_id=item_id(theirs), action="reject", reason="Raison B")
    author_warn(actor=staff, item_id=item_id(mine), reason="Avertissement A")
    by_member = audit_entries(staff, member=str(youth.pk))
    assert {e.action for e in by_member} == {"ton.moderation.reject", "ton.moderation.warn_author", "ton.member.warn"}
    assert {e.action for e in audit_entries(staff, item=item_id(theirs))} == {"ton.moderation.reject"}
    client.force_login(staff)
    html = client.get(f"/moderation/log/?member={youth.pk}").content.decode()
    assert "Raison A" in html and "Raison B" not in html
    html = client.get(f"/moderation/log/?item={item_id(theirs)}").content.decode()
    assert "Raison B" in html and "Raison A" not in html


def test_log_hides_child_protection_reports_from_non_leads_and_everything_from_other_associations(
    comment, reporters, staff, lead, foreign_staff
):
    report_create(reporter=reporters[0], content_type="cms.comment", object_id=comment.pk, reason="child_protection")
    report_create(reporter=reporters[1], content_type="cms.comment", object_id=comment.pk, reason="spam")
    assert [e.data["reason"] for e in audit_entries(lead)] == ["spam", "child_protection"]
    assert [e.data["reason"] for e in audit_entries(staff)] == ["spam"]
    assert list(audit_entries(foreign_staff)) == []
    assert list(audit_entries(foreign_staff, item=item_id(comment))) == []


def test_bad_filters_give_nothing(staff, comment):
    item_decide(actor=staff, item_id=item_id(comment), action="hide")
    assert list(audit_entries(staff, member="awa")) == []
    assert list(audit_entries(staff, item="nothing:1")) == []
