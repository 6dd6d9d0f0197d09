from django.http import HttpResponse
from django.views import defaults


def bare(request):
    """The baseline every benchmark is a ratio of: Django's full middleware stack and nothing else."""
    return HttpResponse("ok", content_type="text/plain")


def page_not_found(request, exception=None):
    return defaults.page_not_found(request, exception)


def server_error(request):
    return defaults.server_error(request)
