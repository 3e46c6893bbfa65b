"""No file of the project shares a run of 12 or more consecutive words with the article.

The article itself is never read here: tests/article_fingerprints.txt holds hashes of its 12-word shingles
(written once by ops/article_fingerprints.py), and every file git tracks, or would track, is hashed the same
way. Rewrite any run this test names in your own words.
"""

from pathlib import Path

import pytest

from ops.article_fingerprints import SHINGLE_WORDS, fingerprints, read_fingerprints, shared_runs
from tests.repo_files import listed_files

ROOT = Path(__file__).resolve().parent.parent
FINGERPRINTS = Path(__file__).with_name("article_fingerprints.txt")
# Where the product's words live; the listing must reach each of these, or the check is looking elsewhere.
MUST_CHECK = (
    "muscle_triage/knowledge/article_facts.yml",
    "muscle_triage/triage/rules.py",
    "muscle_triage/triage/reply.py",
    "domain.yml",
    "data/nlu/article_questions.yml",
    "web/index.html",
    "web/triage-card.js",
    "README.md",
)


def project_files():
    """Every file git lists (a copy is caught before it is committed), but the fingerprints themselves."""
    return [path for path in listed_files() if path != FINGERPRINTS]


def text_of(path: Path):
    """The file's text, or None for a binary file (one with a NUL byte); other undecodable files fail."""
    data = path.read_bytes()
    if b"\0" in data:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise AssertionError(f"{path.relative_to(ROOT)} is neither UTF-8 text nor binary: {error}") from None


@pytest.fixture(scope="module")
def article_fingerprints():
    known = read_fingerprints(FINGERPRINTS)
    # The article has well over a thousand words; an empty or truncated file would pass everything.
    assert len(known) > 1000, f"{FINGERPRINTS} holds only {len(known)} fingerprints"
    return known


def test_the_check_covers_the_product():
    checked = {path.relative_to(ROOT).as_posix() for path in project_files()}
    assert set(MUST_CHECK) <= checked, set(MUST_CHECK) - checked
    assert any(name.startswith("data/") for name in checked) and any(name.startswith("web/") for name in checked)


def test_no_file_copies_a_run_of_the_article(article_fingerprints):
    copies = []
    for path in project_files():
        text = text_of(path)
        if text is None:
            continue
        for run in shared_runs(text, article_fingerprints):
            copies.append(f"{path.relative_to(ROOT)}:{run.line}: {run.length} words shared: “{run.text}”")
    assert not copies, "Restate these in your own words:\n" + "\n".join(copies)


# --- the matcher itself, on made-up text ---------------------------------------------------------------------------
SOURCE = " ".join(f"word{n}" for n in range(40)) + " the body’s own “fight or flight” reply"


def test_a_copied_run_is_found_whatever_its_case_quotes_and_line_breaks():
    copied = " ".join(f"WORD{n}" for n in range(30, 40)) + '\nthe body\'s own\n"fight-or-flight" reply'
    runs = shared_runs(f"intro line\n{copied} and more", fingerprints(SOURCE))
    assert [(run.line, run.length) for run in runs] == [(2, 17)]
    assert runs[0].text.startswith("word30 word31") and runs[0].text.endswith("flight reply")


def test_separate_copies_are_reported_separately_and_short_ones_not_at_all():
    known = fingerprints(SOURCE)
    twelve = " ".join(f"word{n}" for n in range(0, SHINGLE_WORDS))
    eleven = " ".join(f"word{n}" for n in range(20, 20 + SHINGLE_WORDS - 1))
    runs = shared_runs(f"{twelve} ours\n{eleven}\nmine {twelve}", known)
    assert [(run.line, run.length) for run in runs] == [(1, 12), (3, 12)]
    assert shared_runs(eleven, known) == []
