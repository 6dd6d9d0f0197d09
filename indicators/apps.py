from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Programme indicators")

    def ready(self):
        from associations.personal_data import Provider, register
        from indicators import pathways

        register(
            Provider(
                key="insertion_pathways",
                export=pathways.export_for_member,
                erase=pathways.erase_for_member,
                page=(_("My insertion pathway"), "indicators:my-pathway"),
            )
        )
