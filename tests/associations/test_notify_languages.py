"""Every service that notifies writes each notice in its recipient's language, not in the actor's.

Each case triggers a real service while the actor works in the other language, then reads the notice the
recipient got. An eager `_("…") % {…}` (rendered at once, in the actor's language) fails here.
"""

import datetime
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.utils import timezone, translation

from associations.models import Membership, Notification
from associations.services.members import member_reactivate, member_suspend, member_warn
from cms.models import Comment
from cms.services.workflow import ensure_association_pages, ensure_workflow
from events.services import event_cancel, event_create, event_publish, event_reminders_send
from events.services.registrations import registration_cancel, registration_register
from moderation.content import ModerationStatus
from moderation.services import item_decide, report_create
from tests.cms.conftest import act, submit
from tests.votes.conftest import build_poll, close_now
from votes.services import outcome_record, poll_create
from votes.services.notices import poll_notices_send

pytestmark = pytest.mark.django_db


@dataclass
class Case:
    trigger: object  # (ctx) -> (recipient, kind); runs in the actor's language
    en: str
    fr: str


def _event(ctx, actor=None, **fields):
    starts = fields.pop("starts_at", timezone.now() + datetime.timedelta(days=3))
    data = {"title": "Atelier CV", "kind": "workshop", "place": "Centre", "starts_at": starts}
    data["ends_at"] = starts + datetime.timedelta(hours=2)
    actor = actor or ctx.staff
    return event_create(actor=actor, association=ctx.association, section=ctx.bamako, data=data | fields)


def event_pending(ctx):
    ctx.association.premoderate_leaders = True
    ctx.association.save()
    _event(ctx, actor=ctx.leader)
    return ctx.staff, "event.pending"


def event_published(ctx):
    ctx.association.premoderate_leaders = True
    ctx.association.save()
    event_publish(actor=ctx.staff, event_id=_event(ctx, actor=ctx.leader).pk)
    return ctx.leader, "event.published"


def event_cancelled(ctx):
    event = _event(ctx)
    registration_register(user=ctx.youth, event_id=event.pk)
    event_cancel(actor=ctx.staff, event_id=event.pk, reason="pluie")
    return ctx.youth, "event.cancelled"


def registration_promoted(ctx):
    event = _event(ctx, capacity=1)
    registration_register(user=ctx.other_youth, event_id=event.pk)
    registration_register(user=ctx.youth, event_id=event.pk)  # waitlisted
    registration_cancel(user=ctx.other_youth, event_id=event.pk)
    return ctx.youth, "event.promoted"


def event_reminder(ctx):
    event = _event(ctx, starts_at=timezone.now() + datetime.timedelta(hours=20))
    registration_register(user=ctx.youth, event_id=event.pk)
    event_reminders_send()
    return ctx.youth, "event.reminder"


def poll_outcome(ctx):
    poll = close_now(build_poll(ctx.association, title="Filière"))
    with ctx.run_queued(execute=True):  # the outcome is told from the task queue
        outcome_record(poll=poll, user=ctx.staff, outcome="Couture")
    return ctx.youth, "votes.outcome"


def event_new(ctx):
    with ctx.run_queued(execute=True):  # the announcement is queued when the event is published
        _event(ctx)
    return ctx.youth, "event.new"


def _pending_comment(ctx):
    membership = Membership.objects.get(user=ctx.youth)
    return Comment.objects.create(
        page=ctx.site_tree,
        author=ctx.youth,
        association=membership.association,
        section=membership.section,
        text="Merci pour la sortie.",
        status=ModerationStatus.PENDING,
    )


def moderation_approved(ctx):
    comment = _pending_comment(ctx)
    item_decide(actor=ctx.staff, item_id=f"cms.comment:{comment.pk}", action="approve")
    return ctx.youth, "moderation.approve"


def moderation_rejected(ctx):
    comment = _pending_comment(ctx)
    item_decide(actor=ctx.staff, item_id=f"cms.comment:{comment.pk}", action="reject", reason="hors sujet")
    return ctx.youth, "moderation.reject"


def child_protection_alert(ctx):
    Membership.objects.filter(user=ctx.staff).update(is_safeguarding_lead=True)
    comment = _pending_comment(ctx)
    Comment.objects.filter(pk=comment.pk).update(status=ModerationStatus.PUBLISHED)
    report_create(reporter=ctx.other_youth, content_type="cms.comment", object_id=comment.pk, reason="child_protection")
    return ctx.staff, "moderation.child_protection"


def _activity_tree(ctx):
    ensure_workflow(ctx.association)
    ensure_association_pages(ctx.association)


def activity_submitted(ctx):
    _activity_tree(ctx)
    submit(ctx.youth, ctx.bamako, title="Tournoi")
    return ctx.staff, "cms.activity.submitted"


def activity_rejected(ctx):
    _activity_tree(ctx)
    act(submit(ctx.youth, ctx.bamako, title="Tournoi"), ctx.staff, "reject", comment="score ?")
    return ctx.youth, "cms.activity.rejected"


def activity_approved(ctx):
    _activity_tree(ctx)
    act(submit(ctx.youth, ctx.bamako, title="Tournoi"), ctx.staff, "approve")
    return ctx.youth, "cms.activity.approved"


def member_warned(ctx):
    member_warn(actor=ctx.staff, membership=Membership.objects.get(user=ctx.youth), reason="retard")
    return ctx.youth, "member.warned"


def member_suspended(ctx):
    until = timezone.make_aware(datetime.datetime(2099, 1, 31, 12))
    member_suspend(actor=ctx.staff, membership=Membership.objects.get(user=ctx.youth), until=until, reason="retard")
    return ctx.youth, "member.suspended"


def member_reactivated(ctx):
    member_reactivate(actor=ctx.staff, membership=Membership.objects.get(user=ctx.youth))
    return ctx.youth, "member.reactivated"


def poll_waits(ctx):
    opens = timezone.now() + datetime.timedelta(days=1)
    poll_create(
        user=ctx.leader,
        association=ctx.association,
        options=["Couture", "Mécanique"],
        title="Filière",
        question="Laquelle ?",
        opens_at=opens,
        closes_at=opens + datetime.timedelta(days=7),
    )
    return ctx.staff, "votes.draft"


def poll_opened(ctx):
    build_poll(ctx.association, title="Filière")
    poll_notices_send()
    return ctx.youth, "votes.opened"


def poll_closed(ctx):
    poll = build_poll(ctx.association, title="Filière")
    poll_notices_send(now=poll.closes_at + datetime.timedelta(hours=1))
    return ctx.youth, "votes.closed"


CASES = {
    "poll waits for staff": Case(
        poll_waits,
        "A poll waits for your publication: “Filière”, by ",
        "Un sondage attend votre publication : « Filière », par ",
    ),
    "poll opened": Case(
        poll_opened, "New poll: “Filière”. Your turn to vote, until ", "Nouveau sondage : « Filière ». À toi de voter"
    ),
    "poll closed": Case(
        poll_closed,
        "The poll “Filière” is closed: the results are online.",
        "Le sondage « Filière » est clos : les résultats sont en ligne.",
    ),
    "event pending": Case(
        event_pending,
        "An event awaits your approval: “Atelier CV”.",
        "Un événement attend votre validation : « Atelier CV ».",
    ),
    "event published": Case(
        event_published, "Your event “Atelier CV” is published.", "Ton événement « Atelier CV » est publié."
    ),
    "new event": Case(event_new, "New event: “Atelier CV” on ", "Nouvel événement : « Atelier CV » le "),
    "event cancelled": Case(event_cancelled, "“Atelier CV” is cancelled: pluie", "« Atelier CV » est annulé : pluie"),
    "promoted from the waiting list": Case(
        registration_promoted,
        "A place is free: you are now confirmed for “Atelier CV”.",
        "Une place s'est libérée : ta place est confirmée pour « Atelier CV ».",
    ),
    "reminder": Case(event_reminder, "Reminder: “Atelier CV” on ", "Rappel : « Atelier CV » le "),
    "poll outcome": Case(
        poll_outcome,
        "Results and decision of the poll “Filière” are online.",
        "Les résultats et la décision du sondage « Filière » sont en ligne.",
    ),
    "moderation approved": Case(
        moderation_approved,
        "Your comment was approved and is now visible.",
        "L'équipe a approuvé ton contenu (commentaire) : il est maintenant visible.",
    ),
    "moderation rejected": Case(
        moderation_rejected,
        "Your comment was rejected by the staff: hors sujet",
        "L'équipe a refusé ton contenu (commentaire) : hors sujet",
    ),
    "child-protection alert": Case(
        child_protection_alert,
        "A child-protection concern was reported. Please look at the moderation queue now.",
        "Une inquiétude de protection de l'enfance a été signalée. Consultez la file de modération dès maintenant.",
    ),
    "activity report submitted": Case(
        activity_submitted,
        "New activity report to review: “Tournoi”.",
        "Nouveau récit d'activité à relire : « Tournoi ».",
    ),
    "activity report rejected": Case(
        activity_rejected,
        "Your activity report “Tournoi” needs changes: score ?",
        "Ton récit « Tournoi » est à revoir : score ?",
    ),
    "activity report approved": Case(
        activity_approved, "Your activity report “Tournoi” is published.", "Ton récit « Tournoi » est publié."
    ),
    "member warned": Case(member_warned, "Warning from the staff: retard", "Avertissement de l'équipe : retard"),
    "member suspended": Case(
        member_suspended,
        "Your account is suspended until 31/01/2099: retard",
        "Ton compte est suspendu jusqu'au 31/01/2099 : retard",
    ),
    "member reactivated": Case(member_reactivated, "Your account is active again.", "Ton compte est de nouveau actif."),
}


@pytest.fixture
def ctx(
    site_tree,
    association,
    bamako,
    kita,
    youth,
    other_youth,
    leader,
    staff,
    settings,
    tmp_path,
    django_capture_on_commit_callbacks,
):
    settings.MEDIA_ROOT = tmp_path / "media"
    return SimpleNamespace(
        run_queued=django_capture_on_commit_callbacks,
        site_tree=site_tree,
        association=association,
        bamako=bamako,
        youth=youth,
        other_youth=other_youth,
        leader=leader,
        staff=staff,
    )


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("name", CASES)
def test_each_recipient_reads_the_notice_in_their_own_language(ctx, name, language):
    case = CASES[name]
    actor_language = "fr" if language == "en" else "en"
    for user in (ctx.youth, ctx.other_youth, ctx.leader, ctx.staff):
        user.language = language
        user.save(update_fields=["language"])
    with translation.override(actor_language):
        recipient, kind = case.trigger(ctx)
    texts = list(Notification.objects.filter(recipient=recipient, kind=kind).values_list("text", flat=True))
    expected = case.en if language == "en" else case.fr
    assert len(texts) == 1 and texts[0].startswith(expected), texts
