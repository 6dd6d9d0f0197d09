"""Catalogue chores without GNU gettext.

python -m tools.i18n fill-en            # English catalogues: msgstr = msgid where empty
python -m tools.i18n missing            # list French strings still untranslated
python -m tools.i18n apply FILE.json    # {"msgid": "traduction", ...} into every French catalogue
python -m tools.i18n compile            # .po -> .mo for every catalogue (Babel, pure Python)
"""

import json
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent


def catalogues(language: str | None = None):
    for path in sorted(ROOT.glob("**/locale/*/LC_MESSAGES/django.po")):
        if ".venv" in path.parts:
            continue
        if language is None or path.parts[-3] == language:
            yield path


def load(path: Path):
    with path.open("rb") as handle:
        return read_po(handle, locale=path.parts[-3])


def save(path: Path, catalogue) -> None:
    catalogue.fuzzy = False
    with path.open("wb") as handle:
        write_po(handle, catalogue, width=100, include_previous=False, no_location=True)


def fill_en() -> None:
    for path in catalogues("en"):
        catalogue = load(path)
        for message in catalogue:
            if not message.id:
                continue
            if isinstance(message.id, tuple):
                if not all(message.string):
                    message.string = tuple(message.id[:1] + message.id[1:] * (len(message.string) - 1))
            elif not message.string:
                message.string = message.id
            message.flags.discard("fuzzy")
        save(path, catalogue)


def missing() -> int:
    count = 0
    for path in catalogues("fr"):
        for message in load(path):
            if message.id and (
                not message.string or message.fuzzy or (isinstance(message.string, tuple) and not all(message.string))
            ):
                print(f"{path.relative_to(ROOT)}: {message.id!r}")
                count += 1
    return count


def apply(source: Path) -> None:
    translations = json.loads(source.read_text())
    for path in catalogues("fr"):
        catalogue = load(path)
        for message in catalogue:
            key = message.id if isinstance(message.id, str) else message.id[0]
            if key in translations:
                value = translations[key]
                message.string = tuple(value) if isinstance(message.id, tuple) else value
                message.flags.discard("fuzzy")
        save(path, catalogue)


def compile_all() -> None:
    for path in catalogues():
        catalogue = load(path)
        with path.with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalogue)


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "fill-en":
        fill_en()
    elif command == "missing":
        sys.exit(1 if missing() else 0)
    elif command == "apply":
        apply(Path(sys.argv[2]))
    elif command == "compile":
        compile_all()
    else:
        print(__doc__)
        sys.exit(2)
