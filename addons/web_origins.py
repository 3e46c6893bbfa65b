"""Which web pages may use the chat: read by the socket.io channel's origin check and by `make web`'s CORS."""

import os
from collections.abc import Mapping


def web_origins(environ: Mapping[str, str] = os.environ) -> list[str]:
    """The page origins allowed to use the chat: WEB_ORIGIN (space- or comma-separated), else the web page's own
    address (http://localhost:WEB_PORT and http://127.0.0.1:WEB_PORT, WEB_PORT defaulting to 8000)."""
    configured = environ.get("WEB_ORIGIN", "").replace(",", " ").split()
    port = environ.get("WEB_PORT") or "8000"
    return configured or [f"http://localhost:{port}", f"http://127.0.0.1:{port}"]
