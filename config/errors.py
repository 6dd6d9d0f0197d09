"""The one application exception type: services raise it, views and the API turn it into a 4xx.

HTML views translate it with `config.html_errors`, the API with `config.api.exceptions`.
"""

from django.utils.translation import gettext as _


class DomainError(Exception):
    status = 400
    code = "invalid"

    def __init__(self, message: str, *, code: str | None = None, status: int | None = None):
        super().__init__(message)
        self.message = str(message)
        if code is not None:
            self.code = code
        if status is not None:
            self.status = status


class Conflict(DomainError):
    status = 409
    code = "conflict"


class Forbidden(DomainError):
    status = 403
    code = "permission_denied"


class NotFound(DomainError):
    """The object does not exist for this viewer (missing or not visible: the two are not told apart)."""

    status = 404
    code = "not_found"

    def __init__(self, message: str | None = None, **kwargs):
        super().__init__(_("Not found.") if message is None else message, **kwargs)
