"""Wagtail admin: pathway audit action names, and the indicators report under Reports (staff only)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from indicators.admin_views import IndicatorsReportView
from indicators.audit import PATHWAY_ACTIONS


@hooks.register("register_log_actions")
def register_pathway_actions(actions):
    for name, (label, message) in PATHWAY_ACTIONS.items():
        actions.register_action(name, label, message)


@hooks.register("register_admin_urls")
def register_indicators_report_urls():
    return [
        path("reports/indicators/", IndicatorsReportView.as_view(), name="indicators_report"),
        path(
            "reports/indicators/results/",
            IndicatorsReportView.as_view(results_only=True),
            name="indicators_report_results",
        ),
    ]


class StaffReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("indicators.open_indicators")


@hooks.register("register_reports_menu_item")
def register_indicators_report_menu_item():
    return StaffReportMenuItem(
        _("Programme indicators"), reverse("indicators_report"), name="indicators", icon_name="table", order=900
    )
