"""Which notifications go out by e-mail or SMS as well as to the inbox: the member's choice per topic."""

from associations.models import ALWAYS_DELIVERED, NoticePreference, NoticeTopic, Notification

CHANNELS = ("email", "sms")


def delivered_by(notifications: list[Notification], channel: str) -> list[Notification]:
    """The notifications whose recipient takes `channel` for their topic (one query for all of them)."""
    if channel not in CHANNELS:
        raise ValueError(channel)
    declined = set(
        NoticePreference.objects.filter(
            user_id__in={notification.recipient_id for notification in notifications}, **{f"by_{channel}": False}
        ).values_list("user_id", "topic")
    )
    return [
        notification
        for notification in notifications
        if notification.kind in ALWAYS_DELIVERED
        or (notification.recipient_id, NoticeTopic.of(notification.kind)) not in declined
    ]


def preferences_of(user) -> dict[str, dict[str, bool]]:
    """{topic: {"email": bool, "sms": bool}} for every topic, defaults filled in."""
    rows = {row.topic: row for row in NoticePreference.objects.filter(user=user)}
    return {
        topic: {
            "email": rows[topic].by_email if topic in rows else True,
            "sms": rows[topic].by_sms if topic in rows else True,
        }
        for topic in NoticeTopic.values
    }


def preferences_save(user, chosen: dict[str, dict[str, bool]]) -> None:
    for topic in NoticeTopic.values:
        choice = chosen.get(topic, {})
        NoticePreference.objects.update_or_create(
            user=user,
            topic=topic,
            defaults={"by_email": bool(choice.get("email")), "by_sms": bool(choice.get("sms"))},
        )
