"""The report's faces: a summary table for the terminal, PNG charts (matplotlib) and one small HTML page.

Everything shown comes from report_figures.Figures, which holds no sender id, and message text only when the report
was asked for it (--with-text). The page is self-contained: its charts sit next to it, it loads nothing else.
"""

import html
from collections import Counter
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt

from muscle_triage.triage.schema import QUESTION_WORDS
from ops.report_figures import NOT_ASKED_YET, OUTCOMES, QUESTIONS, RESULT_NOT_SHOWN, Figures

OUTCOME_LABELS = {
    "completed_self_care": "Result: self-care",
    "completed_specialist": "Result: see a specialist",
    "completed_emergency": "Result: emergency",
    "emergency_answer": "Cut short by the emergency answer",
    "stopped": "Stopped by the person",
    "left_unfinished": "Left unfinished",
}
OUTCOME_COLOURS = ["#4caf50", "#ff9800", "#d32f2f", "#b71c1c", "#607d8b", "#9e9e9e"]
TOP_TEXTS = 10


def question_label(question: str) -> str:
    return QUESTION_WORDS.get(question, question)


def _questions_in(*counters: Counter) -> list[str]:
    """The check's questions in asking order, then anything else that occurred (before the first question...)."""
    seen = {question for counter in counters for question in counter}
    extra = sorted(seen - set(QUESTIONS), key=lambda q: (q not in (NOT_ASKED_YET, RESULT_NOT_SHOWN), q))
    return [question for question in QUESTIONS if question in seen] + extra


def _share(part: int, whole: int) -> str:
    return f" ({part / whole:.0%})" if whole else ""


def summary_rows(figures: Figures) -> list[tuple[str, str]]:
    """(what, figure) rows, in the order the table shows them."""
    started = figures.checks_started
    rows = [
        ("Conversations", str(figures.conversations)),
        ("Sessions", str(figures.sessions)),
        ("Symptom checks started", str(started)),
    ]
    rows += [
        (f"  {OUTCOME_LABELS[outcome]}", f"{figures.outcomes[outcome]}{_share(figures.outcomes[outcome], started)}")
        for outcome in OUTCOMES
    ]
    for how, label in (("stopped", "Stopped at"), ("left_unfinished", "Left unfinished at")):
        counter = figures.dropped_at.get(how, Counter())
        for question in _questions_in(counter):
            rows.append((f"  {label}: {question_label(question)}", str(counter[question])))
    rows += [
        ("Emergency answers shown", str(figures.emergency_answers)),
        ("Sessions with an emergency answer", str(figures.sessions_with_emergency)),
        ('Messages answered "I\'m not sure"', str(figures.fallbacks)),
        ('Check answers taken as "not sure"', str(sum(figures.taken_as_not_sure.values()))),
    ]
    rows += [
        (f"  at: {question_label(q)}", str(figures.taken_as_not_sure[q]))
        for q in _questions_in(figures.taken_as_not_sure)
    ]
    rows.append(("Questions asked again in plainer words", str(sum(figures.reasked.values()))))
    rows += [(f"  at: {question_label(q)}", str(figures.reasked[q])) for q in _questions_in(figures.reasked)]
    rows += [
        ("Answers rated helpful", str(figures.rated["helpful"])),
        ("Answers rated not helpful", str(figures.rated["unhelpful"])),
    ]
    rows += [(f"  about: {label}", str(count)) for label, count in _by_count(figures.unhelpful_answers)]
    return rows


def _by_count(counter: Counter) -> list[tuple[str, int]]:
    """Most frequent first; ties in alphabetical order, so the same figures always give the same page."""
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def summary_table(figures: Figures) -> str:
    rows = summary_rows(figures)
    width = max(len(what) for what, _ in rows)
    return "\n".join(f"{what.ljust(width)}  {figure}" for what, figure in rows)


# --- charts ---------------------------------------------------------------------------------------------------------
def _barh(axis, labels: list[str], values: list[int], colour, title: str) -> None:
    positions = range(len(labels))
    axis.barh(positions, values, color=colour)
    axis.set_yticks(list(positions))
    # parse_math off: a label is plain text, even with "$" in a message shown with --with-text.
    axis.set_yticklabels(labels, parse_math=False)
    axis.invert_yaxis()
    axis.set_title(title, loc="left", fontsize=11)
    axis.xaxis.get_major_locator().set_params(integer=True)
    for position, value in zip(positions, values, strict=True):
        axis.text(value, position, f" {value}", va="center", fontsize=9)
    if not any(values):
        axis.text(0.5, 0.5, "none yet", transform=axis.transAxes, ha="center", color="#777")
    axis.spines[["top", "right"]].set_visible(False)


def outcomes_chart(figures: Figures, path: Path) -> None:
    figure, axis = plt.subplots(figsize=(8, 3.2))
    _barh(
        axis,
        [OUTCOME_LABELS[o] for o in OUTCOMES],
        [figures.outcomes[o] for o in OUTCOMES],
        OUTCOME_COLOURS,
        f"How the {figures.checks_started} symptom checks ended",
    )
    figure.tight_layout()
    figure.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(figure)


def dropout_chart(figures: Figures, path: Path) -> None:
    stopped = figures.dropped_at.get("stopped", Counter())
    left = figures.dropped_at.get("left_unfinished", Counter())
    questions = _questions_in(stopped, left, figures.reasked) or list(QUESTIONS)
    figure, axis = plt.subplots(figsize=(8, 0.45 * len(questions) + 1.8))
    height = 0.27
    series = (
        ("stopped here", stopped, "#607d8b"),
        ("left unfinished here", left, "#9e9e9e"),
        ("asked again in plainer words", figures.reasked, "#ffb300"),
    )
    for offset, (label, counter, colour) in enumerate(series):
        axis.barh(
            [i + (offset - 1) * height for i in range(len(questions))],
            [counter[q] for q in questions],
            height=height,
            color=colour,
            label=label,
        )
    axis.set_yticks(range(len(questions)))
    axis.set_yticklabels([question_label(q) for q in questions])
    axis.invert_yaxis()
    axis.xaxis.get_major_locator().set_params(integer=True)
    axis.set_title("Where people drop out of the check, and where they struggle", loc="left", fontsize=11)
    axis.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=3, fontsize=8, frameon=False)
    axis.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    figure.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(figure)


def rated_down_and_not_sure_chart(figures: Figures, path: Path) -> None:
    """The answers rated thumbs down (by what they were about) and the "not sure" answers (by where); the messages
    themselves only with --with-text. Emoji are left out of the charts: matplotlib's fonts have none."""
    questions = _questions_in(figures.taken_as_not_sure)
    labels = ['messages answered "I\'m not sure"'] + [f"check: {question_label(q)}" for q in questions]
    values = [figures.fallbacks] + [figures.taken_as_not_sure[q] for q in questions]
    unhelpful = _by_count(figures.unhelpful_answers)[:TOP_TEXTS]
    panels = [
        (
            [label for label, _ in unhelpful],
            [n for _, n in unhelpful],
            "#e53935",
            "Answers rated not helpful (thumbs down), by topic",
        ),
        (labels, values, "#8e24aa", 'Answered "not sure"'),
    ]
    for counter, colour, title in (
        (figures.unhelpful_texts, "#c62828", "Messages whose answer was rated thumbs down (--with-text)"),
        (figures.fallback_texts, "#5e35b1", 'Messages most often answered "I\'m not sure" (--with-text)'),
    ):
        if counter:
            top = _by_count(counter)[:TOP_TEXTS]
            panels.append(([_short(text) for text, _ in top], [n for _, n in top], colour, title))
    heights = [0.4 * max(len(panel[0]), 1) + 1.0 for panel in panels]
    figure, axes = plt.subplots(
        len(panels), 1, figsize=(8, sum(heights)), squeeze=False, gridspec_kw={"height_ratios": heights}
    )
    for axis, (panel_labels, panel_values, colour, title) in zip(axes[:, 0], panels, strict=True):
        _barh(axis, panel_labels, panel_values, colour, title)
    figure.tight_layout()
    figure.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(figure)


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


CHARTS = (
    ("outcomes.png", outcomes_chart, "How symptom checks end"),
    ("dropout.png", dropout_chart, "Where people drop out"),
    ("rated_down_and_not_sure.png", rated_down_and_not_sure_chart, 'Answers rated 👎 or answered "not sure"'),
)


# --- the page -------------------------------------------------------------------------------------------------------
def write_report(figures: Figures, folder: Path, source: str, marker_notes: dict[str, str]) -> Path:
    """Writes the charts and index.html into `folder`; returns the page's path."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, draw, _ in CHARTS:
        draw(figures, folder / name)
    rows = "\n".join(
        f"<tr><td>{html.escape(what.strip())}</td><td>{html.escape(figure)}</td></tr>"
        if not what.startswith("  ")
        else f'<tr class="sub"><td>{html.escape(what.strip())}</td><td>{html.escape(figure)}</td></tr>'
        for what, figure in summary_rows(figures)
    )
    charts = "\n".join(f'<figure><img src="{name}" alt="{html.escape(alt)}"></figure>' for name, _, alt in CHARTS)
    notes = "\n".join(
        f"<dt>{html.escape(name)}</dt><dd>{html.escape(note)}</dd>" for name, note in marker_notes.items()
    )
    text_note = (
        "Message text is shown because the report was made with --with-text."
        if figures.fallback_texts or figures.unhelpful_texts
        else "No message text is shown (make the report with --with-text for it)."
    )
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>How conversations go</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 80rem; margin: 2rem auto; padding: 0 1rem; color: #222; }}
h1 {{ font-size: 1.5rem; }} table {{ border-collapse: collapse; margin: 1rem 0; }}
td {{ padding: .25rem .8rem; border-bottom: 1px solid #eee; }}
td:last-child {{ text-align: right; white-space: nowrap; }}
tr.sub td:first-child {{ padding-left: 2rem; color: #555; }} img {{ max-width: 100%; }}
.grid {{ display: grid; grid-template-columns: minmax(22rem, 2fr) 3fr; gap: 1.5rem; align-items: start; }}
figure {{ margin: 0 0 1rem; }} .note {{ color: #666; font-size: .9rem; }} dt {{ font-weight: 600; }}
</style></head><body>
<h1>How conversations with the muscle spasm &amp; twitch assistant go</h1>
<p class="note">From {html.escape(source)}. {html.escape(text_note)} No sender id is shown.</p>
<div class="grid"><table>{rows}</table><div>{charts}</div></div>
<h2>Markers (markers.yml)</h2><dl class="note">{notes}</dl>
</body></html>
"""
    path = folder / "index.html"
    path.write_text(page, encoding="utf-8")
    return path
