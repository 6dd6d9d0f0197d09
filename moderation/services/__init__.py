"""Moderation services every app calls: the status of new member-written content, reports, decisions."""

from moderation.services.content import initial_status, moderated_create
from moderation.services.decisions import author_suspend, author_warn, item_decide, items_bulk_approve
from moderation.services.reports import report_create

__all__ = [
    "author_suspend",
    "author_warn",
    "initial_status",
    "item_decide",
    "items_bulk_approve",
    "moderated_create",
    "report_create",
]
