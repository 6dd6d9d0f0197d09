"""One DRF permission class for the whole API: it asks `rules`, so the API refuses exactly what the pages
refuse (in the style of adhocracy4's `RulesPermission`).

A view names the permissions of its app's `rules.py`:

    class PollExport(APIView):
        permission_classes = [RulesPermission]
        object_permission = {"GET": "votes.export_results"}
        permission_denied_message = _("Only staff export results.")

- `permission_required`: a name (or a mapping HTTP method → name) asked without an object before the
  handler runs (`moderation.view_queue`): refused with 403.
- `object_permission`: a name (or a mapping HTTP method → name) asked about the object the handler has
  fetched, when it calls `self.check_object_permissions(request, obj)`: refused with 403 and the view's
  `permission_denied_message`.
- `visibility_permission`: asked about the object first: refused with 404, so an object the caller may
  not see is not revealed (the pages answer the same).

Callers must be logged in (401 otherwise), as with `IsAuthenticated`.
"""

from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated


def _name_for(declared, method: str) -> str | None:
    if isinstance(declared, dict):
        return declared.get(method)
    return declared or None


class RulesPermission(IsAuthenticated):
    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        name = _name_for(getattr(view, "permission_required", None), request.method)
        return self._ask(request, view, name, None)

    def has_object_permission(self, request, view, obj) -> bool:
        hidden = getattr(view, "visibility_permission", None)
        if hidden and not request.user.has_perm(hidden, obj):
            raise NotFound
        name = _name_for(getattr(view, "object_permission", None), request.method)
        return self._ask(request, view, name, obj)

    def _ask(self, request, view, name: str | None, obj) -> bool:
        if name is None or request.user.has_perm(name, obj):
            return True
        # DRF reads `message` off the permission that refused, to build the 403's body.
        message = getattr(view, "permission_denied_message", None)
        if message:
            self.message = str(message)
        return False
