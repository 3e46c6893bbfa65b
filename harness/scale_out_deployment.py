"""The scale-out deployment on this machine: PostgreSQL, Redis, one action server, N Rasa servers, nginx in front.

`make scale-out` (ops/scale_out.py) and the scale-out tests (tests/scale_out/conftest.py) both start it from
here, with the parts of harness/scale_out_servers.py and harness/scale_out_nginx.py and the files a deployment
uses: endpoints.scale-out.yml for every Rasa server and deploy/nginx.conf for nginx. A store given as the variables
endpoints.scale-out.yml reads (`postgres`: POSTGRES_*, `redis`: REDIS_*) is used as it is; without them a throwaway
one starts in `root`.
"""

import os
import signal
from pathlib import Path

from harness.bot_servers import ManagedProcess, free_port
from harness.scale_out_nginx import ThrowawayNginx
from harness.scale_out_servers import (
    LOOPBACK,
    ThrowawayPostgres,
    ThrowawayRedis,
    create_tracker_store_tables,
    start_rasa_servers,
    stop_all,
)

ENDPOINTS = "endpoints.scale-out.yml"
# One Sanic worker per Rasa server, as docs/deployment.md, "Sanic workers or more servers" says for the web chat:
# each worker keeps its own socket.io sessions, so with two the long-polling requests of one browser reach the
# wrong one.
SANIC_WORKERS = "1"


class ScaleOutDeployment:
    """Started in two steps, stores first (`start_stores`), then the servers and nginx (`start_servers`);
    `stop` ends whatever was started, in reverse order."""

    def __init__(
        self,
        root: Path,
        servers: int = 2,
        *,
        name: str = "scale_out",
        web_origins: tuple[str, ...] = (),
        nginx_host: str = LOOPBACK,
        nginx_port: int | None = None,
        more_upstreams: tuple[str, ...] = (),
        postgres: dict[str, str] | None = None,
        redis: dict[str, str] | None = None,
        enable_api: bool = False,
    ):
        """`more_upstreams`: Rasa servers on other machines (host:port) that nginx sends messages to as well.
        `enable_api`: Rasa's HTTP API without a token, for tests that read conversations back; never for users."""
        self.root, self.name, self.web_origins, self.enable_api = root, name, web_origins, enable_api
        self.actions_port = free_port()
        self.rasa_ports = [free_port() for _ in range(servers)]
        self.urls = [f"http://{LOOPBACK}:{port}" for port in self.rasa_ports]  # the Rasa servers, directly
        self.postgres = None if postgres else ThrowawayPostgres(root, free_port())
        self.redis = None if redis else ThrowawayRedis(root, free_port())
        self.store_env: dict[str, str] = {**(postgres or {}), **(redis or {})}
        self.more_upstreams = more_upstreams
        upstreams = [f"{LOOPBACK}:{port}" for port in self.rasa_ports] + list(more_upstreams)
        self.balancer = ThrowawayNginx(root, nginx_port or free_port(), upstreams, nginx_host)
        self.servers: list[ManagedProcess] = []  # the action server, then the Rasa servers
        self.sanic_workers = SANIC_WORKERS

    def start_stores(self) -> None:
        for store in (self.redis, self.postgres):
            if store is not None:
                store.start()
                self.store_env.update(store.env())

    def start_servers(self) -> None:
        """The tracker store's tables, then the action server and the Rasa servers at once (each takes a while to
        load the model), then nginx."""
        create_tracker_store_tables(self.store_env)
        self.servers = self._start_rasa(self.rasa_ports, self.name, action_server=True)
        self.balancer.start()

    def _start_rasa(self, ports: list[int], name: str, action_server: bool = False) -> list[ManagedProcess]:
        cors = ["--cors", *self.web_origins] if self.web_origins else []
        return start_rasa_servers(
            ports,
            self.actions_port,
            name,
            self.store_env,
            ENDPOINTS,
            extra_args=cors + (["--enable-api"] if self.enable_api else []),
            # addons/webchat_channel.py refuses socket.io connections from other pages with the same list.
            extra_env={"WEB_ORIGIN": " ".join(self.web_origins), "SANIC_WORKERS": SANIC_WORKERS},
            action_server=action_server,
        )

    def kill(self, index: int) -> None:
        """SIGKILL to Rasa server `index` and its Sanic workers (its process group), as a crash would do."""
        server = self.servers[1 + index]
        os.killpg(server.process.pid, signal.SIGKILL)
        server.stop()  # only reaps it and closes its log

    def restart(self, index: int) -> None:
        """Starts Rasa server `index` again, on its port, as it was started first."""
        self.servers[1 + index] = self._start_rasa([self.rasa_ports[index]], f"{self.name}_again_{index}")[0]

    def stop(self) -> None:
        self.balancer.stop()
        stop_all(self.servers)
        for store in (self.postgres, self.redis):
            if store is not None:
                store.stop()
