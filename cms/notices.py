"""Notifications of the cms app, rendered in each recipient's language (see associations notify)."""

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from associations.services.notifications import notify

SUBMITTED = _("New activity report to review: “%(title)s”.")
REJECTED = _("Your activity report “%(title)s” needs changes: %(comment)s")
APPROVED = _("Your activity report “%(title)s” is published.")


def _render(message, params):
    return str(message) % params


lazy_text = lazy(_render, str)


def notify_submitted(page, recipients) -> None:
    notify(
        recipients,
        kind="cms.activity.submitted",
        text=lazy_text(SUBMITTED, {"title": page.title}),
        url=f"/admin/pages/{page.pk}/edit/",
    )


def notify_rejected(page, comment: str) -> None:
    if page.author is None:
        return
    text = lazy_text(REJECTED, {"title": page.title, "comment": comment or "—"})
    notify([page.author], kind="cms.activity.rejected", text=text, url=f"/activites/mes-recits/{page.pk}/modifier/")


def notify_approved(page) -> None:
    if page.author is None:
        return
    notify(
        [page.author], kind="cms.activity.approved", text=lazy_text(APPROVED, {"title": page.title}), url=page.url or ""
    )
