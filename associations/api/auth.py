from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from associations.api.serializers import TokenSerializer
from associations.models import User

USERNAME_MAX = User._meta.get_field("username").max_length


class TokenRequestSerializer(AuthTokenSerializer):
    # Bounded like the account's own field: a longer name cannot exist, and refusing it here keeps it out
    # of the failed-login log (a 255-character column) that would otherwise fail with a DataError.
    username = serializers.CharField(label="Username", max_length=USERNAME_MAX, write_only=True)


class ObtainTokenView(APIView):
    """Exchange a username and password for an API token."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth"

    @extend_schema(request=TokenRequestSerializer, responses={200: TokenSerializer}, auth=[])
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        token, _created = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})
