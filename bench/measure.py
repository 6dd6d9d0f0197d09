"""In-process measures of each target: SQL queries per request and HTML+CSS bytes (gzip).

Run by bench.run in a subprocess with the bench environment; prints JSON on stdout.
"""

import json
import os
import sys

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.apps import TARGETS
    from bench.budgets import page_weight
    from bench.targets import BASELINE

    results, cookies = {}, {}
    for target in [BASELINE, *TARGETS]:
        client = Client(HTTP_HOST="127.0.0.1", secure=True)
        if target.viewer:
            client.force_login(get_user_model().objects.get(username=target.viewer))
            cookies[target.viewer] = client.cookies[settings.SESSION_COOKIE_NAME].value
        client.get(target.path)  # warm caches, as the load test does
        with CaptureQueriesContext(connection) as queries:
            response = client.generic(target.method, target.path)
        entry = {"status": response.status_code, "queries": len(queries)}
        if target.html and response.status_code == 200:
            entry["bytes"] = page_weight(response.content)["total"]
        results[target.name] = entry
    json.dump({"measures": results, "cookies": cookies}, sys.stdout)


if __name__ == "__main__":
    main()
