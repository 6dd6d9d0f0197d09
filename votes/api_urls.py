"""/api/v1/ endpoints of this app (filled in by its own issue)."""

urlpatterns: list = []
