"""The documentation stays short at the front and whole behind it.

- README.md has at most README_MAX_LINES lines; the rest lives in docs/, at least MIN_DOCUMENTS documents.
- Every relative link in README.md, docs/*.md and bench/README.md reaches a file, and a link's #anchor a heading of
  that file, by GitHub's anchor rules (lowercase, punctuation dropped, spaces to hyphens, -1, -2 for repeats).
- A code comment that cites a section of a document (the README or a docs/ file, then a comma and the section's
  title in double quotes, on one line) names a heading that exists in that document.
"""

import re
import sys
from pathlib import Path

import pytest

from tests.repo_files import listed_files

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = ROOT / "docs"
README_MAX_LINES = 200
MIN_DOCUMENTS = 4
LINKING_DOCUMENTS = [README, ROOT / "bench" / "README.md", *sorted(DOCS.glob("*.md"))]
CODE_SUFFIXES = {".py", ".yml", ".yaml", ".sh", ".conf", ".html", ".js", ".css", ".toml", ".ini", ".cfg"}
CODE_NAMES = {"Makefile", ".importlinter"}

FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
INLINE_CODE = re.compile(r"`[^`]*`")
LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_LINK = re.compile(r"^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
# `README, "Title"` or `docs/x.md, "Title"`; a quote may be escaped, as inside a Python string.
CITATION = re.compile(r"(?<![\w./-])((?:[\w.-]+/)*[\w.-]+\.md|README), \\?\"")
CITED_TITLE = re.compile(r"([^\"\\\n]*)\\?\"")


def prose_lines(text: str) -> list[tuple[int, str]]:
    """The lines outside fenced code blocks, with their numbers."""
    lines, fenced = [], False
    for number, line in enumerate(text.splitlines(), start=1):
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            lines.append((number, line))
    return lines


def plain(heading: str) -> str:
    """A heading's text as GitHub shows it: no code marks, links reduced to their text."""
    heading = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)
    return heading.replace("`", "").strip()


def anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lowercase, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", plain(heading).lower()).replace(" ", "-")


def headings(path: Path) -> list[str]:
    lines = prose_lines(path.read_text(encoding="utf-8"))
    return [match.group(2) for _, line in lines if (match := HEADING.match(line))]


def anchors(path: Path) -> set[str]:
    found: set[str] = set()
    seen: dict[str, int] = {}
    for heading in headings(path):
        base = anchor(heading)
        repeat = seen.get(base, 0)
        seen[base] = repeat + 1
        found.add(base if repeat == 0 else f"{base}-{repeat}")
    return found


def section_titles(path: Path) -> set[str]:
    return {title for heading in headings(path) for title in (heading, plain(heading))}


def broken_links(path: Path) -> list[str]:
    """Every relative link of a Markdown file that reaches no file, or no heading of the file it names."""
    broken = []
    for number, line in prose_lines(path.read_text(encoding="utf-8")):
        text = INLINE_CODE.sub("", line)
        targets = [match.group(1) for match in LINK.finditer(text)]
        if reference := REFERENCE_LINK.match(text):
            targets.append(reference.group(1))
        for target in targets:
            if SCHEME.match(target):
                continue
            file_part, _, fragment = target.partition("#")
            linked = (path.parent / file_part).resolve() if file_part else path
            where = f"{path.relative_to(ROOT)}:{number}: {target}"
            if not linked.exists():
                broken.append(f"{where} (no such file)")
            elif fragment and linked.suffix == ".md" and fragment not in anchors(linked):
                broken.append(f"{where} (no heading with that anchor in {linked.name})")
    return broken


def code_files() -> list[Path]:
    """Tracked files plus new ones not yet added, minus ignored ones: those that can carry code comments."""
    return [
        path
        for path in listed_files()
        if (path.suffix in CODE_SUFFIXES or path.name in CODE_NAMES) and path != Path(__file__).resolve()
    ]


def unknown_citations(path: Path) -> list[str]:
    """Every `DOCUMENT, "Title"` in a file whose document or title does not exist, or that breaks across lines."""
    unknown = []
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        for match in CITATION.finditer(line):
            document = ROOT / ("README.md" if match.group(1) == "README" else match.group(1))
            where = f"{path.relative_to(ROOT)}:{number}: {match.group(1)}"
            title = CITED_TITLE.match(line, match.end())
            if title is None:
                unknown.append(f"{where} (the section's title must close on the same line)")
            elif not document.is_file():
                unknown.append(f"{where} (no such document)")
            elif title.group(1) not in section_titles(document):
                unknown.append(f'{where}, "{title.group(1)}" (no such heading)')
    return unknown


def test_the_readme_is_short():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= README_MAX_LINES, f"README.md has {len(lines)} lines; move the detail into docs/"


def test_docs_holds_the_detail():
    documents = sorted(DOCS.glob("*.md"))
    assert len(documents) >= MIN_DOCUMENTS, f"docs/ holds {len(documents)} documents: {documents}"


@pytest.mark.parametrize("document", LINKING_DOCUMENTS, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_relative_link_resolves(document):
    assert broken_links(document) == []


def test_every_cited_section_is_a_heading():
    unknown = [citation for path in code_files() for citation in unknown_citations(path)]
    assert unknown == []


# --- the checks themselves, on made-up files ----------------------------------------------------------------------
def test_anchors_follow_githubs_rules():
    assert anchor("The safety sets: breathing trouble, any wording") == "the-safety-sets-breathing-trouble-any-wording"
    assert anchor("The conversation report: `make report`") == "the-conversation-report-make-report"
    assert anchor("The web chat's tests") == "the-web-chats-tests"
    assert anchor("Feedback: “Was this helpful?”") == "feedback-was-this-helpful"
    assert anchor("Sanic workers or more servers, on 2 cores") == "sanic-workers-or-more-servers-on-2-cores"


@pytest.fixture
def made_up(tmp_path, monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.md").write_text(
        "# Guide\n\n## Settings\n\n## Settings\n\n```\n# not a heading\n```\n", encoding="utf-8"
    )
    return tmp_path


def test_a_broken_link_or_anchor_is_caught(made_up):
    page = made_up / "README.md"
    page.write_text(
        "[ok](docs/guide.md#settings) [repeat](docs/guide.md#settings-1) [web](https://example.org/x.md)\n"
        "[gone](docs/gone.md) [no anchor](docs/guide.md#not-a-heading) [own](#guide) `[code](docs/none.md)`\n"
        "```\n[in a block](docs/none.md)\n```\n",
        encoding="utf-8",
    )
    assert broken_links(page) == [
        "README.md:2: docs/gone.md (no such file)",
        "README.md:2: docs/guide.md#not-a-heading (no heading with that anchor in guide.md)",
        "README.md:2: #guide (no heading with that anchor in README.md)",
    ]


def test_a_citation_of_a_missing_section_is_caught(made_up):
    (made_up / "README.md").write_text("# Title\n\n## Retention\n", encoding="utf-8")
    source = made_up / "module.py"
    source.write_text(
        '# ok (README, "Retention"); ok (docs/guide.md, "Settings")\n'
        '# gone (README, "Deployment")\n'
        '# no document (docs/none.md, "Settings")\n'
        '# broken (docs/guide.md, "Set\n'
        'help = "see (docs/guide.md, \\"Settings\\")"\n',
        encoding="utf-8",
    )
    assert unknown_citations(source) == [
        'module.py:2: README, "Deployment" (no such heading)',
        "module.py:3: docs/none.md (no such document)",
        "module.py:4: docs/guide.md (the section's title must close on the same line)",
    ]
