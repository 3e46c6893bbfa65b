"""nginx in front of the Rasa servers of the scale-out deployment: deploy/nginx.conf itself, its addresses replaced
by the deployment's (harness/scale_out_servers.py has the other parts)."""

import re
import signal
import socket
import subprocess
from pathlib import Path

from harness.bot_servers import PROJECT, wait_until, wait_until_serving
from harness.scale_out_servers import LOOPBACK, end, nginx_bin

NGINX_CONF = PROJECT / "deploy" / "nginx.conf"
# The addresses deploy/nginx.conf is written with (docs/deployment.md's by-hand ports): its `listen`, and the Rasa
# servers that both upstreams list, one `server` line each.
CONF_RASA_SERVERS = ("127.0.0.1:15005", "127.0.0.1:15006")
CONF_LISTEN = "listen 127.0.0.1:5005;"
UPSTREAMS = 2  # REST and socket.io


def nginx_conf_for(listen: str, rasa_servers: list[str], template: str) -> str:
    """deploy/nginx.conf listening on `listen` (host:port) with the Rasa servers `rasa_servers` (host:port each)
    in both upstreams instead of its own."""
    if not rasa_servers:
        raise ValueError("nginx needs at least one Rasa server")
    if template.count(CONF_LISTEN) != 1:
        raise ValueError(f"{NGINX_CONF} should contain {CONF_LISTEN!r} once")
    template = template.replace(CONF_LISTEN, f"listen {listen};")
    written = "".join(f"        server {address};\n" for address in CONF_RASA_SERVERS)
    if template.count(written) != UPSTREAMS:
        raise ValueError(f"{NGINX_CONF} should list {', '.join(CONF_RASA_SERVERS)} in each of its upstreams")
    return template.replace(written, "".join(f"        server {address};\n" for address in rasa_servers))


class ThrowawayNginx:
    """deploy/nginx.conf, run from `root`/nginx on `host`:`port` in front of the Rasa servers `rasa_servers`
    (host:port each)."""

    def __init__(self, root: Path, port: int, rasa_servers: list[str], host: str = LOOPBACK):
        self.port, self.rasa_servers, self.host = port, rasa_servers, host
        self.prefix = root / "nginx"
        self.conf = self.prefix / "nginx.conf"
        self.access_log = self.prefix / "access.log"
        self.log_path = self.prefix / "error.log"
        self.url = f"http://{LOOPBACK if host == '0.0.0.0' else host}:{port}"
        self.process: subprocess.Popen | None = None
        self._stderr = None

    def start(self) -> None:
        self.prefix.mkdir()
        self.prefix.chmod(0o711)  # nginx's workers run as nobody when started as root
        self.conf.write_text(nginx_conf_for(f"{self.host}:{self.port}", self.rasa_servers, NGINX_CONF.read_text()))
        self._stderr = (self.prefix / "stderr.log").open("ab")
        self.process = subprocess.Popen(
            [str(nginx_bin()), "-p", str(self.prefix), "-c", str(self.conf), "-e", "stderr", "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=self._stderr,
            start_new_session=True,
        )
        # Ready once it listens; whether the Rasa servers answer behind it is up to them.
        wait_until_serving(self.process, self.port, self._listening, 30, "nginx")

    def _listening(self) -> bool:
        with socket.socket() as sock:
            return sock.connect_ex((self.host, self.port)) == 0

    def logged(self, path_prefix: str) -> list[tuple[int, str]]:
        """(status, upstream address) of every logged request whose path starts with `path_prefix`, in order.
        nginx logs a request when it ends: a WebSocket (status 101) when it closes."""
        if not self.access_log.exists():
            return []
        found = []
        for line in self.access_log.read_text(errors="replace").splitlines():
            match = re.search(r'"[A-Z]+ (\S+) [^"]*" (\d+) upstream=(.*) request_time=', line)
            if match and match.group(1).startswith(path_prefix):
                found.append((int(match.group(2)), match.group(3).strip()))
        return found

    def wait_logged(self, path_prefix: str, after: int, count: int, seconds: float = 10) -> list[tuple[int, str]]:
        """The entries past the first `after` (see logged()), once there are `count` of them: nginx writes a
        request's line just after it has sent the response."""
        wait_until(lambda: len(self.logged(path_prefix)) >= after + count, seconds, "nginx's access log")
        return self.logged(path_prefix)[after:]

    def stop(self) -> None:
        end(self.process, signal.SIGTERM, 15)  # nginx's fast shutdown; its workers go with it
        if self._stderr:
            self._stderr.close()
