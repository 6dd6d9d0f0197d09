"""/api/v1/ endpoints of moderation.

Items are named "app_label.model:pk" (e.g. "cms.comment:12") in the queue and in decision URLs."""

from django.urls import path

from moderation.api.views import (
    ApprovalDecisionView,
    ApprovalListView,
    BulkApproveView,
    DecisionView,
    QueueListView,
    ReportCreateView,
)

urlpatterns = [
    path("reports/", ReportCreateView.as_view(), name="report-create"),
    path("moderation/items/", QueueListView.as_view(), name="moderation-items"),
    path("moderation/items/bulk-approve/", BulkApproveView.as_view(), name="moderation-bulk-approve"),
    path("moderation/items/<str:item_id>/decision/", DecisionView.as_view(), name="moderation-decision"),
    path("moderation/approvals/", ApprovalListView.as_view(), name="moderation-approvals"),
    path(
        "moderation/approvals/<str:item_id>/decision/",
        ApprovalDecisionView.as_view(),
        name="moderation-approval-decision",
    ),
]
