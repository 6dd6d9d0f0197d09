from rest_framework import serializers

from associations.models import User


class MeSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username", "display_name"]
        read_only_fields = ["id", "username"]


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)
