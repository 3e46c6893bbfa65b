"""How real conversations go: runs the markers of markers.yml over the tracker store and reports.

Reads every conversation from the tracker store that an endpoints file configures (endpoints.yml: the SQLite file
var/conversations.db; endpoints.scale-out.yml: PostgreSQL, its settings in POSTGRES_* variables, with REDIS_* set
too, as Rasa expands every variable of the file), with Rasa's own tracker store classes and marker engine (`rasa
evaluate markers`), plus our two conditions (addons/marker_conditions.py). Prints a summary table and writes
results/report/index.html with PNG charts and figures.json. No sender id ever leaves this script, and message text
only with --with-text.

Usage: conversation_report.py [--endpoints endpoints.yml] [--out results/report] [--with-text]
"""

import argparse
import asyncio
import json
import sys
from collections.abc import AsyncIterator
from pathlib import Path

from rasa.core.evaluation.marker_base import Marker, OperatorMarker
from rasa.core.evaluation.marker_tracker_loader import MarkerTrackerLoader
from rasa.core.tracker_store import TrackerStore
from rasa.core.utils import AvailableEndpoints
from rasa.shared.core.domain import Domain

import addons.marker_conditions  # noqa: F401  (registers bot_said and triage_result)
from ops.report_figures import Figures, Session, add_conversation
from ops.report_page import summary_table, write_report

PROJECT = Path(__file__).resolve().parent.parent


def load_markers(markers_path: Path, domain: Domain) -> OperatorMarker:
    markers = Marker.from_path(markers_path)
    if not markers.validate_against_domain(domain):
        raise ValueError(f"{markers_path} names something domain.yml does not define (see the errors above)")
    return markers


def marker_notes(markers: OperatorMarker) -> dict[str, str]:
    return {str(marker): " ".join((marker.description or "").split()) for marker in markers.sub_markers}


def sessions_of(markers: OperatorMarker, events: list) -> list[Session]:
    """The tracker's sessions, each with the event indices (within it) where each marker applies. Rasa splits the
    sessions and evaluates the markers; its event indices count from the start of the whole tracker."""
    sessions = []
    split = Marker._split_sessions(events)  # the same split evaluate_events uses, for the sessions' own events
    for (session_events, start), applied in zip(split, markers.evaluate_events(events), strict=True):
        moments = {name: [meta.idx - start for meta in metas] for name, metas in applied.items()}
        sessions.append(Session(session_events, moments))
    return sessions


async def report_figures(endpoints_path: Path, markers: OperatorMarker, domain: Domain, with_text: bool) -> Figures:
    endpoints = AvailableEndpoints.read_endpoints(str(endpoints_path))
    if endpoints.tracker_store is None:
        raise ValueError(f"{endpoints_path} configures no tracker store")
    store = TrackerStore.create(endpoints.tracker_store, domain=domain)
    trackers: AsyncIterator = MarkerTrackerLoader(store, "all").load()
    figures = Figures()
    async for tracker in trackers:
        if tracker is not None:
            add_conversation(figures, sessions_of(markers, list(tracker.events)), with_text)
    return figures


def store_description(endpoints_path: Path) -> str:
    """Where the conversations came from, without credentials: the store's type and dialect."""
    store = AvailableEndpoints.read_endpoints(str(endpoints_path)).tracker_store
    kind = " ".join(str(part) for part in (store.type, store.kwargs.get("dialect")) if part) if store else "none"
    return f"the tracker store of {endpoints_path.name} ({kind})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--endpoints", type=Path, default=PROJECT / "endpoints.yml")
    parser.add_argument("--markers", type=Path, default=PROJECT / "markers.yml")
    parser.add_argument("--domain", type=Path, default=PROJECT / "domain.yml")
    parser.add_argument("--out", type=Path, default=PROJECT / "results" / "report")
    parser.add_argument(
        "--with-text", action="store_true", help='also show the messages the bot answered "not sure" (never sender ids)'
    )
    args = parser.parse_args()
    domain = Domain.load(str(args.domain))
    markers = load_markers(args.markers, domain)
    figures = asyncio.run(report_figures(args.endpoints, markers, domain, args.with_text))
    print(summary_table(figures))
    page = write_report(figures, args.out, store_description(args.endpoints), marker_notes(markers))
    (args.out / "figures.json").write_text(
        json.dumps(figures.as_dict(), indent=2, ensure_ascii=False), encoding="utf-8"
    )
    print(f"\nReport: {page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
