"""A Redis lock store whose lock is atomic: one conversation, one turn at a time, across servers and workers.

Rasa 3.6's RedisLockStore issues its lock tickets with a GET followed by a SET (RasaHQ/rasa#9213), so two
messages of one conversation that reach two processes within milliseconds can both get the lock; one turn's
events are then lost from the tracker. Here the lock is one Redis key per conversation:

- taken with a single ``SET key token NX PX lease``: Redis runs it atomically, so exactly one process gets it;
- released with a compare-and-delete script, so a process whose lease ran out never deletes a lock that another
  process holds by then;
- kept alive while the turn runs: the holder renews the lease (compare-and-extend) every third of it, up to the
  lock lifetime Rasa asks for (60 s by default, TICKET_LOCK_LIFETIME). A server that dies holding a lock, even
  by SIGKILL, frees its conversation once the short lease runs out, instead of after the whole lifetime.

Waiting works as in Rasa's lock store: a message whose conversation is locked retries after
``wait_time_in_seconds`` until it gets the lock, and gives up with Rasa's LockError once ``lock_lifetime`` has
passed. The retry interval is shorter here (Rasa polls every second) because a retry is one Redis command.
Messages waiting at the same moment are not queued in arrival order; chat clients send a conversation's next
message only after the reply to the last one, so they never wait at the same moment.

Configure it in endpoints.scale-out.yml (Rasa passes the endpoint's settings as ``endpoint_config``):

    lock_store:
      type: addons.redis_lock_store.AtomicRedisLockStore
      url: <redis host>
      port: 6379
      db: 1
"""

import asyncio
import contextlib
import logging
import secrets
import time
from collections.abc import AsyncIterator

import redis
from rasa.core.lock_store import LOCK_LIFETIME, LockError, LockStore
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)

KEY_PREFIX = "atomic-lock:"  # not Rasa's "lock:", whose values are JSON ticket lists
DEFAULT_LEASE_SECONDS = 10.0
DEFAULT_RETRY_SECONDS = 0.02

# Both scripts act only if the key still holds our token: a lease that ran out may belong to someone else now.
RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0"
RENEW = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0"


class AtomicRedisLockStore(LockStore):
    def __init__(
        self,
        endpoint_config: EndpointConfig | None = None,
        host: str = "localhost",
        port: int = 6379,
        db: int = 1,
        password: str | None = None,
        lease_seconds: float = DEFAULT_LEASE_SECONDS,
        retry_seconds: float = DEFAULT_RETRY_SECONDS,
        socket_timeout: float = 10,
    ) -> None:
        """From an endpoints file (`endpoint_config`: url = host, and port, db, password, lease_seconds,
        retry_seconds) or from the keyword arguments."""
        if endpoint_config is not None:
            settings = endpoint_config.kwargs
            host = endpoint_config.url or host
            port = settings.get("port", port)
            db = settings.get("db", db)
            password = settings.get("password", password)
            lease_seconds = settings.get("lease_seconds", lease_seconds)
            retry_seconds = settings.get("retry_seconds", retry_seconds)
        self.red = redis.StrictRedis(
            host=host, port=int(port), db=int(db), password=password, socket_timeout=socket_timeout
        )
        self.lease_ms = int(float(lease_seconds) * 1000)
        self.retry_seconds = float(retry_seconds)
        self._release = self.red.register_script(RELEASE)
        self._renew = self.red.register_script(RENEW)
        super().__init__()

    @staticmethod
    def key(conversation_id: str) -> str:
        return KEY_PREFIX + conversation_id

    @contextlib.asynccontextmanager
    async def lock(
        self,
        conversation_id: str,
        lock_lifetime: float = LOCK_LIFETIME,
        wait_time_in_seconds: float | None = None,
    ) -> AsyncIterator[str]:
        """Holds the conversation's lock for the block; yields the token that marks this holder in Redis."""
        key = self.key(conversation_id)
        token = secrets.token_hex(16)
        give_up = time.monotonic() + lock_lifetime
        retry = self.retry_seconds if wait_time_in_seconds is None else wait_time_in_seconds
        try:
            while not self.red.set(key, token, nx=True, px=self.lease_ms):
                if time.monotonic() >= give_up:
                    raise LockError(f"Could not acquire lock for conversation_id '{conversation_id}'.")
                await asyncio.sleep(retry)
        except redis.exceptions.RedisError as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error
        keep_alive = asyncio.ensure_future(self._keep_alive(key, token, give_up))
        try:
            yield token
        finally:
            keep_alive.cancel()
            try:
                self._release(keys=[key], args=[token])
            except redis.exceptions.RedisError as error:  # the lease runs out by itself
                logger.warning(f"Could not release the lock of conversation '{conversation_id}': {error}")

    async def _keep_alive(self, key: str, token: str, until: float) -> None:
        """Renews the lease every third of it while the turn runs, but not past the lock lifetime."""
        while True:
            await asyncio.sleep(self.lease_ms / 3000)
            remaining_ms = int((until - time.monotonic()) * 1000)
            if remaining_ms <= 0:
                return
            try:
                if not self._renew(keys=[key], args=[token, min(self.lease_ms, remaining_ms)]):
                    logger.warning(f"Lost the lock {key}: its lease ran out before it was renewed.")
                    return
            except redis.exceptions.RedisError as error:
                logger.warning(f"Could not renew the lock {key}: {error}")
