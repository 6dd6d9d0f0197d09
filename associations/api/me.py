from rest_framework.generics import RetrieveAPIView
from rest_framework.permissions import IsAuthenticated

from associations.api.serializers import MeSerializer


class MeView(RetrieveAPIView):
    """The logged-in member."""

    serializer_class = MeSerializer
    permission_classes = [IsAuthenticated]

    def get_object(self):
        return self.request.user
