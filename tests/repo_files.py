"""The project's files as git sees them, for tests that read every file: tracked ones plus new ones not yet added
(so a problem is caught before it is committed), minus ignored ones."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def listed_files() -> list[Path]:
    listing = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    return [path for path in (ROOT / name for name in listing.split("\0") if name) if path.is_file()]
