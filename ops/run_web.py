"""`make web`: the action server, Rasa (REST + socketio channels) and the web page, with one command.

Ports come from RASA_PORT (5005), ACTIONS_PORT (5055) and WEB_PORT (8000). WEB_ORIGIN lists the page origins
Rasa accepts the chat from (space- or comma-separated; default http://localhost:WEB_PORT and
http://127.0.0.1:WEB_PORT): it becomes `rasa run --cors ...` and the socket.io origin check of
addons/webchat_channel.py. RASA_URL is Rasa's address as the browser sees it (default
http://localhost:RASA_PORT). Ctrl-C (or SIGTERM) stops all three. Server logs go to results/logs/web_*.log.
"""

import contextlib
import os
import signal
import socket
import sys

from addons.web_origins import web_origins
from harness import bot_servers
from ops import serve_web


def port_in_use(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _stop_on_sigterm(*_) -> None:
    raise KeyboardInterrupt


def main() -> int:
    rasa_port = int(os.environ.get("RASA_PORT") or 5005)
    actions_port = int(os.environ.get("ACTIONS_PORT") or 5055)
    web_port = int(os.environ.get("WEB_PORT") or 8000)
    rasa_url = os.environ.get("RASA_URL") or f"http://localhost:{rasa_port}"
    origins = web_origins({**os.environ, "WEB_PORT": str(web_port)})
    if "*" in origins:
        print("run_web: WEB_ORIGIN contains '*': Rasa will accept requests from any site.", file=sys.stderr)

    for name, port in (("RASA_PORT", rasa_port), ("ACTIONS_PORT", actions_port)):
        if port_in_use(port):
            print(f"run_web: port {port} is already in use; set {name} to a free port.", file=sys.stderr)
            return 1
    if not bot_servers.MODEL.exists():
        print(f"run_web: {bot_servers.MODEL} is missing: run `make train` first.", file=sys.stderr)
        return 1
    try:
        web = serve_web.make_server("127.0.0.1", web_port, rasa_url, quiet=True)
    except OSError as error:
        print(f"run_web: cannot serve on port {web_port} ({error}); set WEB_PORT to a free port.", file=sys.stderr)
        return 1
    except serve_web.BundleError as error:
        print(f"run_web: {error}", file=sys.stderr)
        return 1

    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    with contextlib.ExitStack() as running:
        running.callback(web.server_close)
        try:
            print(
                f"Starting the action server (:{actions_port}) and Rasa (:{rasa_port}); loading the model "
                "takes up to a minute. Logs: results/logs/web_*.log",
                flush=True,
            )
            running.callback(bot_servers.start_action_server(actions_port, name="web_action_server").stop)
            rasa = bot_servers.start_rasa_server(
                rasa_port,
                actions_port,
                name="web_rasa_server",
                extra_args=["--cors", *origins],
                # addons/webchat_channel.py refuses socket.io connections from other pages with the same list.
                extra_env={"WEB_ORIGIN": " ".join(origins)},
            )
            running.callback(rasa.stop)
            print(
                f"\nWeb chat: http://localhost:{web_port}/\n"
                f"(Rasa accepts the page from: {' '.join(origins)}). Ctrl-C stops all three servers.",
                flush=True,
            )
            web.serve_forever()
        except KeyboardInterrupt:
            print("\nStopping the web server, Rasa and the action server...", flush=True)
        except (RuntimeError, TimeoutError) as error:
            print(f"run_web: {error}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
