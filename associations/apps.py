from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssociationsConfig(AppConfig):
    name = "associations"
    verbose_name = _("Members and associations")

    def ready(self):
        from associations import signals  # noqa: F401  (connects the lockout audit)
