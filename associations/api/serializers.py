from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from associations.models import Association, Notification, Section, User


class MeSerializer(serializers.ModelSerializer):
    """The logged-in member. Only `display_name` and `language` can be changed; anything else sent is ignored."""

    language = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)

    class Meta:
        model = User
        fields = ["id", "username", "display_name", "language"]
        read_only_fields = ["id", "username"]

    def validate_display_name(self, value: str) -> str:
        value = " ".join(value.split())
        if len(value) < 2:
            raise serializers.ValidationError("Choose a name of at least 2 characters.")
        return value


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)


class AssociationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Association
        fields = ["id", "name", "slug", "country", "default_language"]


class SectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Section
        fields = ["id", "name", "slug", "association"]


class MemberSerializer(serializers.Serializer):
    """A member as the caller may see them: keys beyond `id` and `display_name` appear only when allowed."""

    id = serializers.IntegerField(read_only=True)
    display_name = serializers.CharField(read_only=True)
    section = serializers.CharField(read_only=True, required=False, help_text="leaders, staff and the member")
    role = serializers.CharField(read_only=True, required=False)
    username = serializers.CharField(read_only=True, required=False, help_text="staff of the section and the member")
    phone = serializers.CharField(read_only=True, required=False)
    email = serializers.CharField(read_only=True, required=False)
    birth_year = serializers.IntegerField(read_only=True, required=False, allow_null=True)
    gender = serializers.CharField(read_only=True, required=False)
    language = serializers.CharField(read_only=True, required=False)
    guardian_consent_at = serializers.DateField(read_only=True, required=False, allow_null=True)
    status = serializers.CharField(read_only=True, required=False)
    suspended_until = serializers.DateTimeField(read_only=True, required=False, allow_null=True)
    is_safeguarding_lead = serializers.BooleanField(read_only=True, required=False)
    is_coordinator = serializers.BooleanField(read_only=True, required=False)
    joined_at = serializers.DateField(read_only=True, required=False)

    def to_representation(self, instance):
        from associations.presenters import member_data

        return member_data(self.context["request"].user, instance)


class NotificationSerializer(serializers.ModelSerializer):
    read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "text", "url", "created_at", "read"]

    @extend_schema_field(serializers.BooleanField())
    def get_read(self, obj) -> bool:
        return obj.read_at is not None


class MarkedReadSerializer(serializers.Serializer):
    marked = serializers.IntegerField()
