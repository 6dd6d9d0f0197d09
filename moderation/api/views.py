"""Moderation API: members report; staff read their queue and decide. Thin: services decide."""

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api.permissions import RulesPermission
from moderation import selectors
from moderation.api.serializers import (
    ApprovalDecisionInput,
    ApprovalDecisionOutput,
    ApprovalGroupOutput,
    BulkApproveInput,
    BulkApproveOutput,
    DecisionInput,
    QueueItemOutput,
    ReportInput,
    ReportOutput,
)
from moderation.approvals import approval_decide, pending_approvals
from moderation.models import QueueEntry
from moderation.services.decisions import item_decide, items_bulk_approve
from moderation.services.reports import report_create

STAFF_ONLY = gettext_lazy("Only the staff can moderate content.")


class ReportCreateView(APIView):
    """Report an item once, with a reason. 409 for a second report by the same member; 404 for an item the
    member cannot see. Authors are never told who reported."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=ReportInput, responses={201: ReportOutput})
    def post(self, request):
        data = ReportInput(data=request.data)
        data.is_valid(raise_exception=True)
        report = report_create(reporter=request.user, **data.validated_data)
        body = {
            "item": f"{data.validated_data['content_type'].lower()}:{report.object_id}",
            "reason": report.reason,
            "comment": report.comment,
            "created_at": report.created_at,
        }
        return Response(ReportOutput(body).data, status=status.HTTP_201_CREATED)


class QueueListView(GenericAPIView):
    """The staff member's queue: items awaiting a decision in their sections (`state=closed`: hidden or
    rejected items). Youths and leaders: 403."""

    permission_classes = [RulesPermission]
    permission_required = "moderation.view_queue"
    permission_denied_message = STAFF_ONLY
    pagination_class = PageNumberPagination
    serializer_class = QueueItemOutput
    queryset = QueueEntry.objects.none()  # for the schema only; get() reads through the selectors

    @extend_schema(
        parameters=[OpenApiParameter("state", str, enum=["open", "closed"], required=False)],
        responses={200: QueueItemOutput(many=True)},
    )
    def get(self, request):
        state = selectors.CLOSED if request.query_params.get("state") == selectors.CLOSED else selectors.OPEN
        page = self.paginate_queryset(selectors.queue_entries(request.user, state=state))
        rows = selectors.queue_rows(request.user, page)
        return self.get_paginated_response(QueueItemOutput(rows, many=True).data)


class DecisionView(APIView):
    """Decide on an item: approve, reject (reason required, sent to the author), hide, restore.
    `item_id` is "app_label.model:pk". Youths and leaders: 403; outside the staff member's scope: 404."""

    permission_classes = [RulesPermission]
    permission_required = "moderation.view_queue"
    permission_denied_message = STAFF_ONLY

    @extend_schema(request=DecisionInput, responses={200: QueueItemOutput})
    def post(self, request, item_id: str):
        data = DecisionInput(data=request.data)
        data.is_valid(raise_exception=True)
        entry = item_decide(actor=request.user, item_id=item_id, **data.validated_data)
        entry.open_reports = []
        return Response(QueueItemOutput(selectors.queue_row(request.user, entry)).data)


class BulkApproveView(APIView):
    """Approve several items at once, all or nothing (404 if any is outside the staff member's scope)."""

    permission_classes = [RulesPermission]
    permission_required = "moderation.view_queue"
    permission_denied_message = STAFF_ONLY

    @extend_schema(request=BulkApproveInput, responses={200: BulkApproveOutput})
    def post(self, request):
        data = BulkApproveInput(data=request.data)
        data.is_valid(raise_exception=True)
        approved = items_bulk_approve(actor=request.user, item_ids=data.validated_data["items"])
        return Response(BulkApproveOutput({"approved": approved}).data)


class ApprovalListView(APIView):
    """Items awaiting approval in their own app's workflow: activity reports (Wagtail workflow) and leaders'
    poll drafts, grouped by kind. Youths and leaders: 403."""

    permission_classes = [RulesPermission]
    permission_required = "moderation.view_queue"
    permission_denied_message = STAFF_ONLY

    @extend_schema(responses={200: ApprovalGroupOutput(many=True)})
    def get(self, request):
        return Response(ApprovalGroupOutput(pending_approvals(request.user), many=True).data)


class ApprovalDecisionView(APIView):
    """Decide on an item awaiting approval: `approve`, `changes` or `reject` (comment required) for an
    activity report, `publish` for a poll draft. 404 outside the staff member's scope; 409 once decided."""

    permission_classes = [RulesPermission]
    permission_required = "moderation.view_queue"
    permission_denied_message = STAFF_ONLY

    @extend_schema(request=ApprovalDecisionInput, responses={200: ApprovalDecisionOutput})
    def post(self, request, item_id: str):
        data = ApprovalDecisionInput(data=request.data)
        data.is_valid(raise_exception=True)
        message = approval_decide(actor=request.user, item_id=item_id, **data.validated_data)
        body = {"id": item_id, "action": data.validated_data["action"], "message": message}
        return Response(ApprovalDecisionOutput(body).data)
