"""The house stays readable: no module reaches into sys.path (the project is installed, pyproject.toml), and no
module outside tests/ grows past 450 lines (split it by job instead)."""

import re
from pathlib import Path

from tests.repo_files import listed_files

PROJECT = Path(__file__).resolve().parents[1]
MAX_LINES = 450
SYS_PATH_EDIT = re.compile(r"sys\.path\.(?:insert|append|extend)|sys\.path\s*(?:\+=|=)")


def tracked_python_files() -> list[Path]:
    return [path for path in listed_files() if path.suffix == ".py"]


def test_no_module_edits_sys_path():
    editing = [
        str(path.relative_to(PROJECT)) for path in tracked_python_files() if SYS_PATH_EDIT.search(path.read_text())
    ]
    assert not editing


def test_no_module_outside_tests_is_over_450_lines():
    long = {
        str(path.relative_to(PROJECT)): lines
        for path in tracked_python_files()
        if path.relative_to(PROJECT).parts[0] != "tests" and (lines := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert not long
