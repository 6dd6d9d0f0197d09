"""French first, English complete: every catalogue filled and compiled, and the switch works."""

from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(ROOT.glob("*/locale/*/LC_MESSAGES/django.po")) + sorted(ROOT.glob("locale/*/LC_MESSAGES/django.po"))


def test_both_languages_have_catalogues():
    languages = {path.parts[-3] for path in CATALOGUES}
    assert {"fr", "en"} <= languages


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_complete_and_compiled(po_path):
    with po_path.open("rb") as handle:
        catalogue = read_po(handle)
    missing = [
        m.id for m in catalogue if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))
    ]
    fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]
    assert missing == [], f"untranslated in {po_path}"
    assert fuzzy == [], f"fuzzy in {po_path}"
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} missing: run make messages"
    with mo_path.open("rb") as handle:
        compiled = {_key(m.id): _key(m.string) for m in read_mo(handle) if m.id}
    expected = {_key(m.id): _key(m.string) for m in catalogue if m.id}
    assert compiled == expected, f"{mo_path} is out of date: run make messages"


def _key(value):
    # Babel reads plural entries as lists from .mo files and tuples from .po files.
    return tuple(value) if isinstance(value, list | tuple) else value


@pytest.mark.django_db
def test_language_switch_to_english_and_back(client, site_tree):
    assert "Accueil" in client.get("/").content.decode()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert ">Home<" in html
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    assert "Accueil" in client.get("/").content.decode()


@pytest.mark.django_db
def test_language_switch_refuses_foreign_redirects(client, site_tree):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
