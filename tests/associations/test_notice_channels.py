"""Notices by e-mail and text message as well as the inbox, as each member chooses per topic (issue 12)."""

import pytest
from django.core import mail
from django.utils.translation import gettext_lazy

from associations.models import NoticePreference, NoticeTopic, Notification
from associations.notice_channels import delivered_by
from associations.services.notifications import notify
from config import sms
from config.sms.gsm7 import is_gsm7, septets

pytestmark = pytest.mark.django_db

OPENED = gettext_lazy("New poll: “%(title)s”. Your turn to vote, until %(day)s.")


@pytest.fixture
def outbox(settings):
    settings.SMS_BACKEND = "config.sms.backends.locmem.SmsBackend"
    settings.SITE_URL = "https://ton.example.org"
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


@pytest.fixture
def reachable(youth):
    youth.phone, youth.email = "76 00 00 01", "awa@example.org"
    youth.save(update_fields=["phone", "email"])
    return youth


def _notify(users, kind="votes.opened", capture=None):
    with capture(execute=True):
        notify(users, kind=kind, message=OPENED, params={"title": "Filière 2027", "day": "09/12"}, url="/sondages/7/")


def test_by_default_a_member_gets_inbox_email_and_sms(reachable, outbox, django_capture_on_commit_callbacks):
    _notify([reachable], capture=django_capture_on_commit_callbacks)
    assert Notification.objects.filter(recipient=reachable).count() == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["awa@example.org"]
    [text] = outbox
    assert text.to == "+22376000001"
    assert text.text.startswith('Nouveau sondage : "Filière 2027"') and is_gsm7(text.text)
    assert text.text.endswith(" https://ton.example.org/sondages/7/") and septets(text.text) <= 160


def test_an_english_member_gets_the_sms_in_english(reachable, outbox, django_capture_on_commit_callbacks):
    reachable.language = "en"
    reachable.save(update_fields=["language"])
    _notify([reachable], capture=django_capture_on_commit_callbacks)
    assert outbox[0].text.startswith('New poll: "Filière 2027"')


def test_a_declined_channel_is_not_used_for_that_topic_only(reachable, outbox, django_capture_on_commit_callbacks):
    NoticePreference.objects.create(user=reachable, topic=NoticeTopic.POLLS, by_email=True, by_sms=False)
    _notify([reachable], capture=django_capture_on_commit_callbacks)
    assert outbox == [] and len(mail.outbox) == 1
    _notify([reachable], kind="event.published", capture=django_capture_on_commit_callbacks)
    assert len(outbox) == 1  # events still by SMS


def test_child_protection_alerts_cannot_be_turned_off(staff, outbox, django_capture_on_commit_callbacks):
    staff.phone, staff.email = "76000002", "staff@example.org"
    staff.save(update_fields=["phone", "email"])
    NoticePreference.objects.create(user=staff, topic=NoticeTopic.ACCOUNT, by_email=False, by_sms=False)
    _notify([staff], kind="moderation.child_protection", capture=django_capture_on_commit_callbacks)
    assert len(outbox) == 1 and len(mail.outbox) == 1
    _notify([staff], kind="moderation.approved", capture=django_capture_on_commit_callbacks)
    assert len(outbox) == 1 and len(mail.outbox) == 1


def test_no_phone_no_sms_and_nothing_fails(youth, outbox, django_capture_on_commit_callbacks):
    _notify([youth], capture=django_capture_on_commit_callbacks)
    assert outbox == [] and mail.outbox == []
    assert Notification.objects.filter(recipient=youth).exists()


def test_preferences_are_read_in_one_query_for_any_number_of_notices(association, bamako, django_assert_num_queries):
    from tests.factories import member_of

    users = [member_of(bamako) for _ in range(30)]
    rows = notify(users, kind="votes.opened", message=OPENED, params={"title": "x", "day": "1"})
    with django_assert_num_queries(1):
        assert len(delivered_by(rows, "sms")) == 30


def test_the_page_lets_a_member_choose(client, reachable):
    assert client.get("/mon-espace/prevenir/").status_code == 302
    client.force_login(reachable)
    assert "/mon-espace/prevenir/" in client.get("/mon-espace/").content.decode()
    html = client.get("/mon-espace/prevenir/").content.decode()
    assert html.count('type="checkbox"') == 8 and html.count(" checked") == 8
    response = client.post("/mon-espace/prevenir/", {"polls-email": "on", "events-sms": "on", "events-email": "on"})
    assert response.status_code == 302
    choices = {row.topic: (row.by_email, row.by_sms) for row in NoticePreference.objects.filter(user=reachable)}
    assert choices == {
        "polls": (True, False),
        "events": (True, True),
        "activities": (False, False),
        "account": (False, False),
    }
    html = client.get("/mon-espace/prevenir/").content.decode()
    assert html.count(" checked") == 3


def test_the_page_says_when_no_phone_is_known(client, youth):
    client.force_login(youth)
    html = client.get("/mon-espace/prevenir/").content.decode()
    assert "Aucun numéro de téléphone" in html


def test_choices_are_in_the_export_and_gone_at_erasure(client, reachable, staff):
    from associations.models import Membership
    from associations.services.members import member_erase

    NoticePreference.objects.create(user=reachable, topic=NoticeTopic.POLLS, by_email=False, by_sms=True)
    client.force_login(reachable)
    exported = client.get("/mon-espace/donnees.json").json()
    assert exported["notice_channels"]["polls"] == {"email": False, "sms": True}
    member_erase(actor=staff, membership=Membership.objects.get(user=reachable))
    assert not NoticePreference.objects.filter(user=reachable).exists()
