"""HTML pages of moderation: the staff queue and its actions, the audit log, the report form."""

from django.urls import path

from moderation import journal_views, views

app_name = "moderation"

urlpatterns = [
    path("moderation/", views.queue, name="queue"),
    path("moderation/decide/", views.decide, name="decide"),
    path("moderation/approve/", views.bulk_approve, name="bulk-approve"),
    path("moderation/approval/", views.approval, name="approval"),
    path("moderation/author/warn/", views.warn_author, name="warn"),
    path("moderation/author/suspend/", views.suspend_author, name="suspend"),
    path("moderation/log/", views.audit_log, name="log"),
    path("moderation/journal/", journal_views.journal_page, name="journal"),
    path("report/<str:item_id>/", views.report, name="report"),
    path("contenu/<str:item_id>/", views.item, name="item"),
]
