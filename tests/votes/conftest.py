"""Polls for the votes suites: `make_poll(association, kind=..., state=...)` builds one with its options."""

import datetime

import pytest
from django.utils import timezone

from votes.models import Kind, Option, Poll
from votes.services.mixing import ballots_mix

LABELS = {
    Kind.SINGLE: ["Couture", "Mécanique", "Informatique"],
    Kind.MULTIPLE: ["Couture", "Mécanique", "Informatique", "Agriculture"],
    Kind.RANKED: ["Couture", "Mécanique", "Informatique", "Agriculture"],
    Kind.YES_NO: ["Pour", "Contre", "Abstention"],
}


def build_poll(association, *, kind=Kind.SINGLE, state="open", sections=(), labels=None, **fields):
    now = timezone.now()
    windows = {
        "draft": (now + datetime.timedelta(days=1), now + datetime.timedelta(days=8), False),
        "scheduled": (now + datetime.timedelta(days=1), now + datetime.timedelta(days=8), True),
        "open": (now - datetime.timedelta(hours=1), now + datetime.timedelta(days=7), True),
        "closed": (now - datetime.timedelta(days=8), now - datetime.timedelta(days=1), True),
    }
    opens_at, closes_at, published = windows[state]
    values = {
        "title": f"Sondage {kind}",
        "question": "Quelle filière ?",
        "opens_at": opens_at,
        "closes_at": closes_at,
        "published": published,
        "kind": kind,
        **fields,
    }
    poll = Poll.objects.create(association=association, **values)
    poll.sections.set(sections)
    Option.objects.bulk_create(
        Option(poll=poll, label=label, position=i) for i, label in enumerate(labels or LABELS[kind])
    )
    return poll


def option_ids(poll):
    return list(poll.options.order_by("position", "pk").values_list("pk", flat=True))


@pytest.fixture
def make_poll(association):
    def make(**kwargs):
        return build_poll(kwargs.pop("association", association), **kwargs)

    return make


def close_now(poll):
    """Move a poll's window into the past (tests do not freeze time: the state comes from the clock)."""
    now = timezone.now()
    Poll.objects.filter(pk=poll.pk).update(
        opens_at=now - datetime.timedelta(days=2), closes_at=now - datetime.timedelta(seconds=1)
    )
    poll.refresh_from_db()
    return poll


def mix_now(poll):
    """Mix every sealed ballot of the poll as the closing mix would, whatever their number (a test shortcut
    for "later": the vote's after-commit hook does not run inside a test transaction)."""
    return ballots_mix(poll_id=poll.pk, now=max(timezone.now(), poll.closes_at))
