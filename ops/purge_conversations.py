"""Deletes the conversations nobody has written to for N days (make purge-conversations; docs/privacy.md, "Retention").

A conversation goes as a whole, every session of it, once its latest event is older than N days; a conversation
still in use keeps everything. It works on the SQL tracker store of an endpoints file: endpoints.yml (SQLite, the
default) or endpoints.scale-out.yml (PostgreSQL; set its POSTGRES_* and REDIS_* variables as for the Rasa servers).

Usage: python -m ops.purge_conversations [--days 30] [--endpoints endpoints.yml]
"""

import argparse
import os
import sys
import time
from pathlib import Path

DEFAULT_DAYS = 30
SQL_STORE_TYPES = ("sql", "addons.tracker_store.forgettingsqltrackerstore")


def positive_days(value: str) -> float:
    days = float(value)
    if not days > 0:
        raise argparse.ArgumentTypeError("must be a number of days above 0")
    return days


def open_store(endpoints: str):
    from rasa.utils.endpoints import read_endpoint_config

    from addons.tracker_store import ForgettingSQLTrackerStore

    # Rasa expands every ${VAR} of the file, the action server's port included, which a purge never uses.
    os.environ.setdefault("ACTIONS_PORT", "5055")
    config = read_endpoint_config(endpoints, endpoint_type="tracker_store")
    if config is None or (config.type or "").lower() not in SQL_STORE_TYPES:
        raise SystemExit(f"purge_conversations: {endpoints} has no SQL tracker_store; nothing to purge.")
    return ForgettingSQLTrackerStore(host=config.url, **config.kwargs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--days",
        type=positive_days,
        default=DEFAULT_DAYS,
        help=f"delete conversations with no activity for this many days (default {DEFAULT_DAYS})",
    )
    parser.add_argument("--endpoints", default="endpoints.yml", help="the endpoints file whose tracker store to purge")
    args = parser.parse_args(argv)
    if not Path(args.endpoints).is_file():
        parser.error(f"{args.endpoints} does not exist")

    store = open_store(args.endpoints)
    deleted = store.delete_inactive_since(time.time() - args.days * 86400)
    print(
        f"Deleted {len(deleted)} conversation(s) with no activity in the last {args.days:g} days "
        f"(tracker store of {args.endpoints})."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
