"""French first, English complete: every catalogue filled and compiled, and the switch works."""

import re
from collections import defaultdict
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from tools import i18n

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


def _forms(value):
    """The forms of a msgid or msgstr: one for a plain entry, singular then plural(s) for a plural one."""
    return tuple(value) if isinstance(value, list | tuple) else (value,)


PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")


def _placeholders(text):
    return {a or b for a, b in PLACEHOLDER.findall(text)}


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_form_keeps_the_placeholders_of_its_msgid(po_path):
    # A translation that loses "%(n)s" shows "Waiting list" where "Waiting list: 3" was meant. Plural entries
    # are read form by form: the singular msgstr may drop the count ("une place"), not a named value.
    with po_path.open("rb") as handle:
        catalogue = read_po(handle)
    wrong = []
    for message in catalogue:
        if not message.id:
            continue
        ids, strings = _forms(message.id), _forms(message.string)
        if len(ids) > 1:
            assert len(strings) == catalogue.num_plurals, f"{message.id!r}: {len(strings)} forms"
        wanted = set().union(*(_placeholders(i) for i in ids))
        for form in strings:
            if not _placeholders(form) <= wanted or not (wanted - {"n", "count"}) <= _placeholders(form):
                wrong.append((message.id, form))
    assert wrong == []


def _english_and_french():
    """(msgctxt, msgid) -> (French forms, English forms) over every catalogue pair."""
    return {
        (context, msgid): (_forms(french), _forms(english)) for _, context, msgid, french, english in i18n.entries()
    }


def test_english_is_the_msgid_in_every_form():
    # The msgids are the English text: any other English msgstr is a guess msgmerge made from a neighbour.
    wrong = {
        key: english
        for key, (_, english) in _english_and_french().items()
        if english != (_forms(key[1]) + _forms(key[1])[-1:] * (len(english) - len(_forms(key[1]))))[: len(english)]
    }
    assert wrong == {}


def test_no_english_string_stands_for_two_different_french_ones():
    # "Inscrire des membres" and "Effacer un membre" both read "Erase member" in English: one English text for
    # two different msgids whose French differs means one of them was paired with the wrong source.
    seen = defaultdict(set)
    for (_, msgid), (french, english) in _english_and_french().items():
        for french_form, english_form in zip(french, english, strict=False):
            seen[english_form].add((_forms(msgid)[0], french_form))
    clashes = {
        english: sources
        for english, sources in seen.items()
        if len({msgid for msgid, _ in sources}) > 1 and len({french for _, french in sources}) > 1
    }
    assert clashes == {}


def test_review_table_is_up_to_date():
    assert i18n.REVIEW.read_text(encoding="utf-8") == i18n.review_text(), "run: python -m tools.i18n review"


def test_review_table_shows_each_entry_in_both_languages():
    table = i18n.REVIEW.read_text(encoding="utf-8")
    assert "| Enrol members | Inscrire des membres | Enrol members |" in table
    rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| msgid")]
    assert len(rows) == len(i18n.entries())


def test_fill_en_replaces_a_fuzzy_guess_with_the_msgid(tmp_path, monkeypatch):
    catalogue = tmp_path / "app" / "locale" / "en" / "LC_MESSAGES" / "django.po"
    catalogue.parent.mkdir(parents=True)
    catalogue.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        '#, fuzzy\n#| msgid "Erase member"\nmsgid "Enrol members"\nmsgstr "Erase member"\n\n'
        'msgid "%(n)s vote"\nmsgid_plural "%(n)s votes"\nmsgstr[0] "%(n)s vote"\nmsgstr[1] ""\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(i18n, "ROOT", tmp_path)
    i18n.fill_en()
    with catalogue.open("rb") as handle:
        filled = {m.id: m.string for m in read_po(handle) if m.id}
    assert filled == {"Enrol members": "Enrol members", ("%(n)s vote", "%(n)s votes"): ("%(n)s vote", "%(n)s votes")}
    assert "Erase member" not in catalogue.read_text(encoding="utf-8")


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


def _french_strings():
    """(catalogue name, msgid, French form) for every filled French form."""
    for name, _context, msgid, french, _english in i18n.entries():
        for form in _forms(french):
            if form:
                yield name, _forms(msgid)[0], form


# Before ":" ";" "?" "!" (that end a word) French puts a space that must not break: U+00A0 everywhere, and
# inside « guillemets » too. Times (10:30) and addresses (https://) are not punctuation.
MISSING_NBSP = re.compile(r"(?:[^\s\u00a0«(\[/]|[ \u202f])[:;?!](?=\s|$)|«(?!\u00a0)|(?<!\u00a0)»")


def test_french_typography_uses_a_non_breaking_space():
    # An HTML entity ("&lt;") ends with a ";" that is not punctuation: it must stay whole.
    wrong = [
        (name, form)
        for name, _, form in _french_strings()
        if MISSING_NBSP.search(re.sub(r"&\w+;", "", form)) or re.search(r"&\w+\u00a0;", form)
    ]
    assert wrong == []


def test_no_inclusive_writing_dots():
    # "inscrit·e" is hard to read for a young reader and for screen readers: rephrase instead.
    wrong = [(name, form) for name, _, form in _french_strings() if re.search(r"\w·\w", form)]
    assert wrong == []


# Staff-only French may say "vous"; everything else a youth reads says "tu".
STAFF_ONLY = {
    "You do not manage the section “%(value)s”.",
    "An event awaits your approval: “%(title)s”.",
    "A poll waits for your publication: “%(title)s”, by %(author)s.",
    "A child-protection concern was reported. Please look at the moderation queue now.",
    "You cannot decide on this report.",
    "No member of your sections has this name.",
    # Addressed to the participants as a group ("what you all did").
    "Who took part, what you did, what you learnt. Leave a blank line between paragraphs.",
}
YOUTH_CATALOGUES = {"votes", "cms", "moderation", "events", "project"}


def test_youth_facing_french_says_tu():
    vous = re.compile(r"\b(vous|votre|vos|Vous|Votre|Vos)\b|-vous\b|ez-(le|moi)\b")
    wrong = [
        (name, form)
        for name, msgid, form in _french_strings()
        if name in YOUTH_CATALOGUES and msgid not in STAFF_ONLY and vous.search(form)
    ]
    assert wrong == []


def test_one_msgid_has_one_french_translation_in_every_catalogue():
    # Django merges the catalogues: an msgid translated two ways shows one of them everywhere. A word that
    # means two things ("reports": récits in indicators, signalements in moderation) gets a context.
    french = defaultdict(set)
    for _, context, msgid, fr, _english in i18n.entries():
        french[(context, _forms(msgid)[0])].add(_forms(fr))
    assert {key: values for key, values in french.items() if len(values) > 1} == {}


def test_short_dates_read_like_french():
    import datetime

    from django.utils import translation

    from associations.templatetags.days import day, day_time

    with translation.override("fr"):
        assert day(datetime.date(2026, 12, 7)) == "lun. 7 déc."
        assert day_time(datetime.datetime(2026, 12, 7, 14, 30)) == "lun. 7 déc., 14h30"
    with translation.override("en"):
        assert day(datetime.date(2026, 12, 7)) == "Mon 7 Dec"
