"""addons/redis_lock_store.py against a real Redis server (the scale-out tests' throwaway one).

Each "server" is its own AtomicRedisLockStore with its own connection. These tests run in one process, so they
show the lock's rules (who holds it, when it is freed); that taking it is atomic between processes is shown by
test_lock_race.py against real servers.
"""

import asyncio
import time
import uuid

import pytest
import redis
from rasa.core.lock_store import LockError, LockStore
from rasa.core.utils import AvailableEndpoints, number_of_sanic_workers

from addons.redis_lock_store import KEY_PREFIX, AtomicRedisLockStore
from harness.bot_servers import PROJECT, free_port
from harness.scale_out_servers import redis_client


def store(redis_server, **settings) -> AtomicRedisLockStore:
    return AtomicRedisLockStore(
        host="127.0.0.1", port=redis_server.port, db=1, password=redis_server.password, **settings
    )


def conversation() -> str:
    return f"lock-{uuid.uuid4().hex[:8]}"


def test_the_scale_out_endpoints_load_this_lock_store_and_allow_several_workers(redis_server, monkeypatch):
    for name, value in {
        **redis_server.env(),
        "ACTIONS_PORT": "1",
        "POSTGRES_HOST": "x",
        "POSTGRES_PORT": "1",
        "POSTGRES_DB": "x",
        "POSTGRES_USER": "x",
        "POSTGRES_PASSWORD": "x",
    }.items():
        monkeypatch.setenv(name, value)
    endpoints = AvailableEndpoints.read_endpoints(str(PROJECT / "endpoints.scale-out.yml"))
    lock_store = LockStore.create(endpoints.lock_store)

    assert isinstance(lock_store, AtomicRedisLockStore)
    assert lock_store.red.connection_pool.connection_kwargs["port"] == redis_server.port
    assert lock_store.red.connection_pool.connection_kwargs["password"] == redis_server.password
    assert lock_store.red.ping()  # the password the endpoints pass on lets it in
    with pytest.raises(redis.exceptions.AuthenticationError):  # and without it, nobody gets in
        redis.Redis(host="127.0.0.1", port=redis_server.port, db=1).ping()
    monkeypatch.setenv("SANIC_WORKERS", "2")
    assert number_of_sanic_workers(endpoints.lock_store) == 2


def test_one_holder_at_a_time_among_many_waiting(redis_server):
    stores = [store(redis_server), store(redis_server)]
    sender = conversation()
    inside, most_inside, entries = 0, 0, 0

    async def turn(lock_store: AtomicRedisLockStore) -> None:
        nonlocal inside, most_inside, entries
        async with lock_store.lock(sender):
            inside += 1
            entries += 1
            most_inside = max(most_inside, inside)
            await asyncio.sleep(0.01)  # the turn's work; others are trying meanwhile
            inside -= 1

    async def everyone() -> None:
        await asyncio.gather(*(turn(stores[index % 2]) for index in range(20)))

    asyncio.run(everyone())
    assert (entries, most_inside) == (20, 1)
    assert stores[0].red.get(KEY_PREFIX + sender) is None, "the last holder left its lock behind"


def test_release_never_deletes_a_lock_that_another_holder_took(redis_server):
    lock_store, client = store(redis_server), redis_client(redis_server.env())
    sender = conversation()

    async def lease_runs_out_meanwhile() -> None:
        async with lock_store.lock(sender):
            # As if our lease had run out and another server had taken the lock.
            client.set(KEY_PREFIX + sender, "another-holder", px=5000)

    asyncio.run(lease_runs_out_meanwhile())
    assert client.get(KEY_PREFIX + sender) == b"another-holder"


def test_a_holder_that_died_frees_the_conversation_after_its_short_lease(redis_server):
    lock_store, client = store(redis_server, lease_seconds=0.5), redis_client(redis_server.env())
    sender = conversation()
    client.set(KEY_PREFIX + sender, "a-killed-server", px=500)  # it never releases or renews

    async def take() -> float:
        started = time.monotonic()
        async with lock_store.lock(sender, lock_lifetime=60):
            return time.monotonic() - started

    waited = asyncio.run(take())
    assert 0.3 < waited < 3, f"waited {waited:.2f} s for a lease of 0.5 s"


def test_a_long_turn_keeps_its_lock_by_renewing_the_lease(redis_server):
    holder, other = store(redis_server, lease_seconds=0.3), store(redis_server, lease_seconds=0.3)
    sender = conversation()
    order = []

    async def long_turn() -> None:
        async with holder.lock(sender):
            order.append("long turn starts")
            await asyncio.sleep(1.2)  # four leases long
            order.append("long turn ends")

    async def next_turn() -> None:
        await asyncio.sleep(0.1)
        async with other.lock(sender):
            order.append("next turn")

    async def both() -> None:
        await asyncio.gather(long_turn(), next_turn())

    asyncio.run(both())
    assert order == ["long turn starts", "long turn ends", "next turn"]


def test_a_waiting_message_gives_up_with_rasas_lock_error_after_the_lock_lifetime(redis_server):
    holder, waiter = store(redis_server), store(redis_server)
    sender = conversation()

    async def wait_in_vain() -> None:
        async with holder.lock(sender):
            async with waiter.lock(sender, lock_lifetime=0.5):
                pytest.fail("got a lock that another holder has")

    started = time.monotonic()
    with pytest.raises(LockError):
        asyncio.run(wait_in_vain())
    assert time.monotonic() - started < 5


def test_an_unreachable_redis_is_rasas_lock_error():
    unreachable = AtomicRedisLockStore(host="127.0.0.1", port=free_port(), socket_timeout=2)  # nothing listens

    async def take() -> None:
        async with unreachable.lock(conversation()):
            pytest.fail("got a lock without Redis")

    with pytest.raises(LockError):
        asyncio.run(take())
