"""Usernames unique without regard to case. Accounts that already differ only by case cannot be merged by a
machine (each has its own password, votes and history): the migration stops and names them instead of
failing on the index with a database error."""

import django.db.models.functions.text
from django.core.management.base import CommandError
from django.db import migrations, models
from django.db.models import Count
from django.db.models.functions import Lower

import associations.models


def clashing_usernames(user_model) -> list[list[str]]:
    keys = (
        user_model.objects.annotate(key=Lower("username"))
        .values("key")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("key", flat=True)
    )
    groups = {}
    for name in (
        user_model.objects.annotate(key=Lower("username"))
        .filter(key__in=list(keys))
        .order_by("username")
        .values_list("username", flat=True)
    ):
        groups.setdefault(name.lower(), []).append(name)
    return sorted(groups.values())


def refuse_clashes(apps, schema_editor):
    clashes = clashing_usernames(apps.get_model("associations", "User"))
    if clashes:
        listed = "; ".join(", ".join(group) for group in clashes)
        # CommandError: `migrate` prints the message alone, without a traceback.
        raise CommandError(
            f"{len(clashes)} username(s) differ only by capital letters: {listed}. Usernames are now "
            "case-insensitive: rename all but one account of each group (/django-admin/ or manage.py shell), "
            "then run migrate again."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("associations", "0004_notice_preferences"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.AlterModelManagers(
            name="user",
            managers=[
                ("objects", associations.models.UserManager()),
            ],
        ),
        migrations.RunPython(refuse_clashes, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("username"),
                name="user_username_ci_unique",
                violation_error_message="This username is already taken (capital letters do not count).",
            ),
        ),
    ]
