"""The project layout must never shadow the standard library (see issue 2)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_platform_is_the_standard_library_module_from_the_project_root():
    result = subprocess.run(
        [sys.executable, "-c", "import uuid, platform; uuid.uuid4(); print(platform.system())"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() in {"Linux", "Darwin", "Windows"}


def test_platform_folder_is_not_a_python_package():
    assert (ROOT / "platform" / "README.md").exists()
    assert not (ROOT / "platform" / "__init__.py").exists()
    assert not (ROOT / "platform.py").exists()


def test_every_variable_of_the_settings_is_in_the_env_template():
    source = (ROOT / "config" / "settings.py").read_text() + (ROOT / "config" / "env.py").read_text()
    import re

    used = set(re.findall(r'env_(?:str|bool|int|list)\("([A-Z_]+)"', source))
    template = (ROOT / "platform" / "env.example").read_text()
    documented = set(re.findall(r"^#?\s*([A-Z_]+)=", template, flags=re.M))
    assert used, "no variable found: the pattern is out of date"
    assert used <= documented, f"missing from platform/env.example: {sorted(used - documented)}"
    readme = (ROOT / "README.md").read_text()
    assert [name for name in sorted(used) if name not in readme] == []
