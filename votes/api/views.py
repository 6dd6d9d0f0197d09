"""Thin API views: parse input, call the policy and the services, shape the output."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, PolymorphicProxySerializer, extend_schema
from rest_framework import status
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from associations.models import Section
from associations.selectors import acting_association
from config.api.permissions import RulesPermission
from config.errors import Conflict, DomainError, Forbidden
from votes import rules, selectors, services
from votes.api import serializers as s
from votes.export import results_csv
from votes.models import Participation, Proposal

ERRORS = {400: OpenApiResponse(description="invalid"), 403: OpenApiResponse(description="forbidden")}


def _voted(user, polls) -> set[int]:
    return set(
        Participation.objects.filter(member=user, poll__in=[p.pk for p in polls]).values_list("poll_id", flat=True)
    )


def _poll_out(request, poll) -> dict:
    return s.PollOut(poll, context={"request": request, "voted": _voted(request.user, [poll])}).data


def _sections(association_id: int, ids) -> list[Section] | None:
    if ids is None:
        return None
    sections = list(Section.objects.filter(association_id=association_id, pk__in=ids))
    if len(sections) != len(set(ids)):
        raise DomainError(_("A section in scope belongs to another association."), code="invalid_sections")
    return sections


class PollList(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=s.PollOut(many=True), summary="Polls the caller may see")
    def get(self, request):
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(
            selectors.polls_visible_to(request.user).order_by("-opens_at", "-pk"), request
        )
        data = s.PollOut(page, many=True, context={"request": request, "voted": _voted(request.user, page)}).data
        return paginator.get_paginated_response(data)

    @extend_schema(request=s.PollIn, responses={201: s.PollOut, **ERRORS}, summary="Draft a poll (leaders, staff)")
    def post(self, request):
        data = s.PollIn(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        association = acting_association(request.user, fields.pop("association", None))
        if not rules.can_create_in(request.user, association.pk):
            raise Forbidden(_("Only leaders and staff of the association create polls."))
        sections = _sections(association.pk, fields.pop("sections", None))
        poll = services.poll_create(user=request.user, association=association, sections=sections, **fields)
        return Response(_poll_out(request, selectors.poll_detail(poll.pk)), status=status.HTTP_201_CREATED)


class PollDetail(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=s.PollOut, summary="One poll, with options, state, eligible and has_voted")
    def get(self, request, poll_id: int):
        return Response(_poll_out(request, selectors.poll_for_viewer(request.user, poll_id)))

    @extend_schema(request=s.PollPatchIn, responses={200: s.PollOut, **ERRORS, 409: OpenApiResponse()})
    def patch(self, request, poll_id: int):
        poll = selectors.poll_for_viewer(request.user, poll_id)
        data = s.PollPatchIn(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        published = fields.pop("published", None)
        sections = _sections(poll.association_id, fields.pop("sections", None))
        if fields or sections is not None:
            services.poll_update(poll=poll, user=request.user, sections=sections, **fields)
        if published is not None:
            services.poll_publish(poll=poll, user=request.user, published=published)
        return Response(_poll_out(request, selectors.poll_detail(poll.pk)))


class PollVote(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=s.VoteIn,
        responses={201: s.ReceiptOut, **ERRORS, 409: OpenApiResponse(description="already voted or not open")},
        summary="Cast a vote (final); returns the receipt code",
    )
    def post(self, request, poll_id: int):
        # Members of the association who may not vote get 403 with the reason (ballot_cast decides).
        poll = selectors.poll_for_viewer(request.user, poll_id, to_vote=True)
        data = s.VoteIn(data=request.data)
        data.is_valid(raise_exception=True)
        receipt = services.ballot_cast(
            poll=poll,
            user=request.user,
            choices=data.validated_data.get("choices"),
            ranking=data.validated_data.get("ranking"),
        )
        return Response({"receipt": receipt.display}, status=status.HTTP_201_CREATED)


def _results_or_403(request, poll) -> dict:
    results = selectors.poll_results(poll)
    if not rules.results_visible(request.user, poll, results["ballots"]):
        raise Forbidden(_("The results of this poll are not visible yet."), code="results_hidden")
    return results


class PollResults(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses={
            200: PolymorphicProxySerializer("PollResults", [s.ResultsOut, s.LiveResultsOut], None),
            403: OpenApiResponse(),
        },
        summary="Results (when visible): `winner` once closed, `leading` while open",
    )
    def get(self, request, poll_id: int):
        poll = selectors.poll_for_viewer(request.user, poll_id)
        results = _results_or_403(request, poll)
        serializer = s.LiveResultsOut if poll.is_open else s.ResultsOut
        return Response(serializer(results).data)


class PollExport(APIView):
    permission_classes = [RulesPermission]
    object_permission = "votes.export_results"
    permission_denied_message = gettext_lazy("Only staff export results.")

    @extend_schema(
        responses={(200, "text/csv"): OpenApiTypes.STR, 403: OpenApiResponse()}, summary="Results as CSV (staff)"
    )
    def get(self, request, poll_id: int):
        poll = selectors.poll_for_viewer(request.user, poll_id)
        self.check_object_permissions(request, poll)
        results = _results_or_403(request, poll)
        response = HttpResponse(results_csv(poll, results), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="sondage-{poll.pk}.csv"'
        return response


class PollReceipts(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter("page", int, required=False),
            OpenApiParameter("code", str, required=False, description="A receipt code to look up"),
        ],
        responses={200: s.ReceiptsOut, 409: OpenApiResponse(description="poll not closed")},
        summary="Receipt codes of every counted ballot, after closing",
    )
    def get(self, request, poll_id: int):
        poll = selectors.poll_for_viewer(request.user, poll_id)
        if not poll.is_closed:
            raise Conflict(_("Receipts are listed once the poll has closed."), code="poll_not_closed")
        listing = selectors.receipt_listing(poll, page=request.query_params.get("page"))
        body = {"count": listing.total, "page": listing.page, "receipts": listing.codes}
        if "code" in request.query_params:
            body["counted"] = selectors.receipt_counted(poll, request.query_params["code"])
        return Response(body)


class PollOutcome(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.OutcomeIn, responses={200: s.PollOut, **ERRORS, 409: OpenApiResponse()})
    def post(self, request, poll_id: int):
        poll = selectors.poll_for_viewer(request.user, poll_id)
        data = s.OutcomeIn(data=request.data)
        data.is_valid(raise_exception=True)
        services.outcome_record(poll=poll, user=request.user, outcome=data.validated_data["outcome"])
        return Response(_poll_out(request, selectors.poll_detail(poll.pk)))


class PollProposals(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=s.ProposalOut(many=True), summary="Option proposals the caller may see")
    def get(self, request, poll_id: int):
        poll = selectors.poll_for_viewer(request.user, poll_id)
        return Response(s.ProposalOut(selectors.proposals_visible_to(request.user, poll), many=True).data)

    @extend_schema(request=s.ProposalIn, responses={201: s.ProposalOut, **ERRORS, 409: OpenApiResponse()})
    def post(self, request, poll_id: int):
        poll = selectors.poll_for_viewer(request.user, poll_id)
        data = s.ProposalIn(data=request.data)
        data.is_valid(raise_exception=True)
        proposal = services.proposal_create(poll=poll, user=request.user, text=data.validated_data["text"])
        return Response(s.ProposalOut(proposal).data, status=status.HTTP_201_CREATED)


class ProposalAccept(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={200: s.OptionOut, 403: OpenApiResponse(), 409: OpenApiResponse()})
    def post(self, request, poll_id: int, proposal_id: int):
        poll = selectors.poll_for_viewer(request.user, poll_id)
        proposal = get_object_or_404(Proposal.objects.select_related("poll"), pk=proposal_id, poll=poll)
        option = services.proposal_accept(proposal=proposal, user=request.user)
        return Response(s.OptionOut(option).data)
