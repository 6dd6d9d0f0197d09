"""Every notice of issue 12 through every channel: in the inbox always, by e-mail to members with an address
and by SMS to members with a phone, as each chose per topic, in the member's language, one GSM-7 segment."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from associations.models import NoticePreference, NoticeTopic, Notification, Role
from config import sms
from config.sms.gsm7 import SEGMENT, is_gsm7, septets
from events.services import event_create
from tests.factories import member_of
from tests.votes.conftest import build_poll, close_now
from votes.services import ballot_cast, outcome_record
from votes.services.notices import poll_notices_send

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)
LONG_TITLE = "Quelle filière professionnelle ouvrir à Bamako l'an prochain pour les jeunes du programme"


def poll_opened(ctx):
    build_poll(ctx.association, title=LONG_TITLE)
    poll_notices_send()
    return "votes.opened", "Nouveau sondage", "New poll"


def poll_closing(ctx):
    poll = build_poll(ctx.association, title=LONG_TITLE)
    poll_notices_send()  # announced when it opened, a week before
    poll_notices_send(now=poll.closes_at - 2 * HOUR)
    Notification.objects.exclude(kind="votes.closing").delete()
    mail.outbox.clear()
    sms.outbox.clear()
    return "votes.closing", "Dernier jour pour voter", "Last day to vote"


def poll_results(ctx):
    poll = build_poll(ctx.association, title=LONG_TITLE)
    poll_notices_send(now=poll.closes_at + HOUR)
    Notification.objects.exclude(kind="votes.closed").delete()
    mail.outbox.clear()
    sms.outbox.clear()
    return "votes.closed", "est clos", "is closed"


def poll_outcome(ctx):
    poll = close_now(build_poll(ctx.association, title=LONG_TITLE))
    outcome_record(poll=poll, user=ctx.staff, outcome="Couture")
    return "votes.outcome", "la décision du sondage", "decision of the poll"


def event_new(ctx):
    starts = timezone.now() + datetime.timedelta(days=4)
    data = {"title": LONG_TITLE, "kind": "workshop", "place": "Centre", "starts_at": starts}
    event_create(actor=ctx.staff, association=ctx.association, section=None, data=data | {"ends_at": starts + HOUR})
    return "event.new", "Nouvel événement", "New event"


# name -> (what triggers it, the topic a member may decline it under)
NOTICES = {
    "poll opened": (poll_opened, NoticeTopic.POLLS),
    "poll closes in 24 h": (poll_closing, NoticeTopic.POLLS),
    "poll results": (poll_results, NoticeTopic.POLLS),
    "poll outcome": (poll_outcome, NoticeTopic.POLLS),
    "new event": (event_new, NoticeTopic.EVENTS),
}


@pytest.fixture
def ctx(association, bamako, staff, settings, django_capture_on_commit_callbacks):
    settings.SMS_BACKEND = "config.sms.backends.locmem.SmsBackend"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://ton.example.org"
    sms.outbox.clear()
    people = {
        "fr": member_of(bamako, Role.YOUTH, language="fr", phone="76000001", email="fr@example.org"),
        "en": member_of(bamako, Role.YOUTH, language="en", phone="76000002", email="en@example.org"),
        "phone_only": member_of(bamako, Role.YOUTH, language="fr", phone="76000003", email=""),
        "declines": member_of(bamako, Role.YOUTH, language="fr", phone="76000004", email="no@example.org"),
    }
    yield type("Ctx", (), {"association": association, "staff": staff, "people": people})
    sms.outbox.clear()


@pytest.mark.parametrize("name", NOTICES)
def test_each_notice_reaches_every_channel_in_the_members_language(ctx, name, django_capture_on_commit_callbacks):
    people = ctx.people
    trigger, topic = NOTICES[name]
    NoticePreference.objects.create(user=people["declines"], topic=topic, by_email=False, by_sms=False)
    with django_capture_on_commit_callbacks(execute=True):  # the queued tasks run (immediate backend)
        kind, french, english = trigger(ctx)
    assert NoticeTopic.of(kind) == topic

    inbox = {n.recipient_id: n.text for n in Notification.objects.filter(kind=kind)}
    assert set(people[key].pk for key in people) <= set(inbox)  # in-app: always, whatever the choice
    assert french in inbox[people["fr"].pk] and english in inbox[people["en"].pk]

    mailed = {message.to[0] for message in mail.outbox}
    assert {"fr@example.org", "en@example.org"} <= mailed and "no@example.org" not in mailed
    english_mail = next(m for m in mail.outbox if m.to == ["en@example.org"])
    assert english in english_mail.body and "https://ton.example.org/" in english_mail.body

    texted = {message.to: message.text for message in sms.outbox}
    assert {"+22376000001", "+22376000002", "+22376000003"} <= set(texted) and "+22376000004" not in texted
    for text in texted.values():
        assert is_gsm7(text) and septets(text) <= SEGMENT, text
    url = Notification.objects.filter(kind=kind).first().url
    for key, phone in (("fr", "+22376000001"), ("en", "+22376000002")):  # the inbox text, fitted, in their language
        assert texted[phone] == sms.compose(inbox[people[key].pk], f"https://ton.example.org{url}")


def test_the_closing_reminder_never_says_how_anyone_voted(association, bamako, youth, other_youth, leader):
    poll = build_poll(association, title="Filière")
    labels = list(poll.options.values_list("label", flat=True))
    ballot_cast(poll=poll, user=youth, choices=[poll.options.first().pk])
    poll_notices_send()
    poll_notices_send(now=poll.closes_at - 2 * HOUR)
    reminders = Notification.objects.filter(kind="votes.closing")
    assert set(reminders.values_list("recipient", flat=True)) == {other_youth.pk, leader.pk}
    texts = set(reminders.values_list("text", flat=True))
    assert len(texts) == 1  # the same words for everyone reminded
    (text,) = texts
    assert not any(label in text for label in labels)
    assert youth.display_name not in text
