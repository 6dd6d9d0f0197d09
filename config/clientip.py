"""The client address, decided by one setting for every throttle (DRF, django-axes, first-login codes)."""

from django.conf import settings


def client_ip(request) -> str:
    """REMOTE_ADDR, or with TRUSTED_PROXIES = n the n-th address from the right of X-Forwarded-For.

    Each trusted proxy appends the address it received the request from, so the entries on the right are
    the only ones no client can forge; this is the rule of DRF's NUM_PROXIES, which gets the same value.
    """
    meta = getattr(request, "META", request)
    remote = meta.get("REMOTE_ADDR", "") or ""
    count = settings.TRUSTED_PROXIES
    forwarded = meta.get("HTTP_X_FORWARDED_FOR", "")
    addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
    if not count or not addresses:
        return remote
    return addresses[-min(count, len(addresses))]
