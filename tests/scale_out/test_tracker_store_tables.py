"""The tracker store's tables on a new PostgreSQL database, when several servers start at the same moment.

Each "server" is its own engine calling addons/tracker_store.py's create_tables, as ForgettingSQLTrackerStore does
when a Rasa server starts; all of them are let go at once. Without the advisory lock, all but one of them could
fail with a UniqueViolation on pg_type_typname_nsp_index (each found the table missing, and each created it).
"""

import threading
import uuid

import sqlalchemy as sa

from addons.tracker_store import create_tables
from harness.scale_out_servers import postgres_connection, postgres_url

SERVERS = 8


def new_database(store_env: dict[str, str]) -> str:
    name = f"tables_{uuid.uuid4().hex[:8]}"
    connection = postgres_connection(store_env)
    connection.autocommit = True  # CREATE DATABASE runs outside a transaction
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {name}")
    finally:
        connection.close()
    return name


def test_servers_starting_at_once_on_a_new_database_create_each_table_once_and_none_fails(stores):
    url = postgres_url(stores, new_database(stores))
    engines = [sa.create_engine(url) for _ in range(SERVERS)]
    start = threading.Barrier(SERVERS)
    errors: list[BaseException] = []

    def server(engine: sa.engine.Engine) -> None:
        with engine.connect():  # connected before the start, so that the creations meet
            pass
        start.wait(timeout=30)
        try:
            create_tables(engine)
        except BaseException as error:  # noqa: BLE001 - every failure is the finding
            errors.append(error)

    threads = [threading.Thread(target=server, args=(engine,)) for engine in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    try:
        assert not errors, errors
        assert {"events", "conversation_checkpoints"} <= set(sa.inspect(engines[0]).get_table_names())
    finally:
        for engine in engines:
            engine.dispose()
