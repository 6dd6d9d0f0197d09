"""What moderation keeps about a member, for their export: the reports they filed (never the reports about
them: a reporter stays anonymous to the author)."""

from moderation.models import Report


def export_reports_filed(user) -> list[dict]:
    reports = Report.objects.filter(reporter=user).select_related("content_type").order_by("created_at", "pk")
    return [
        {
            "item": f"{report.content_type.app_label}.{report.content_type.model}:{report.object_id}",
            "reason": report.reason,
            "comment": report.comment,
            "created_at": report.created_at.isoformat(),
            "reviewed": report.reviewed_at is not None,
        }
        for report in reports
    ]


def keep(user) -> None:
    """Reports stay after an erasure (staff decisions refer to them); the reporter is then a former member."""


def register() -> None:
    from associations.personal_data import Provider
    from associations.personal_data import register as add

    add(Provider(key="reports_filed", export=export_reports_filed, erase=keep))
