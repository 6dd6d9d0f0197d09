"""HTML pages of the members side."""

urlpatterns: list = []
