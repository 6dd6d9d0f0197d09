"""/api/v1/indicators/ and /api/v1/pathways/: thin views over selectors, report and pathway services."""

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from associations.models import Membership
from config.api.permissions import RulesPermission
from config.errors import DomainError
from indicators import pathways
from indicators.api.serializers import (
    IndicatorsSerializer,
    PathwayPatchSerializer,
    PathwaySerializer,
    PathwayWriteSerializer,
)
from indicators.report import build_report
from indicators.selectors import indicator_query

STAFF_ONLY = gettext_lazy("Pathways are recorded by the staff of a site.")


def _period(period) -> dict:
    return {"kind": period.kind, "start": period.start, "end": period.last_day}


class IndicatorsView(APIView):
    """The programme indicators (staff: their site; coordinators and admins: every site), small counts
    suppressed (null) exactly as on /indicateurs/."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter("from", str, description="first day, YYYY-MM-DD (with `to`: a custom period)"),
            OpenApiParameter("to", str, description="last day, YYYY-MM-DD"),
            OpenApiParameter("period", str, enum=["month", "quarter", "year"], description="default: quarter"),
            OpenApiParameter("date", str, description="a day inside the period (default: today)"),
            OpenApiParameter("site", int, description="section id"),
            OpenApiParameter("association", int),
        ],
        responses=IndicatorsSerializer,
    )
    def get(self, request):
        query = indicator_query(request.user, request.query_params)
        report = build_report(association=query.association, scope=query.scope, period=query.period)
        data = {
            "association": query.association.name,
            "sites": [s.name for s in report.sites],
            "period": _period(report.period),
            "previous": _period(report.previous),
            "headlines": [vars(h) for h in report.headlines],
            "sections": [
                {"key": key, "title": title, "tables": [t.as_dict() for t in tables]}
                for key, title, tables in report.sections
            ],
        }
        return Response(IndicatorsSerializer(data).data)


class PathwayListView(APIView):
    """Pathway steps of the youths of the caller's site (staff), and recording a new step."""

    permission_classes = [RulesPermission]
    permission_required = "indicators.record_pathways"
    permission_denied_message = STAFF_ONLY

    @extend_schema(
        parameters=[OpenApiParameter("member", int), OpenApiParameter("page", int)],
        responses=PathwaySerializer(many=True),
    )
    def get(self, request):
        steps = pathways.pathways_manageable_by(request.user)
        member = request.query_params.get("member", "")
        if member:
            if not member.isdigit():
                raise DomainError(_("Give the member as a user id."), code="invalid")
            steps = steps.filter(member_id=int(member))
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(steps, request, view=self)
        return paginator.get_paginated_response(PathwaySerializer(page, many=True).data)

    @extend_schema(request=PathwayWriteSerializer, responses={201: PathwaySerializer})
    def post(self, request):
        serializer = PathwayWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        memberships = Membership.objects.select_related("association", "section").filter(user_id=data["member"])
        membership = next((m for m in memberships if request.user.has_perm("indicators.manage_pathway", m)), None)
        polls = pathways.linkable_polls(request.user)
        poll = next((p for p in polls if p.pk == data["poll"]), None)
        if data["poll"] is not None and poll is None:
            raise DomainError(_("Choose a closed poll on training sectors or internships."), code="invalid_poll")
        step = pathways.pathway_record(
            actor=request.user,
            membership=membership,
            status=data["status"],
            started_on=data["started_on"],
            sector=data["sector"],
            partner=data["partner"],
            poll=poll,
        )
        return Response(PathwaySerializer(step).data, status=status.HTTP_201_CREATED)


class PathwayDetailView(APIView):
    permission_classes = [RulesPermission]
    permission_required = "indicators.record_pathways"
    permission_denied_message = STAFF_ONLY

    def _step(self, request, pk: int):
        step = pathways.pathways_manageable_by(request.user).filter(pk=pk).first()
        if step is None:
            raise Http404
        return step

    @extend_schema(responses=PathwaySerializer)
    def get(self, request, pk: int):
        return Response(PathwaySerializer(self._step(request, pk)).data)

    @extend_schema(request=PathwayPatchSerializer, responses=PathwaySerializer)
    def patch(self, request, pk: int):
        step = self._step(request, pk)
        serializer = PathwayPatchSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        step = pathways.pathway_update(actor=request.user, pathway=step, **serializer.validated_data)
        return Response(PathwaySerializer(step).data)

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int):
        pathways.pathway_delete(actor=request.user, pathway=self._step(request, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)
