"""Notifications of the cms app, rendered in each recipient's language by `notify`."""

from django.utils.translation import gettext_lazy as _

from associations.services.notifications import notify

SUBMITTED = _("New activity report to review: “%(title)s”.")
REJECTED = _("Your activity report “%(title)s” needs changes: %(comment)s")
APPROVED = _("Your activity report “%(title)s” is published.")
REFUSED = _("Your activity report “%(title)s” was not accepted: %(reason)s")


def notify_submitted(page, recipients) -> None:
    notify(
        recipients,
        kind="cms.activity.submitted",
        message=SUBMITTED,
        params={"title": page.title},
        url=f"/admin/pages/{page.pk}/edit/",
    )


def notify_rejected(page, comment: str) -> None:
    if page.author is None:
        return
    notify(
        [page.author],
        kind="cms.activity.rejected",
        message=REJECTED,
        params={"title": page.title, "comment": comment or "—"},
        url=f"/activites/mes-recits/{page.pk}/modifier/",
    )


def notify_approved(page) -> None:
    if page.author is None:
        return
    notify(
        [page.author],
        kind="cms.activity.approved",
        message=APPROVED,
        params={"title": page.title},
        url=page.url or "",
    )


def notify_refused(page, reason: str) -> None:
    if page.author is None:
        return
    notify(
        [page.author],
        kind="cms.activity.refused",
        message=REFUSED,
        params={"title": page.title, "reason": reason or "—"},
        url="/activites/mes-recits/",
    )
