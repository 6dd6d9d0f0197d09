"""Demo members (called by `manage.py seed_demo`)."""

import os

from django.contrib.auth.hashers import check_password, make_password

from associations.models import User

DEFAULT_DEMO_PASSWORD = "ton-demo-2026"


def demo_password() -> str:
    return os.environ.get("DEMO_PASSWORD", DEFAULT_DEMO_PASSWORD)


def seed(log) -> None:
    password = demo_password()
    admin, created = User.objects.get_or_create(
        username="admin",
        defaults={"display_name": "Admin", "is_staff": True, "is_superuser": True},
    )
    if created or not check_password(password, admin.password):
        admin.password = make_password(password)
        admin.save(update_fields=["password"])
    log("associations: admin ready")
