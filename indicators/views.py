"""Pages: the indicators report (/indicateurs/), its CSV exports, pathway recording (/parcours/) and a
youth's own pathway (/mon-espace/parcours/). Thin: decisions in selectors, rules and services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from config.forms import form_status
from config.html_errors import domain_errors, form_errors
from indicators import pathways
from indicators.charts import bar_chart
from indicators.export import table_csv
from indicators.forms import PathwayForm, PeriodForm
from indicators.report import build_report
from indicators.selectors import indicator_query

# A refused query (bad period or site) is told on the indicators' own error page; no access is the 403 page.
refused_query = domain_errors(template="indicators/error.html")


@login_required
@refused_query
def indicators_page(request):
    query = indicator_query(request.user, request.GET)
    report = build_report(association=query.association, scope=query.scope, period=query.period)
    sites = report.sites if query.all_sites else []
    # The filters show the period actually reported (the default one on a first visit).
    initial = {"period": query.period.kind, "date": query.period.start, "site": query.site_id or ""}
    form = PeriodForm(request.GET or None, initial=initial, sites=sites)
    sections = [(key, title, [(table, bar_chart(table)) for table in tables]) for key, title, tables in report.sections]
    context = {"report": report, "query": query, "form": form, "sections": sections, "params": request.GET.urlencode()}
    return render(request, "indicators/page.html", context)


@login_required
@refused_query
def indicators_csv(request, key: str):
    query = indicator_query(request.user, request.GET)
    report = build_report(association=query.association, scope=query.scope, period=query.period)
    table = report.tables().get(key)
    if table is None:
        raise Http404
    site = next((s.name for s in report.sites if s.pk == query.site_id), _("all my sites"))
    payload = table_csv(table, association=query.association.name, period=query.period.label(), site=site)
    response = HttpResponse(payload, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="indicateurs-{key}-{query.period.start:%Y%m%d}.csv"'
    return response


@login_required
@domain_errors
def pathway_page(request):
    if not request.user.has_perm("indicators.record_pathways"):
        return render(
            request, "indicators/error.html", {"error": _("Pathways are recorded by the staff of a site.")}, status=403
        )
    youths = list(pathways.youths_manageable_by(request.user))
    polls = pathways.linkable_polls(request.user)
    form = PathwayForm(request.POST or None, youths=youths, polls=polls)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            pathways.pathway_record_from_form(actor=request.user, data=form.cleaned_data, polls=polls)
            messages.success(request, _("The pathway step is recorded."))
            return redirect("indicators:pathways")
    return render(request, "indicators/pathways.html", {"form": form, "youths": youths}, status=form_status(form))


@login_required
def my_pathway(request):
    context = {"steps": list(pathways.own_pathway(request.user)), "history": pathways.own_pathway_history(request.user)}
    return render(request, "indicators/my_pathway.html", context)
