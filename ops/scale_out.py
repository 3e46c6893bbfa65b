"""`make scale-out`: the deployment that scales out, on this machine, with one command.

Starts PostgreSQL and Redis (throwaway ones, unless deploy/scale-out.env or the environment names existing ones),
one action server, SERVERS Rasa servers and nginx in front of them on NGINX_HOST:RASA_PORT, and the web chat page
on WEB_PORT talking to nginx: the deployment of harness/scale_out_deployment.py, which the scale-out tests start
too. It prints where each part listens; Ctrl-C (or SIGTERM) stops all of it and deletes the throwaway stores.
The settings: deploy/scale-out.env (docs/deployment.md, "Starting it").
"""

import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from addons.web_origins import web_origins
from harness.bot_servers import LOGS, MODEL, PROJECT
from harness.scale_out_deployment import ScaleOutDeployment
from harness.scale_out_servers import ensure_binaries
from ops import serve_web
from ops.run_web import port_in_use

SETTINGS = PROJECT / "deploy" / "scale-out.env"
POSTGRES_VARIABLES = ("POSTGRES_HOST", "POSTGRES_PORT", "POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD")
REDIS_VARIABLES = ("REDIS_HOST", "REDIS_PORT", "REDIS_DB")
REDIS_OPTIONAL = ("REDIS_PASSWORD",)  # empty for a Redis without a password


# Read from the environment only: the ports `make` passes on, and the secrets.
FROM_ENVIRONMENT = ("RASA_PORT", "WEB_PORT", "POSTGRES_PASSWORD", "REDIS_PASSWORD")


def settings(path: Path = SETTINGS, environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The KEY=value lines of `path`, each overridden by a non-empty environment variable of the same name, and
    FROM_ENVIRONMENT."""
    found = dict.fromkeys(FROM_ENVIRONMENT, "")
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            found[key.strip()] = value.strip()
    return {key: environ.get(key) or value for key, value in found.items()}


def existing_store(
    config: dict[str, str], variables: tuple[str, ...], optional: tuple[str, ...] = ()
) -> dict[str, str] | None:
    """The store's variables, and the `optional` ones (empty when unset), when its host is set (an existing
    server), else None (a throwaway one)."""
    if not config.get(variables[0]):
        return None
    missing = [name for name in variables if not config.get(name)]
    if missing:
        raise SystemExit(f"scale_out: {variables[0]} is set, so set {', '.join(missing)} as well")
    return {name: config.get(name) or "" for name in variables + optional}


def _stop_on_signal(*_) -> None:
    raise KeyboardInterrupt


def describe(deployment: ScaleOutDeployment, web_url: str, root: Path) -> str:
    env = deployment.store_env
    logs = [server.log_path.relative_to(PROJECT) for server in deployment.servers]  # the action server's first
    lines = [
        f"nginx, for every client: {deployment.balancer.url} (REST: POST /webhooks/rest/webhook)",
        *(
            f"Rasa server {number}: {url} (pid {server.process.pid}, log {log})"
            for number, (url, server, log) in enumerate(
                zip(deployment.urls, deployment.servers[1:], logs[1:], strict=True), 1
            )
        ),
        *(f"Rasa server on another machine: {address}" for address in deployment.more_upstreams),
        f"action server: http://127.0.0.1:{deployment.actions_port} (log {logs[0]})",
        f"PostgreSQL: {env['POSTGRES_HOST']}:{env['POSTGRES_PORT']}, database {env['POSTGRES_DB']}"
        + (f" (throwaway, in {root})" if deployment.postgres else ""),
        f"Redis: {env['REDIS_HOST']}:{env['REDIS_PORT']}, db {env['REDIS_DB']}"
        + (" (throwaway)" if deployment.redis else ""),
        f"Web chat: {web_url}",
    ]
    return "\n".join(lines)


def main() -> int:
    config = settings()
    rasa_port, web_port = int(config.get("RASA_PORT") or 5005), int(config.get("WEB_PORT") or 8000)
    origins = web_origins({**config, "WEB_PORT": str(web_port)})
    for name, port in (("RASA_PORT", rasa_port), ("WEB_PORT", web_port)):
        if port_in_use(port):
            print(f"scale_out: port {port} is already in use; set {name} to a free port.", file=sys.stderr)
            return 1
    if not MODEL.exists():
        print(f"scale_out: {MODEL} is missing: run `make train` first.", file=sys.stderr)
        return 1
    ensure_binaries()
    root = Path(tempfile.mkdtemp(prefix="rasa-scale-out-"))
    root.chmod(0o711)  # the postgres user and nginx's workers reach their dirs inside
    deployment = ScaleOutDeployment(
        root,
        int(config["SERVERS"]),
        web_origins=tuple(origins),
        nginx_host=config["NGINX_HOST"],
        nginx_port=rasa_port,
        more_upstreams=tuple(config.get("MORE_RASA_SERVERS", "").split()),
        postgres=existing_store(config, POSTGRES_VARIABLES),
        redis=existing_store(config, REDIS_VARIABLES, REDIS_OPTIONAL),
    )
    # Ctrl-C too: a shell starts a background command with SIGINT ignored, and Python then leaves it so.
    for stop in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(stop, _stop_on_signal)
    web = None
    try:
        print(
            f"Starting PostgreSQL, Redis, the action server, {len(deployment.urls)} Rasa servers and nginx; "
            f"loading the model takes a minute or two. Logs: {LOGS.relative_to(PROJECT)}/scale_out_*.log",
            flush=True,
        )
        deployment.start_stores()
        deployment.start_servers()
        web = serve_web.make_server("127.0.0.1", web_port, deployment.balancer.url, quiet=True)
        print(describe(deployment, f"http://localhost:{web_port}/", root), flush=True)
        print("Ctrl-C stops all of it.", flush=True)
        web.serve_forever()
    except KeyboardInterrupt:
        print("\nStopping the web page, nginx, the Rasa servers, the action server and the stores...", flush=True)
    except (RuntimeError, TimeoutError, OSError, serve_web.BundleError) as error:
        print(f"scale_out: {error}", file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the stopping short
        if web is not None:
            web.server_close()
        deployment.stop()
        shutil.rmtree(root, ignore_errors=True)
    print("Stopped.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
