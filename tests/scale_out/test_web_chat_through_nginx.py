"""The web chat once through nginx (deploy/nginx.conf) in front of two Rasa servers: greeting, an answer, and a
reload that keeps the conversation. Headless Debian Chromium driven by Playwright, as in tests/e2e.

socket.io's long-polling requests only work if every request of one browser reaches the server that opened its
session, so the test also reads nginx's access log: all of the page's /socket.io/ requests, the WebSocket
upgrade included, went through nginx to one Rasa server.
"""

import re
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from ops import serve_web
from tests.e2e.browser_chat import REPLY_TIMEOUT, Chat
from tests.e2e.conftest import browser, chromium_path, web_bundle  # noqa: F401 (fixtures)

SECTION_LINE = re.compile(r"Article sections?: “[^”]+”")


@pytest.fixture
def chat_page(cluster, web_port, web_bundle, browser) -> Iterator[Chat]:  # noqa: F811 (fixtures imported above)
    """web/ served on the port whose origin the Rasa servers accept, pointing the widget at nginx."""
    server = serve_web.make_server("127.0.0.1", web_port, cluster.balancer.url, quiet=True)
    serve_web.serve_in_thread(server)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    context.set_default_timeout(30_000)
    try:
        yield Chat(context.new_page(), f"http://localhost:{web_port}/")
    finally:
        context.close()
        server.shutdown()
        server.server_close()


def test_web_chat_through_nginx_greets_answers_and_keeps_its_history_on_reload(cluster, chat_page):
    chat = chat_page
    logged_before = len(cluster.balancer.logged("/socket.io/"))

    chat.open()
    expect(chat.bot_messages().first).to_contain_text("I'm an automated assistant, not a doctor")
    reply = chat.say("What is a muscle twitch?")
    assert any(SECTION_LINE.search(text) for text in reply), reply
    before = chat.items().all_inner_texts()
    session_id = chat.session_id()

    chat.page.reload()
    expect(chat.items()).to_have_count(len(before), timeout=REPLY_TIMEOUT * 1000)
    chat.wait_until_quiet(0)
    assert chat.items().all_inner_texts() == before
    assert chat.session_id() == session_id
    assert chat.say("thanks"), "no reply after the reload"
    chat.screenshot("nginx_01_after_reload")
    chat.assert_clean()
    assert all(str(cluster.balancer.port) in url for url in chat.requests if "/socket.io/" in url)

    chat.page.close()  # ends the WebSocket, which nginx logs when it closes
    deadline = time.monotonic() + 10
    while not any(status == 101 for status, _ in cluster.balancer.logged("/socket.io/")[logged_before:]):
        assert time.monotonic() < deadline, "no WebSocket upgrade went through nginx"
        time.sleep(0.2)
    used = {upstream for _status, upstream in cluster.balancer.logged("/socket.io/")[logged_before:]}
    assert len(used) == 1, f"the socket.io requests of one browser reached several servers: {used}"
