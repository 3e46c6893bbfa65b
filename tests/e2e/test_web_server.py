"""The server side of the web chat, without a browser: what ops/serve_web.py serves, Rasa's CORS and
socket.io origin check (addons/webchat_channel.py), and how that channel emits custom payloads."""

import asyncio
import concurrent.futures
import json
import urllib.error
import urllib.request

import aiohttp
import pytest

from addons.webchat_channel import SocketIOOutput
from ops import serve_web, webchat_access

FOREIGN_ORIGIN = "http://elsewhere.example"


def run(coroutine):
    """asyncio.run in a thread of its own: Playwright's sync API keeps an event loop in the main thread."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def get(url: str, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_bundle_is_served_without_the_google_fonts_import(servers, web_bundle):
    assert b"fonts.googleapis.com" in web_bundle.read_bytes(), "rasa-webchat's bundle changed: check serve_web"
    status, headers, body = get(servers.page_url + "vendor/rasa-webchat.js")
    assert status == 200
    assert headers["Content-Type"].startswith("text/javascript")
    assert b"fonts.googleapis.com" not in body and b"fonts.gstatic.com" not in body
    assert b"WebChat" in body and len(body) > 500_000


def test_page_and_config_are_served_with_a_strict_policy(servers):
    status, headers, body = get(servers.page_url)
    assert status == 200 and b'<div id="chat"' in body
    policy = headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert f"connect-src 'self' {servers.rasa_url} {servers.rasa_url.replace('http', 'ws')}" in policy

    status, _, body = get(servers.page_url + "config.js")
    assert status == 200
    config = json.loads(body.decode().split("=", 1)[1].strip().rstrip(";"))
    assert config == {"socketUrl": servers.rasa_url, "socketPath": "/socket.io/"}


@pytest.mark.parametrize(
    "path",
    [
        "node_modules/rasa-webchat/lib/index.js",
        "node_modules/rasa-webchat/package.json",
        "package.json",
        "package-lock.json",
        "../README.md",
        "../credentials.yml",
        "%2e%2e/credentials.yml",
        "..%2fMakefile",
        "node_modules%2frasa-webchat%2flib%2findex.js",
    ],
)
def test_only_the_page_files_are_served(servers, path):
    status, _, _ = get(servers.page_url + path)
    assert status == 404


def test_rasa_allows_the_page_origin_and_no_other(servers):
    handshake = f"{servers.rasa_url}/socket.io/?EIO=4&transport=polling"
    _, headers, _ = get(handshake, {"Origin": servers.page_origin})
    assert headers.get("Access-Control-Allow-Origin") == servers.page_origin
    _, headers, _ = get(handshake, {"Origin": FOREIGN_ORIGIN})
    assert "Access-Control-Allow-Origin" not in headers


def socketio_connect_over_websocket(rasa_url: str, origin: str) -> str:
    """Opens a raw socket.io session over a WebSocket (where browsers apply no CORS); returns the answer."""

    async def connect() -> str:
        url = f"{rasa_url}/socket.io/?EIO=4&transport=websocket"
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(url, headers={"Origin": origin}) as socket:
                await socket.receive(timeout=10)  # engine.io "open"
                await socket.send_str("40")  # socket.io CONNECT
                return (await socket.receive(timeout=10)).data

    return run(connect())


def test_socketio_refuses_other_pages_even_over_websocket(servers):
    assert socketio_connect_over_websocket(servers.rasa_url, servers.page_origin).startswith("40{")
    assert socketio_connect_over_websocket(servers.rasa_url, FOREIGN_ORIGIN).startswith("44")  # CONNECT_ERROR


class RecordingSocket:
    """Stands in for python-socketio's AsyncServer: records what the channel emits."""

    def __init__(self):
        self.emitted = []

    async def emit(self, event, data=None, to=None, room=None, skip_sid=None, namespace=None, callback=None):
        self.emitted.append((event, data, room))


def test_custom_payloads_are_emitted_as_the_message():
    socket = RecordingSocket()
    output = SocketIOOutput(socket, "bot_uttered")
    triage = {"triage": {"level": "self_care", "reasons": []}}
    run(output.send_custom_json("session-1", dict(triage)))
    # Rasa's own convention, {"data": ...}, still works as before.
    run(output.send_custom_json("session-1", {"data": {"anything": 1}}))
    assert socket.emitted == [
        ("bot_uttered", triage, "session-1"),
        ("bot_uttered", {"anything": 1}, "session-1"),
    ]


def test_a_responses_metadata_goes_to_the_browser_with_its_text():
    socket = RecordingSocket()
    output = SocketIOOutput(socket, "bot_uttered")
    run(output.send_text_message("session-1", "Call now.\n\nDon't wait.", metadata={"alert": True}))
    run(output.send_text_message("session-1", "An ordinary answer."))
    assert socket.emitted == [
        ("bot_uttered", {"text": "Call now.", "metadata": {"alert": True}}, "session-1"),
        ("bot_uttered", {"text": "Don't wait.", "metadata": {"alert": True}}, "session-1"),
        ("bot_uttered", {"text": "An ordinary answer."}, "session-1"),
    ]


def test_the_served_bundle_has_every_accessibility_fix(servers):
    status, _, body = get(servers.page_url + "vendor/rasa-webchat.js")
    assert status == 200
    for fix in webchat_access.FIXES:
        assert body.count(fix.new) == fix.count, fix.why


def test_a_changed_bundle_is_refused_rather_than_served_half_fixed(web_bundle, tmp_path):
    changed = tmp_path / "index.js"
    changed.write_bytes(web_bundle.read_bytes().replace(b'className:"rw-send",', b'className:"rw-send-v2",'))
    with pytest.raises(serve_web.BundleError, match="the send button holds only an icon"):
        serve_web.load_bundle(changed)
