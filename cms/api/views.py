"""Activities API views: thin; reads through cms.selectors, writes through cms.services."""

from django.db.models import Prefetch
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
from cms.images import clean_photos
from cms.models import ActivityPage, ActivityPhoto
from cms.photos import photo_url
from cms.policies import can_view_activity, is_member
from cms.sanitize import sanitize_html
from cms.selectors import comments_for, filter_activities_api, visible_activities, with_counts
from cms.services.activities import ActivityInput, activity_submit
from cms.services.comments import comment_create


def _out(page) -> dict:
    return {
        "id": page.pk,
        "title": page.title,
        "url": page.url or "",
        "date": page.date,
        "section": {"slug": page.section.slug, "name": page.section.name},
        "theme": page.theme,
        "summary": page.summary,
        "visibility": page.visibility,
        "participants": page.participants,
        "comment_count": getattr(page, "comment_count", None) or 0,
    }


def _body_html(page) -> str:
    parts = []
    for block in page.body:
        if block.block_type == "paragraph":
            parts.append(sanitize_html(block.value.source))
        elif block.block_type == "quote":
            parts.append(f"<blockquote>{sanitize_html(block.value['text'])}</blockquote>")
    return "".join(parts)


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
    queryset = ActivityPage.objects.none()  # for the schema only: reads go through cms.selectors

    @extend_schema(parameters=FILTERS, responses=ActivityOut(many=True))
    def get(self, request):
        queryset = filter_activities_api(visible_activities(request.user), request.GET)
        page = self.paginate_queryset(with_counts(queryset))
        return self.get_paginated_response([_out(item) for item in page])

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
        photos = Prefetch("photos", queryset=ActivityPhoto.objects.select_related("image").order_by("sort_order"))
        page = with_counts(visible_activities(request.user)).prefetch_related(photos).filter(pk=pk).first()
        if page is None:
            raise NotFound()
        member = is_member(request.user, page.association_id)
        data = _out(page)
        data["event_id"] = page.event_id
        data["body_html"] = _body_html(page)
        data["photos"] = [
            {
                "caption": photo.caption,
                "url": photo_url(page.pk, photo.image_id, 480, "jpg"),
                "url_webp": photo_url(page.pk, photo.image_id, 480, "webp"),
                "width": min(480, photo.image.width),
                "height": round(photo.image.height * min(480, photo.image.width) / photo.image.width),
            }
            for photo in page.photos.all()
            if member or photo.may_be_public
        ]
        return Response(data)


class ActivityCommentsView(GenericAPIView):
    """Comments of an activity: published ones, plus the caller's own pending ones (and all for its staff)."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = CommentOut
    queryset = ActivityPage.objects.none()

    def _page(self, request, pk):
        page = get_object_or_404(ActivityPage.objects.select_related("association"), pk=pk)
        if not can_view_activity(request.user, page):
            raise NotFound()
        return page

    @extend_schema(responses=CommentOut(many=True))
    def get(self, request, pk: int):
        page = self._page(request, pk)
        items = self.paginate_queryset(comments_for(page, request.user))
        return self.get_paginated_response(CommentOut(items, many=True).data)

    @extend_schema(request=CommentIn, responses={201: CommentOut})
    def post(self, request, pk: int):
        page = self._page(request, pk)
        data = CommentIn(data=request.data)
        data.is_valid(raise_exception=True)
        comment = comment_create(author=request.user, page=page, text=data.validated_data["text"])
        return Response(CommentOut(comment).data, status=status.HTTP_201_CREATED)
