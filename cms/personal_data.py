"""What the cms keeps about a member, for their export (`associations.personal_data`).

Erasure keeps these contributions, shown as a former member's (see `associations.services.members.member_erase`).
"""

from django.utils.translation import gettext_lazy as _

from cms.models import ActivityPage, Comment


def export_comments(user) -> list[dict]:
    comments = Comment.objects.filter(author=user).select_related("page").order_by("created_at", "pk")
    return [
        {
            "text": comment.text,
            "on": comment.page.title,
            "status": comment.status,
            "created_at": comment.created_at.isoformat(),
        }
        for comment in comments
    ]


def export_activity_reports(user) -> list[dict]:
    from cms.selectors import my_submissions

    return [
        {
            "title": page.title,
            "date": page.date.isoformat(),
            "section": page.section.name,
            "summary": page.summary,
            "text": page.body.get_prep_value(),
            "participants": page.participants,
            "visibility": page.visibility,
            "status": page.state,
        }
        for page in my_submissions(user)
    ]


def keep(user) -> None:
    """Contributions stay after an erasure, shown as a former member's: nothing personal is left in them."""


def register() -> None:
    from associations.personal_data import Provider
    from associations.personal_data import register as add

    add(Provider(key="comments", export=export_comments, erase=keep))
    add(Provider(key="activity_reports", export=export_activity_reports, erase=keep))
    from associations.participation import Counter
    from associations.participation import register as count

    count(Counter("comments", _("comments"), lambda user_id: Comment.objects.filter(author_id=user_id).count()))
    count(Counter("activity_reports", _("activity reports"), _reports))


def _reports(user_id: int) -> int:
    return ActivityPage.objects.filter(author_id=user_id).count()
