"""Demo content of moderation (called by `manage.py seed_demo`): a morning's queue for staff.bamako —
a pending comment with a phone number (flagged), and a comment reported by two youths. Idempotent."""

from associations.models import Association, Membership
from cms.models import Comment, HomePage
from moderation.models import Report
from moderation.services import initial_status, report_create

PENDING_TEXT = "Pour la sortie, appelez-moi au 76 12 34 56 !"
REPORTED_TEXT = "Ceux de Kita ne savent rien faire, ne venez pas."


def _comment(home, username: str, text: str) -> Comment | None:
    membership = (
        Membership.objects.select_related("user", "association", "section").filter(user__username=username).first()
    )
    if membership is None:
        return None
    existing = Comment.objects.filter(page=home, author=membership.user, text=text).first()
    if existing:
        return existing
    status, flags = initial_status(author=membership.user, association=membership.association, text=text)
    return Comment.objects.create(
        page=home,
        author=membership.user,
        association=membership.association,
        section=membership.section,
        text=text,
        status=status,
        flags=flags,
    )


def seed(log) -> None:
    home = HomePage.objects.first()
    if home is None or not Association.objects.filter(slug="imaj-mali").exists():
        log("moderation: no demo association, nothing to seed")
        return
    _comment(home, "youth.bamako.01", PENDING_TEXT)
    reported = _comment(home, "leader.bamako", REPORTED_TEXT)
    if reported is not None and reported.is_published:
        for username in ("youth.bamako.02", "youth.bamako.03"):
            reporter = Membership.objects.filter(user__username=username).select_related("user").first()
            if (
                reporter
                and not Report.objects.filter(
                    reporter=reporter.user, content_type__model="comment", object_id=reported.pk
                ).exists()
            ):
                report_create(
                    reporter=reporter.user, content_type="cms.comment", object_id=reported.pk, reason="insult"
                )
    log("moderation: demo queue ready (staff.bamako)")
