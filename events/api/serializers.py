"""Explicit input and output serializers of the events API (inputs never write fields they do not name)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from associations.models import Association, Role, Section
from associations.presenters import member_name
from events.models import Event, EventStatus, Registration, RegistrationStatus
from events.services.events import EDITABLE


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    display_name = serializers.CharField(source="public_name")


class EventSerializer(serializers.ModelSerializer):
    section = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    audience_sections = serializers.SerializerMethodField()
    organisers = PersonSerializer(many=True, read_only=True)
    is_past = serializers.BooleanField(read_only=True)
    confirmed_count = serializers.IntegerField(read_only=True)
    waitlisted_count = serializers.IntegerField(read_only=True)
    places_left = serializers.SerializerMethodField()
    my_status = serializers.CharField(read_only=True, allow_null=True, default=None)
    join_hint = serializers.CharField(
        read_only=True,
        allow_null=True,
        default=None,
        help_text=_("Why the caller cannot register, or that the event is full (waiting list); null otherwise."),
    )

    class Meta:
        model = Event
        fields = [
            "id",
            "association",
            "section",
            "title",
            "description",
            "kind",
            "place",
            "starts_at",
            "ends_at",
            "capacity",
            "registration_opens_at",
            "registration_closes_at",
            "audience_roles",
            "audience_sections",
            "min_age",
            "max_age",
            "organisers",
            "status",
            "cancel_reason",
            "is_past",
            "confirmed_count",
            "waitlisted_count",
            "places_left",
            "my_status",
            "join_hint",
        ]
        read_only_fields = fields

    def get_audience_sections(self, event) -> list[str]:
        return [s.slug for s in event.audience_sections.all()]

    def get_places_left(self, event) -> int | None:
        return event.places_left


class EventWriteSerializer(serializers.ModelSerializer):
    """Fields an organiser may set (PATCH: any subset): the service's `EDITABLE` and the two relations.
    Fields are built from the model; only the bounds the model does not hold are declared here."""

    capacity = serializers.IntegerField(min_value=1, max_value=100000, required=False, allow_null=True)
    audience_roles = serializers.ListField(child=serializers.ChoiceField(choices=Role.choices), required=False)
    min_age = serializers.IntegerField(min_value=0, max_value=120, required=False, allow_null=True)
    max_age = serializers.IntegerField(min_value=0, max_value=120, required=False, allow_null=True)

    class Meta:
        model = Event
        fields = [*EDITABLE, "audience_sections", "organisers"]


class EventCreateSerializer(EventWriteSerializer):
    association = serializers.PrimaryKeyRelatedField(
        queryset=Association.objects.all(), required=False, help_text=_("Default: your association.")
    )
    section = serializers.PrimaryKeyRelatedField(
        queryset=Section.objects.all(), required=False, allow_null=True, help_text=_("Empty: all sections.")
    )
    draft = serializers.BooleanField(required=False, default=False)

    class Meta(EventWriteSerializer.Meta):
        fields = [*EventWriteSerializer.Meta.fields, "association", "section", "draft"]


class EventPatchSerializer(EventWriteSerializer):
    status = serializers.ChoiceField(
        choices=[EventStatus.PUBLISHED, EventStatus.CANCELLED],
        required=False,
        help_text=_("published: submit a draft or (staff) publish; cancelled: cancel with cancel_reason."),
    )
    cancel_reason = serializers.CharField(max_length=500, required=False, allow_blank=True)

    class Meta(EventWriteSerializer.Meta):
        fields = [*EventWriteSerializer.Meta.fields, "status", "cancel_reason"]


class RegistrationSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED])
    position = serializers.IntegerField(allow_null=True, help_text=_("Place on the waiting list; null when confirmed."))
    code = serializers.CharField(help_text=_("Check-in code to show at the door."))


class RegistrantSerializer(serializers.ModelSerializer):
    user = serializers.IntegerField(source="member_id")
    display_name = serializers.SerializerMethodField()
    section = serializers.CharField(source="section_name", allow_null=True)

    def get_display_name(self, obj) -> str:
        request = self.context.get("request")
        return member_name(getattr(request, "user", None), obj.member)

    class Meta:
        model = Registration
        fields = ["user", "display_name", "section", "status", "waitlist_number", "checked_in_at"]
        read_only_fields = fields


class CheckInSerializer(serializers.Serializer):
    user = serializers.IntegerField(required=False, min_value=1)
    code = serializers.CharField(required=False, max_length=12, allow_blank=False)

    def validate(self, attrs):
        if "user" not in attrs and "code" not in attrs:
            raise serializers.ValidationError(_("Give a member (user) or a code."))
        return attrs


class CheckInResultSerializer(serializers.Serializer):
    user = serializers.IntegerField()
    display_name = serializers.CharField()
    checked_in_at = serializers.DateTimeField()
    already = serializers.BooleanField(help_text=_("True when this person was already checked in."))
