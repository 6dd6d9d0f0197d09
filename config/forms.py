"""The status of a page that shows a form: 400 when a submitted form was refused, so a refused upload or
invalid entry is never reported as a success (to scripts, proxies, tests or assistive tech)."""


def form_status(*forms) -> int:
    return 400 if any(form is not None and form.is_bound and form.errors for form in forms) else 200
