from rest_framework.generics import RetrieveUpdateAPIView
from rest_framework.permissions import IsAuthenticated

from associations.api.serializers import MeSerializer


class MeView(RetrieveUpdateAPIView):
    """The logged-in member; PATCH changes the display name and language only."""

    serializer_class = MeSerializer
    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self):
        return self.request.user
