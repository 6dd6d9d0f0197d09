"""HTML pages of the cms app (Wagtail serves the pages themselves)."""

from django.urls import path

from cms.views import comments, photos, shortcuts, submissions

app_name = "cms"

urlpatterns: list = [
    path("activites/", shortcuts.activities, name="activities"),
    path("activites/raconter/", submissions.submit, name="submit"),
    path("activites/mes-recits/", submissions.mine, name="mine"),
    path("activites/mes-recits/<int:pk>/", submissions.preview, name="preview"),
    path("activites/mes-recits/<int:pk>/modifier/", submissions.edit, name="edit"),
    path("activites/<int:pk>/commenter/", comments.comment, name="comment"),
    path("activites/photo/<int:page_id>/<int:image_id>/<int:width>.<str:fmt>", photos.photo, name="photo"),
]
