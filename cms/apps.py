from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Pages and activities")

    def ready(self):
        from cms import personal_data
        from cms.signals import connect

        connect()
        personal_data.register()
