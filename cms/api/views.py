"""Activities API views: thin; reads through the page model's queryset, writes through cms.services."""

import rules
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from associations.models import Section
from associations.selectors import acting_association
from cms.api.serializers import ActivityDetailOut, ActivityIn, ActivityOut, CommentIn, CommentOut, SubmissionOut
from cms.filters import ActivityFilters
from cms.images import clean_photos
from cms.models import ActivityPage
from cms.services.activities import ActivityInput, activity_submit
from cms.services.comments import comment_create

FILTERS = [
    OpenApiParameter("section", str, description="section slug"),
    OpenApiParameter("theme", str),
    OpenApiParameter("year", int),
]


class ActivityListView(GenericAPIView):
    """Activities the caller may read (public ones for everybody, members-only ones for members); POST tells a
    new activity exactly like the “Raconter une activité” form."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = ActivityOut
    queryset = ActivityPage.objects.none()  # for the schema only: reads go through ActivityPage.objects

    @extend_schema(parameters=FILTERS, responses=ActivityOut(many=True))
    def get(self, request):
        chosen = ActivityFilters(request.GET).chosen()
        activities = (
            ActivityPage.objects.visible_to(request.user)
            .filtered(theme=chosen["theme"], year=chosen["year"])
            .newest_first()
            .with_comment_counts()
        )
        # The API spans associations: a site slug matches that site in each of them (an unknown one, nothing).
        slug = request.GET.get("section", "")
        if slug:
            activities = activities.filter(section__slug=slug)
        page = self.paginate_queryset(activities)
        return self.get_paginated_response(ActivityOut(page, many=True).data)

    @extend_schema(request={"multipart/form-data": ActivityIn}, responses={201: SubmissionOut})
    def post(self, request):
        association = acting_association(request.user)
        data = ActivityIn(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        section = Section.objects.filter(association=association, slug=values["section"]).first()
        if section is None:
            raise ValidationError({"section": ["Unknown section."]})
        files = request.FILES.getlist("photos")
        captions = values.get("captions", [])
        photos, errors = clean_photos((f, captions[i] if i < len(captions) else "") for i, f in enumerate(files))
        if errors:
            raise ValidationError({"photos": errors})
        page = activity_submit(
            author=request.user,
            association=association,
            data=ActivityInput(
                title=values["title"],
                date=values["date"],
                section=section,
                theme=values["theme"],
                text=values["text"],
                participants=values.get("participants"),
                event_id=values.get("event"),
                visibility=values.get("visibility") or "members",
            ),
            photos=photos,
        )
        state = "published" if page.live else "pending"
        return Response({"id": page.pk, "title": page.title, "state": state}, status=status.HTTP_201_CREATED)


class ActivityDetailView(GenericAPIView):
    """One activity, if the caller may read it (404 otherwise, whatever the reason)."""

    serializer_class = ActivityDetailOut
    queryset = ActivityPage.objects.none()

    def get(self, request, pk: int):
        activities = ActivityPage.objects.visible_to(request.user).newest_first().with_comment_counts()
        page = activities.filter(pk=pk).first()
        if page is None:
            raise NotFound()
        return Response(ActivityDetailOut(page, context={"viewer": request.user}).data)


class ActivityCommentsView(GenericAPIView):
    """Comments of an activity: published ones, plus the caller's own pending ones (and all for its staff)."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = CommentOut
    queryset = ActivityPage.objects.none()

    def _page(self, request, pk):
        page = get_object_or_404(ActivityPage.objects.select_related("association"), pk=pk)
        if not rules.has_perm("cms.view_activity", request.user, page):
            raise NotFound()
        return page

    @extend_schema(responses=CommentOut(many=True))
    def get(self, request, pk: int):
        page = self._page(request, pk)
        items = self.paginate_queryset(page.visible_comments(request.user))
        return self.get_paginated_response(CommentOut(items, many=True).data)

    @extend_schema(request=CommentIn, responses={201: CommentOut})
    def post(self, request, pk: int):
        page = self._page(request, pk)
        data = CommentIn(data=request.data)
        data.is_valid(raise_exception=True)
        comment = comment_create(author=request.user, page=page, text=data.validated_data["text"])
        return Response(CommentOut(comment).data, status=status.HTTP_201_CREATED)
