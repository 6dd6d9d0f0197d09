"""Content-Security-Policy for HTML responses (Django 5.2 has no built-in CSP)."""

from django.conf import settings

# Youth-facing pages load nothing but our own files: no inline script, no third party, no framing.
SITE_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# Wagtail's admin uses inline styles and scripts and frames its own previews.
ADMIN_POLICY = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; connect-src 'self'; font-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefixes = ("/admin/", "/django-admin/")

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" in response or not _is_html(response):
            return response
        is_admin = request.path.startswith(self.admin_prefixes) or (
            settings.DEBUG and request.path.startswith("/__debug__/")
        )
        response["Content-Security-Policy"] = ADMIN_POLICY if is_admin else SITE_POLICY
        return response


def _is_html(response) -> bool:
    return response.get("Content-Type", "").startswith("text/html")
