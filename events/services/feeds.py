"""The secret token of each member's private calendar feed."""

from django.db import IntegrityError, transaction

from associations.models import User
from events.models import CalendarFeed, new_feed_token


def calendar_feed_get(*, user: User) -> CalendarFeed:
    """The member's feed, created on first use."""
    try:
        with transaction.atomic():
            feed, _ = CalendarFeed.objects.get_or_create(user=user)
    except IntegrityError:  # two first uses at once
        feed = CalendarFeed.objects.get(user=user)
    return feed


def calendar_feed_regenerate(*, user: User) -> CalendarFeed:
    """A new secret URL: the old one stops working at once (e.g. after it was shared by mistake)."""
    feed = calendar_feed_get(user=user)
    feed.token = new_feed_token()
    feed.save(update_fields=["token"])
    return feed
