"""Onboarding pages: staff import or create members and print their codes; members log in with a code.

Thin views: every rule (who may, what is valid) is in associations.services.onboarding.
"""

import secrets
import time

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from associations.forms.onboarding import CodeLoginForm, ImportForm, MemberForm
from associations.models import Association, Gender, Membership, Role, User
from associations.predicates import staff_sections
from associations.selectors import user_memberships
from associations.services import onboarding as service
from config.forms import form_status
from config.html_errors import domain_errors, form_errors
from config.parsing import parse_id

PREVIEW_KEY = "ton_import_preview"
SHEETS_KEY = "ton_sheets"
FIRST_LOGIN_KEY = "ton_first_login"
# Codes exist in clear only in the staff member's session, for the time it takes to print them.
SHEET_LIFETIME = 12 * 3600
FIRST_LOGIN_LIFETIME = 30 * 60


class _Denied(Exception):
    pass


def _staff_scope(request):
    """(association or None, admin's association queryset or None); visitors go to login, others get 403."""
    user = request.user
    if not user.is_authenticated:
        raise _Denied
    if not user.has_perm("associations.enrol_members"):
        raise PermissionDenied
    if user.is_superuser:
        return None, Association.objects.all()
    managed = staff_sections(user)
    return Association.objects.get(pk=min(managed)), None


def staff_only(view):
    def wrapped(request, *args, **kwargs):
        try:
            association, choices = _staff_scope(request)
        except _Denied:
            return redirect_to_login(request.get_full_path())
        return view(request, association, choices, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return never_cache(wrapped)


def _keep_sheet(request, issued: list[service.IssuedCode]) -> str:
    now = time.time()
    sheets = {
        key: sheet for key, sheet in request.session.get(SHEETS_KEY, {}).items() if now - sheet["at"] < SHEET_LIFETIME
    }
    batch = secrets.token_urlsafe(9)
    sheets[batch] = {"at": now, "cards": [item.as_card() for item in issued]}
    request.session[SHEETS_KEY] = dict(sorted(sheets.items(), key=lambda kv: kv[1]["at"])[-10:])
    return batch


def _labelled(row: dict) -> dict:
    return {**row, "gender": Gender(row["gender"]).label, "role": Role(row["role"]).label}


@staff_only
def member_import(request, association, choices):
    """Upload a CSV, see every valid and refused row; nothing is saved until staff confirm."""
    form = ImportForm(request.POST or None, request.FILES or None, associations=choices)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        target = association or form.cleaned_data["association"]
        with form_errors(form, field="file"):
            preview = service.members_preview(actor=request.user, association=target, upload=form.cleaned_data["file"])
            token = secrets.token_urlsafe(12)
            request.session[PREVIEW_KEY] = {"token": token, "association": target.pk, "rows": preview.rows}
            context.update(preview=preview, token=token, valid_rows=[_labelled(row) for row in preview.rows])
    return render(request, "associations/onboarding/import.html", context)


@require_POST
@staff_only
@domain_errors(back="onboarding-import")
def member_import_confirm(request, association, choices):
    """Save the rows kept in the session at preview time: the browser only sends back which preview."""
    stored = request.session.get(PREVIEW_KEY)
    if not stored or not secrets.compare_digest(stored["token"], request.POST.get("token", "")):
        messages.error(request, _("This preview is no longer available: upload the file again."))
        return redirect("onboarding-import")
    target = association or get_object_or_404(Association, pk=stored["association"])
    if target.pk != stored["association"]:
        raise PermissionDenied
    issued = service.members_create(actor=request.user, association=target, rows=stored["rows"])
    del request.session[PREVIEW_KEY]
    # No plural forms: the shared catalogue test reads compiled plurals as unhashable lists.
    messages.success(request, _("Members saved: %(count)s. Print the cards now.") % {"count": len(issued)})
    return redirect("onboarding-sheet", batch=_keep_sheet(request, issued))


@staff_only
def member_new(request, association, choices):
    """Create one member with the same checks as an import."""
    target = association
    if target is None:
        chosen = request.POST.get("association") or request.GET.get("association")
        chosen_id = parse_id(chosen)
        target = Association.objects.filter(pk=chosen_id).first() if chosen_id else None
        target = target or choices.first()
    if target is None:
        raise Http404
    sections = service.manageable_sections(actor=request.user, association=target)
    form = MemberForm(request.POST or None, sections=sections, associations=choices, initial={"association": target})
    if request.method == "POST" and form.is_valid():
        with form_errors(form):  # a refused row puts each message on its own field
            issued = service.member_create(actor=request.user, association=target, values=form.cleaned_data)
            messages.success(request, _("Member saved. Print the card now."))
            return redirect("onboarding-sheet", batch=_keep_sheet(request, [issued]))
    context = {"form": form, "association": target}
    return render(request, "associations/onboarding/member_form.html", context, status=form_status(form))


@staff_only
def sheet(request, association, choices, batch: str):
    """The printable cards of a batch, built from the codes held in this session only."""
    found = request.session.get(SHEETS_KEY, {}).get(batch)
    if not found or time.time() - found["at"] >= SHEET_LIFETIME:
        return render(request, "associations/onboarding/sheet_missing.html", status=404)
    context = {"cards": found["cards"], "site_url": settings.SITE_URL, "code_path": reverse("onboarding-code-login")}
    return render(request, "associations/onboarding/sheet.html", context)


@require_POST
@never_cache
@domain_errors(back="/")
def new_code(request, membership_id: int):
    """A new code for a member who forgot the password; answers with a one-card sheet."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    memberships = Membership.objects.select_related("association", "section", "user")
    membership = get_object_or_404(memberships, pk=membership_id)
    if not request.user.is_superuser and membership.association_id not in user_memberships(request.user):
        raise Http404  # other associations' members do not exist for this viewer
    issued = service.code_issue(actor=request.user, membership=membership)
    messages.success(request, _("New code issued: the previous code and password no longer work."))
    return redirect("onboarding-sheet", batch=_keep_sheet(request, [issued]))


@never_cache
def code_login(request):
    """First login (or after a new code): username + code. Nobody is logged in before a password is set."""
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = CodeLoginForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        with form_errors(form) as refused:
            code = service.code_check(
                username=form.cleaned_data["username"],
                code=form.cleaned_data["code"],
                ip=get_client_ip_address(request) or "",  # the address axes uses (proxy-aware when set up)
            )
            request.session.cycle_key()
            request.session[FIRST_LOGIN_KEY] = {"user": code.user_id, "code": code.pk, "at": time.time()}
            return redirect("onboarding-set-password")
        status = 429 if refused.error.code == "locked" else 200
    return render(request, "associations/onboarding/code_login.html", {"form": form}, status=status)


@never_cache
@domain_errors(back="onboarding-code-login")
def set_password(request):
    """Choose a password; the code is checked again, spent, and only then is the member logged in."""
    pending = request.session.get(FIRST_LOGIN_KEY)
    if not pending or time.time() - pending["at"] > FIRST_LOGIN_LIFETIME:
        request.session.pop(FIRST_LOGIN_KEY, None)
        messages.error(request, _("Type your username and code first."))
        return redirect("onboarding-code-login")
    user = get_object_or_404(User, pk=pending["user"])
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        request.session.pop(FIRST_LOGIN_KEY, None)  # one try per checked code, whatever its outcome
        user = service.code_redeem(
            code_id=pending["code"], user_id=user.pk, password=form.cleaned_data["new_password1"]
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome! Next time, log in with your username and your new password."))
        return redirect(settings.LOGIN_REDIRECT_URL)
    context = {"form": form, "member": user}
    return render(request, "associations/onboarding/set_password.html", context, status=form_status(form))
