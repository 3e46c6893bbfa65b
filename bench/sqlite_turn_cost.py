"""What one turn costs the tracker store on SQLite: ours against Rasa's SQL store, and Rasa's in WAL mode.

Each turn does what Rasa's processor does with the tracker store for one message: retrieve the conversation,
add the turn's events (a user message with its NLU result, slot updates, the bot's reply, back to listening),
save. The conversations are symptom checks of 12 turns plus 2 article questions, as in harness/load_test.py,
with events shaped and sized like the bot's own. Each mode gets a fresh database file in a temp dir; the modes
alternate round by round, so a busy moment on the machine hits both. Reports the median time per turn over the
rounds (and each round's), the part of it spent saving, p95, and the journal mode and synchronous setting as
SQLite reports them (synchronous 2 = FULL).

Modes:
  ours         endpoints.yml as it is: addons.tracker_store.ForgettingSQLTrackerStore, Rasa's table and rows
               through SQLAlchemy Core statements built once (SQLite's default rollback journal, synchronous=FULL)
  rasa         Rasa's own SQLTrackerStore on the same journal (endpoints.yml's `type: SQL` until 2026-11-29)
  rasa-wal     Rasa's store with journal_mode=WAL and synchronous=FULL: a committed turn survives a crash or a
               power cut, as with the default journal (synchronous=NORMAL would not, and is not measured)

  .venv/bin/python -m bench.sqlite_turn_cost [--rounds 5] [--conversations 20] [--json out.json]
"""

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from addons.tracker_store import ForgettingSQLTrackerStore

PROJECT = Path(__file__).resolve().parent.parent


def use_wal_with_full_sync(dbapi_connection, _connection_record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


class WalSQLTrackerStore(SQLTrackerStore):
    """Rasa's store with every connection it opens (one per turn: SQLAlchemy's NullPool for a SQLite file)
    switched to WAL with synchronous=FULL. What a custom tracker store in endpoints.yml would do."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        sa.event.listen(self.engine, "connect", use_wal_with_full_sync)


MODES = {"ours": ForgettingSQLTrackerStore, "rasa": SQLTrackerStore, "rasa-wal": WalSQLTrackerStore}
TURNS_PER_CONVERSATION = 14
INTENTS = [f"intent_{index}" for index in range(10)]  # an intent ranking as long as DIET's


def turn_events(turn: int) -> list[Event]:
    """One turn's events, sized like the bot's: NLU result with ranking, form slots, a reply, listen."""
    parse_data = {
        "intent": {"name": "inform", "confidence": 0.97},
        "entities": [
            {
                "entity": "body_part",
                "value": "calf",
                "start": 3,
                "end": 7,
                "confidence_entity": 0.99,
                "extractor": "CRFEntityExtractor",
            }
        ],
        "intent_ranking": [{"name": name, "confidence": 0.003} for name in INTENTS],
        "text": f"answer number {turn}",
    }
    return [
        UserUttered(f"answer number {turn}", parse_data["intent"], parse_data["entities"], parse_data),
        ActionExecuted("symptom_form"),
        SlotSet("body_part", "calf"),
        SlotSet("requested_slot", "pain_level"),
        ActiveLoop("symptom_form"),
        BotUttered(
            "How much does it hurt, from 0 (not at all) to 10 (the worst pain you can imagine)? " * 2,
            {"buttons": [{"title": str(n), "payload": f'/inform{{{{"pain_level": {n}}}}}'} for n in range(4)]},
        ),
        ActionExecuted("action_listen"),
    ]


async def one_conversation(
    store: SQLTrackerStore, domain: Domain, sender: str, latencies: dict[str, list[float]]
) -> None:
    for turn in range(TURNS_PER_CONVERSATION):
        started = time.perf_counter()
        tracker = await store.retrieve(sender) or DialogueStateTracker(sender, domain.slots)
        for event in turn_events(turn):
            tracker.update(event, domain)
        saving = time.perf_counter()
        await store.save(tracker)
        done = time.perf_counter()
        latencies["turn"].append(done - started)
        latencies["save"].append(done - saving)


def pragma(store: SQLTrackerStore, name: str) -> str:
    with store.engine.connect() as connection:
        return str(connection.exec_driver_sql(f"PRAGMA {name}").scalar())


async def measure(mode: str, conversations: int, domain: Domain) -> dict:
    with tempfile.TemporaryDirectory(prefix="sqlite-turn-cost-") as folder:
        store = MODES[mode](domain=domain, dialect="sqlite", db=str(Path(folder) / "conversations.db"))
        latencies: dict[str, list[float]] = {"turn": [], "save": []}
        began = time.perf_counter()
        for index in range(conversations):
            await one_conversation(store, domain, f"bench-{index}", latencies)
        elapsed = time.perf_counter() - began
        settings = {"journal_mode": pragma(store, "journal_mode"), "synchronous": pragma(store, "synchronous")}
        store.engine.dispose()
    turns, saves = sorted(latencies["turn"]), sorted(latencies["save"])
    return {
        "mode": mode,
        **settings,
        "turns": len(turns),
        "seconds": round(elapsed, 3),
        "median_ms": round(statistics.median(turns) * 1000, 2),
        "p95_ms": round(turns[int(0.95 * (len(turns) - 1))] * 1000, 2),
        "save_median_ms": round(statistics.median(saves) * 1000, 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--conversations", type=int, default=20, help="per mode and round (14 turns each)")
    parser.add_argument("--json", help="also write every round's figures to this file")
    args = parser.parse_args()
    domain = Domain.load(str(PROJECT / "domain.yml"))
    rounds: list[dict] = []
    for number in range(args.rounds):
        order = list(MODES) if number % 2 == 0 else list(reversed(MODES))
        for mode in order:
            result = asyncio.run(measure(mode, args.conversations, domain))
            rounds.append({"round": number + 1, **result})
            print(
                f"round {number + 1} {mode:12} journal_mode={result['journal_mode']} "
                f"synchronous={result['synchronous']} median {result['median_ms']} ms/turn "
                f"(save {result['save_median_ms']} ms), p95 {result['p95_ms']} ms ({result['turns']} turns)",
                file=sys.stderr,
            )
    print("medians over the rounds (each round's median in brackets)")
    print(f"{'mode':12} {'ms/turn':>8} {'save ms':>8} {'p95 ms':>8}  per round: ms/turn")
    for mode in MODES:
        mine = [r for r in rounds if r["mode"] == mode]
        medians = [r["median_ms"] for r in mine]
        save = statistics.median(r["save_median_ms"] for r in mine)
        print(
            f"{mode:12} {statistics.median(medians):8.2f} {save:8.2f} "
            f"{statistics.median(r['p95_ms'] for r in mine):8.2f}  {medians}"
        )
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(rounds, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
