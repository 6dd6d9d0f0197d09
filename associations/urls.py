"""HTML pages of the members side."""

from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy

from associations.views import inbox, me, members

urlpatterns: list = [
    path("", include("associations.onboarding_urls")),
    path("membres/", members.member_list, name="members"),
    path("membres/<int:pk>/", members.member_detail, name="member-detail"),
    path("membres/<int:pk>/suspendre/", members.member_suspend, name="member-suspend"),
    path("membres/<int:pk>/reactiver/", members.member_reactivate, name="member-reactivate"),
    path("membres/<int:pk>/avertir/", members.member_warn, name="member-warn"),
    path("membres/<int:pk>/role/", members.member_role, name="member-role"),
    path("membres/<int:pk>/effacer/", members.member_erase, name="member-erase"),
    path("membres/<int:pk>/consentement/", members.member_consent, name="member-consent"),
    path("mon-espace/", me.my_space, name="my-space"),
    path("mon-espace/donnees.json", me.my_data, name="my-data"),
    path("mon-espace/prevenir/", me.my_channels, name="my-channels"),
    path(
        "mon-espace/mot-de-passe/",
        auth_views.PasswordChangeView.as_view(
            template_name="associations/me/password.html", success_url=reverse_lazy("my-space")
        ),
        name="password-change",
    ),
    path("notifications/", inbox.notification_list, name="notifications"),
    path("notifications/<int:pk>/lu/", inbox.notification_read, name="notification-read"),
    path("notifications/tout-lu/", inbox.notification_read_all, name="notifications-read-all"),
]
