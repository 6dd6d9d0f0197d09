from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VotesConfig(AppConfig):
    name = "votes"
    verbose_name = _("Polls and votes")

    def ready(self):
        from votes import personal_data

        personal_data.register()
