"""Fixtures for the browser tests: the whole bot and the web page on free ports, and headless Chromium.

Nothing is mocked: the action server, Rasa (with credentials.yml's socketio channel) and ops/serve_web.py
run for real, and Debian's Chromium loads the page through Playwright. Screenshots go to results/e2e/. Rasa keeps
the conversations in a SQLite file of its own (Servers.conversations), with the project's tracker store, so tests
can read the store itself.
"""

import contextlib
import dataclasses
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from harness import bot_servers
from ops import serve_web
from tests.e2e.browser_chat import SHOTS, Chat

PROJECT = Path(__file__).resolve().parents[2]
ENSURE_CHROMIUM = PROJECT / "ops" / "ensure_chromium.sh"
EMBEDDING = PROJECT / "docs" / "deployment.md"  # its "Embedding the chat on another site" snippet
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's Chromium; ops/ensure_chromium.sh installs it (as root) when it is missing."""
    found = subprocess.run(["bash", str(ENSURE_CHROMIUM)], capture_output=True, text=True)
    path = found.stdout.strip().splitlines()[-1] if found.stdout.strip() else ""
    if found.returncode != 0 or not Path(path).is_file():
        pytest.fail(
            "Chromium is missing and could not be installed: install Debian's 'chromium' package "
            f"(apt-get install -y chromium).\n{found.stderr.strip()}",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def web_bundle() -> Path:
    """rasa-webchat's bundle from web/node_modules; runs `npm ci` in web/ when it is missing."""
    if not serve_web.BUNDLE.is_file():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("web/node_modules is missing and npm is not installed: install npm, then `make test-e2e`.")
        subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=serve_web.WEB, check=True)
    return serve_web.BUNDLE


@dataclasses.dataclass
class Servers:
    page_url: str
    page_origin: str
    rasa_url: str
    conversations: Path  # the SQLite tracker store
    other_site_url: str  # a page of another origin that embeds the chat as docs/deployment.md says; allowed
    refused_site_url: str  # the same page from an origin that is not in WEB_ORIGIN


def embedding_page(web_url: str, rasa_url: str) -> bytes:
    """Another site's page with docs/deployment.md's embedding snippet, pointed at the servers under test."""
    snippet = re.search(r"```html\n(.*?)```", EMBEDDING.read_text(encoding="utf-8"), re.S)
    assert snippet, f"{EMBEDDING} has no html snippet"
    code = snippet.group(1).replace("https://chat.example.org", web_url).replace("https://rasa.example.org", rasa_url)
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Another site</title></head>"
        f"<body><h1>Another site</h1><p>This page embeds the muscle chat.</p>{code}</body></html>"
    ).encode()


def serve_page(port: int, body: bytes) -> ThreadingHTTPServer:
    class Page(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            found = self.path == "/"
            self.send_response(200 if found else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body if found else b"")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Page)
    serve_web.serve_in_thread(server)
    return server


@pytest.fixture(scope="session")
def servers(web_bundle, tmp_path_factory) -> Iterator[Servers]:
    """Action server, Rasa and the static web server, each on a free port, as `make web` runs them."""
    if not bot_servers.MODEL.exists():
        pytest.fail(f"{bot_servers.MODEL} is missing: run `make train` first.")
    endpoints = bot_servers.endpoints_with_store_in(tmp_path_factory.mktemp("e2e_store"))
    actions_port, rasa_port, web_port, other_port = (bot_servers.free_port() for _ in range(4))
    origin = f"http://localhost:{web_port}"
    other_site = f"http://localhost:{other_port}"
    origins = [origin, other_site]
    rasa_url = f"http://localhost:{rasa_port}"
    with contextlib.ExitStack() as running:
        running.callback(bot_servers.start_action_server(actions_port, name="e2e_action_server").stop)
        running.callback(
            bot_servers.start_rasa_server(
                rasa_port,
                actions_port,
                name="e2e_rasa_server",
                endpoints=str(endpoints),
                extra_args=["--cors", *origins],
                extra_env={"WEB_ORIGIN": " ".join(origins)},
            ).stop
        )
        for server in (
            serve_web.make_server("127.0.0.1", web_port, rasa_url, quiet=True),
            serve_page(other_port, embedding_page(origin, rasa_url)),
        ):
            running.callback(server.server_close)
            running.callback(server.shutdown)
            serve_web.serve_in_thread(server)
        yield Servers(
            page_url=f"{origin}/",
            page_origin=origin,
            rasa_url=rasa_url,
            conversations=endpoints.parent / bot_servers.STORE_FILE,
            other_site_url=f"{other_site}/",
            refused_site_url=f"http://127.0.0.1:{other_port}/",
        )


@pytest.fixture(scope="session")
def browser(chromium_path) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def new_chat(browser, servers, request) -> Iterator[Callable[[str], Chat]]:
    """Opens a fresh browser profile (empty localStorage, so a new conversation) on a page."""
    contexts = []

    def open_chat(url: str, **context_options) -> Chat:
        """context_options: Playwright's browser.new_context options, e.g. a phone's viewport and touch."""
        options = {"viewport": {"width": 1280, "height": 900}, "locale": "en-US", **context_options}
        context = browser.new_context(**options)
        context.set_default_timeout(30_000)
        contexts.append(context)
        return Chat(context.new_page(), url)

    try:
        yield open_chat
    finally:
        failed: pytest.TestReport | None = getattr(request.node, "report_call", None)
        for number, context in enumerate(contexts):
            if failed is not None and failed.failed and context.pages:
                SHOTS.mkdir(parents=True, exist_ok=True)
                context.pages[0].screenshot(path=str(SHOTS / f"FAILED_{request.node.name}_{number}.png"))
            context.close()


@pytest.fixture
def chat(new_chat, servers) -> Chat:
    """A new conversation on the project's chat page."""
    return new_chat(servers.page_url)
