"""The walls of the house (.importlinter) hold, and `lint-imports` fails when one is broken.

The broken copies are made in a temporary folder: the packages as they are, plus one wrong import each.
"""

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
PACKAGES = ("muscle_triage", "actions", "addons", "harness", "evaluation", "ops", "bench")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
CONTRACTS = configparser.ConfigParser()
CONTRACTS.read(PROJECT / ".importlinter")


def contract_name(key: str) -> str:
    return CONTRACTS[f"importlinter:contract:{key}"]["name"]


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=root, capture_output=True, text=True, timeout=120, check=False
    )


def test_the_project_keeps_every_contract():
    result = lint_imports(PROJECT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(CONTRACTS.sections()) - 1} kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "wrong_import", "contract"),
    [
        ("muscle_triage/triage/rules.py", "import rasa_sdk", "core-is-plain-python"),
        ("muscle_triage/knowledge/vocabulary.py", "import harness.bot_servers", "core-is-plain-python"),
        ("muscle_triage/knowledge/article_facts.py", "import muscle_triage.triage.schema", "core-layers"),
        ("muscle_triage/triage/rules.py", "import muscle_triage.understanding.wording", "core-layers"),
        ("addons/input_guard.py", "import ops.shell", "plug-ins-import-only-the-core"),
        ("actions/actions.py", "import addons.channels", "actions-are-thin"),
        ("harness/bot_servers.py", "import tests.conftest", "tests-are-imported-by-nothing"),
    ],
)
def test_a_wrong_import_breaks_its_contract(tmp_path, module, wrong_import, contract):
    for package in PACKAGES:
        shutil.copytree(PROJECT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__", "results"))
    shutil.copy(PROJECT / ".importlinter", tmp_path)
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "__init__.py").write_text("")
    (tmp_path / "tests" / "conftest.py").write_text("")
    target = tmp_path / module
    target.write_text(f"{wrong_import}\n" + target.read_text(encoding="utf-8"), encoding="utf-8")

    result = lint_imports(tmp_path)

    assert result.returncode != 0
    report = " ".join(result.stdout.split())  # lint-imports wraps long contract names
    # Contracts are transitive, so an import into the core may break the contracts of its importers too.
    assert f"{contract_name(contract)} BROKEN" in report, result.stdout
