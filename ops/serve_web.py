"""A small static server for the web chat page: the files in web/ and rasa-webchat's bundle, nothing else.

Routes:
  /                          web/index.html
  /<file>.{html,css,js,...}  a file under web/ (never web/node_modules, package files or docs)
  /vendor/rasa-webchat.js    web/node_modules/rasa-webchat/lib/index.js, with its Google Fonts @import removed
                             and the accessibility fixes of ops/webchat_access.py applied
  /config.js                 where the browser finds Rasa's socket.io endpoint (from --rasa-url)

The bundle's CSS starts with ``@import url(https://fonts.googleapis.com/css?family=Inter...)``. Serving it as is
would make every visitor's browser call Google, so the import is cut out when the bundle is loaded and the page
uses a system font stack instead (web/style.css). The server refuses to start if any Google Fonts address is
left in the bundle. Every response also carries a Content-Security-Policy that allows only this server and the
Rasa server, so nothing else could be loaded even if a future bundle tried.

Usage: python -m ops.serve_web [--port WEB_PORT] [--rasa-url RASA_URL]  (`make web` runs it for you)
"""

import argparse
import json
import mimetypes
import os
import re
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ops import webchat_access

PROJECT = Path(__file__).resolve().parent.parent
WEB = PROJECT / "web"
BUNDLE = WEB / "node_modules" / "rasa-webchat" / "lib" / "index.js"
BUNDLE_ROUTE = "/vendor/rasa-webchat.js"
CONFIG_ROUTE = "/config.js"
SOCKET_PATH = "/socket.io/"

SERVED_SUFFIXES = {".html", ".css", ".js", ".svg", ".png", ".ico", ".woff2"}
FONT_IMPORT = re.compile(rb"@import url\((?:https?:)?//fonts\.googleapis\.com/[^)]*\);?")
EXTERNAL_FONT_HOSTS = (b"fonts.googleapis.com", b"fonts.gstatic.com")


class BundleError(RuntimeError):
    pass


def load_bundle(path: Path = BUNDLE) -> bytes:
    """rasa-webchat's self-contained bundle without the Google Fonts import, with the accessibility fixes."""
    if not path.is_file():
        raise BundleError(
            f"{path.relative_to(PROJECT)} is missing: run `npm ci` in web/ (`make web` and `make test-e2e` do it)"
        )
    bundle = FONT_IMPORT.sub(b"", path.read_bytes())
    for host in EXTERNAL_FONT_HOSTS:
        if host in bundle:
            raise BundleError(f"{path} still refers to {host.decode()} after removing its font @import")
    try:
        return webchat_access.apply_fixes(bundle)
    except webchat_access.FixDoesNotApply as error:
        raise BundleError(str(error)) from None


def websocket_url(http_url: str) -> str:
    parts = urlsplit(http_url)
    scheme = {"http": "ws", "https": "wss"}.get(parts.scheme, parts.scheme)
    return f"{scheme}://{parts.netloc}"


def content_security_policy(rasa_url: str) -> str:
    rasa = urlsplit(rasa_url)
    rasa_origin = f"{rasa.scheme}://{rasa.netloc}"
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            # rasa-webchat injects its CSS as <style> elements and sets inline styles.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            # rasa-webchat's carousel CSS embeds its icon font as a data: URI (no request).
            "font-src 'self' data:",
            f"connect-src 'self' {rasa_origin} {websocket_url(rasa_url)}",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def config_script(rasa_url: str) -> bytes:
    config = {"socketUrl": rasa_url.rstrip("/"), "socketPath": SOCKET_PATH}
    return f"window.MUSCLE_CHAT_CONFIG = {json.dumps(config)};\n".encode()


def resolve_static(url_path: str, root: Path = WEB) -> Path | None:
    """The file under web/ that a URL path names, or None if it must not be served."""
    path = unquote(url_path)
    if path in ("", "/"):
        path = "/index.html"
    parts = [part for part in path.split("/") if part]
    if not parts or any(part.startswith(".") or part in ("node_modules", "..") for part in parts) or "\\" in path:
        return None
    candidate = root.joinpath(*parts).resolve()
    root = root.resolve()
    if root not in candidate.parents or candidate.suffix not in SERVED_SUFFIXES or not candidate.is_file():
        return None
    return candidate


def make_handler(rasa_url: str, bundle: bytes, root: Path = WEB):
    csp = content_security_policy(rasa_url)
    config = config_script(rasa_url)

    class Handler(BaseHTTPRequestHandler):
        server_version = "muscle-web"
        sys_version = ""

        def _content(self) -> tuple[HTTPStatus, bytes, str]:
            path = urlsplit(self.path).path
            if path == BUNDLE_ROUTE:
                return HTTPStatus.OK, bundle, "text/javascript; charset=utf-8"
            if path == CONFIG_ROUTE:
                return HTTPStatus.OK, config, "text/javascript; charset=utf-8"
            file = resolve_static(path, root)
            if file is None:
                return HTTPStatus.NOT_FOUND, b"Not found\n", "text/plain; charset=utf-8"
            kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            if kind.startswith("text/") or kind.endswith("javascript"):
                kind += "; charset=utf-8"
            return HTTPStatus.OK, file.read_bytes(), kind

        def _respond(self, with_body: bool) -> None:
            status, body, kind = self._content()
            self.send_response(status)
            headers: dict[str, str] = {
                "Content-Type": kind,
                "Content-Length": str(len(body)),
                "Content-Security-Policy": csp,
                "X-Content-Type-Options": "nosniff",
                "Referrer-Policy": "no-referrer",
                "Cache-Control": "no-cache",
            }
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            if with_body:
                self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            self._respond(with_body=True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._respond(with_body=False)

        def log_message(self, format: str, *args) -> None:  # noqa: A002
            if self.server.quiet:  # type: ignore[attr-defined]
                return
            super().log_message(format, *args)

    return Handler


def make_server(host: str, port: int, rasa_url: str, quiet: bool = False, root: Path = WEB) -> ThreadingHTTPServer:
    """Binds the server (fails at once if the port is taken); call serve_forever() to serve."""
    server = ThreadingHTTPServer((host, port), make_handler(rasa_url, load_bundle(), root))
    server.daemon_threads = True
    server.quiet = quiet  # type: ignore[attr-defined]
    return server


def serve_in_thread(server: ThreadingHTTPServer) -> threading.Thread:
    thread = threading.Thread(target=server.serve_forever, name="serve_web", daemon=True)
    thread.start()
    return thread


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("WEB_PORT") or 8000))
    parser.add_argument(
        "--rasa-url",
        default=os.environ.get("RASA_URL") or f"http://localhost:{os.environ.get('RASA_PORT') or 5005}",
        help="Rasa's address as the browser sees it (default: RASA_URL, else http://localhost:RASA_PORT)",
    )
    args = parser.parse_args()
    try:
        server = make_server(args.host, args.port, args.rasa_url)
    except (BundleError, OSError) as error:
        print(f"serve_web: {error}", file=sys.stderr)
        return 1
    print(f"Serving web/ on http://localhost:{args.port}/ (Rasa at {args.rasa_url}); Ctrl-C stops it.", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
