"""The indicators as a Wagtail admin report (Reports → Programme indicators), for coordinators at a
computer: the same report and suppression as /indicateurs/, with Wagtail's spreadsheet export."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.views.reports import ReportView

from config.html_errors import DomainErrorsMixin
from indicators.report import build_report
from indicators.selectors import indicator_query
from votes.export import safe_cell


@dataclass
class Row:
    section: str
    table: str
    label: str
    values: str


def _cell(value, percent: bool) -> str:
    if value is None:
        return "—" if percent else "< 5"
    return f"{value} %" if percent else str(value)


class IndicatorsReportView(DomainErrorsMixin, ReportView):
    page_title = _("Programme indicators")
    header_icon = "table"
    index_url_name = "indicators_report"
    index_results_url_name = "indicators_report_results"
    results_template_name = "indicators/admin/report_results.html"
    paginate_by = None
    list_export = ["section", "table", "label", "values"]
    domain_error_template = "indicators/error.html"
    export_headings = {
        "section": pgettext_lazy("report part", "Section"),
        "table": _("Table"),
        "label": _("Row"),
        "values": _("Values"),
    }

    def get(self, request, *args, **kwargs):
        # Read inside dispatch, so DomainErrorsMixin turns a refusal into the 403 page or the error page.
        self.query = indicator_query(request.user, request.GET)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        self.report = build_report(association=self.query.association, scope=self.query.scope, period=self.query.period)
        rows = []
        for _key, title, tables in self.report.sections:
            for table in tables:
                for label, values in table.rows:
                    cells = [_cell(v, i in table.percent_columns) for i, v in enumerate(values)]
                    # Poll titles are member-written: escape what a spreadsheet would run as a formula.
                    rows.append(Row(str(title), safe_cell(table.title), safe_cell(label), " · ".join(cells)))
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["report"] = self.report
        context["query"] = self.query
        return context
