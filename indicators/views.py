"""Pages: the indicators report (/indicateurs/), its CSV exports, pathway recording (/parcours/) and a
youth's own pathway (/mon-espace/parcours/). Thin: decisions in selectors, rules and services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from config.errors import DomainError, Forbidden
from indicators import pathways
from indicators.charts import bar_chart
from indicators.export import table_csv
from indicators.forms import PathwayForm, PeriodForm
from indicators.report import build_report
from indicators.selectors import indicator_query


def _query_or_error(request):
    try:
        return indicator_query(request.user, request.GET), None
    except DomainError as error:
        return None, error


def _error_page(request, error: DomainError):
    return render(request, "indicators/error.html", {"error": error.message}, status=error.status)


@login_required
def indicators_page(request):
    query, error = _query_or_error(request)
    if error:
        return _error_page(request, error)
    report = build_report(association=query.association, scope=query.scope, period=query.period)
    sites = report.sites if query.all_sites else []
    # The filters show the period actually reported (the default one on a first visit).
    initial = {"period": query.period.kind, "date": query.period.start, "site": query.site_id or ""}
    form = PeriodForm(request.GET or None, initial=initial, sites=sites)
    sections = [(key, title, [(table, bar_chart(table)) for table in tables]) for key, title, tables in report.sections]
    context = {"report": report, "query": query, "form": form, "sections": sections, "params": request.GET.urlencode()}
    return render(request, "indicators/page.html", context)


@login_required
def indicators_csv(request, key: str):
    query, error = _query_or_error(request)
    if error:
        return HttpResponse(error.message, status=error.status, content_type="text/plain; charset=utf-8")
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
def pathway_page(request):
    if not request.user.has_perm("indicators.record_pathways"):
        return render(
            request, "indicators/error.html", {"error": _("Pathways are recorded by the staff of a site.")}, status=403
        )
    youths = list(pathways.youths_manageable_by(request.user))
    polls = pathways.linkable_polls(request.user)
    form = PathwayForm(request.POST or None, youths=youths, polls=polls)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                pathways.pathway_record_from_form(actor=request.user, data=form.cleaned_data, polls=polls)
            except DomainError as error:
                form.add_error(None, error.message)
                status = 403 if isinstance(error, Forbidden) else error.status
            else:
                messages.success(request, _("The pathway step is recorded."))
                return redirect("indicators:pathways")
    return render(request, "indicators/pathways.html", {"form": form, "youths": youths}, status=status)


@login_required
def my_pathway(request):
    context = {"steps": list(pathways.own_pathway(request.user)), "history": pathways.own_pathway_history(request.user)}
    return render(request, "indicators/my_pathway.html", context)
