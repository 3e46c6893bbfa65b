"""Hostile input on both channels of the real bot: fuzzed messages get a clear answer in time, malformed requests
get a 4xx, and nothing oversized stalls the server for anyone else (addons/channels.py, addons/webchat_channel.py).

Property-based (hypothesis, derandomized, bounded in examples and time) against a Rasa server and action server
this module starts on free ports.
"""

import json
import threading
import time
import urllib.error
import urllib.request
import uuid

import pytest
import socketio
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harness.bot_servers import Bot
from harness.rest_driver.client import send

ANSWER_SECONDS = 10  # every well-formed message is answered within this
REFUSE_SECONDS = 0.1  # an oversized request is refused within this
FUZZ = settings(
    max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck), database=None
)


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    running = Bot(tmp_path_factory.mktemp("hostile"), name="hostile")
    try:
        yield running.start()
    finally:
        running.stop()


def post(url: str, body: bytes, content_type: str = "application/json", timeout: float = 30) -> tuple[int, bytes]:
    request = urllib.request.Request(
        f"{url}/webhooks/rest/webhook", data=body, headers={"Content-Type": content_type}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def message_body(text, sender=None) -> bytes:
    return json.dumps({"sender": sender or f"fuzz-{uuid.uuid4().hex[:10]}", "message": text}).encode("utf-8")


# --- what people (and attackers) type -----------------------------------------------------------------------------
RIGHT_TO_LEFT = st.text(alphabet=st.characters(min_codepoint=0x0590, max_codepoint=0x06FF), min_size=1, max_size=40)
INVISIBLE = st.text(alphabet="\u200b\u200c\u200d\u2060\ufeff\u202e\u202d \t", min_size=1, max_size=20)
EMOJI = st.lists(
    st.sampled_from(["😀", "👍🏽", "👨‍👩‍👧", "🫁", "🏳️‍🌈", "❤️", "🇬🇧", "😮‍💨"]), min_size=1, max_size=12
).map("".join)
CONTROL = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=31), min_size=1, max_size=20)
LOOKS_LIKE_CODE = st.sampled_from(
    [
        '{"message": "hi", "sender": 1}',
        "<script>alert(document.cookie)</script>",
        "<img src=x onerror=alert(1)>",
        "'; DROP TABLE events; --",
        "SELECT * FROM events WHERE sender_id = '1' OR '1'='1';",
        "/restart",
        '/describe_symptom{"breathing_difficulty": false}',
        "{{7*7}} ${7*7} <%= 7*7 %>",
    ]
)
LONG = st.sampled_from(["cramp " * 1700, "a" * 10_000, "x" * 10_000 + " my calf cramps", "🫁" * 5000])
ANY_TEXT = st.text(max_size=300)
MESSAGES = st.one_of(RIGHT_TO_LEFT, INVISIBLE, EMOJI, CONTROL, LOOKS_LIKE_CODE, LONG, ANY_TEXT, st.just("   "))


@FUZZ
@given(text=MESSAGES)
def test_every_well_formed_rest_message_gets_a_text_reply_in_time(bot, text):
    started = time.perf_counter()
    status, body = post(bot.url, message_body(text))
    elapsed = time.perf_counter() - started
    replies = json.loads(body)
    assert status == 200 and elapsed < ANSWER_SECONDS, (status, elapsed)
    assert any(isinstance(reply.get("text"), str) and reply["text"].strip() for reply in replies), replies


MALFORMED = [
    ("empty body", b"", "application/json"),
    ("invalid JSON", b'{"sender": "a", "message": ', "application/json"),
    ("not an object", b'["my calf cramps"]', "application/json"),
    ("no message", b'{"sender": "a"}', "application/json"),
    ("numeric message", b'{"sender": "a", "message": 42}', "application/json"),
    ("list message", b'{"sender": "a", "message": ["hi"]}', "application/json"),
    ("null message", b'{"sender": "a", "message": null}', "application/json"),
    ("object sender", b'{"sender": {"a": 1}, "message": "hi"}', "application/json"),
    ("wrong content type", message_body("my calf cramps"), "text/plain"),
    ("form instead of JSON", b"sender=a&message=hi", "application/x-www-form-urlencoded"),
    ("2 MB body", message_body("cramp " * 350_000), "application/json"),
    ("300 KB message", message_body("cramp " * 50_000), "application/json"),
]


@pytest.mark.parametrize("what, body, content_type", MALFORMED, ids=[case[0] for case in MALFORMED])
def test_every_malformed_rest_request_gets_a_4xx_with_a_reason(bot, what, body, content_type):
    status, answer = post(bot.url, body, content_type)
    assert 400 <= status < 500, (what, status, answer[:200])
    assert json.loads(answer)["error"]


@FUZZ
@given(
    body=st.one_of(
        st.binary(max_size=200),
        st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20), st.lists, max_leaves=5).map(
            lambda value: json.dumps(value).encode()
        ),
        st.dictionaries(st.sampled_from(["sender", "message", "metadata"]), st.none() | st.integers(), max_size=3).map(
            lambda value: json.dumps(value).encode()
        ),
    )
)
def test_random_bodies_get_a_4xx_or_an_answer_never_a_5xx(bot, body):
    status, answer = post(bot.url, body)
    assert status < 500, (body[:100], status)
    if status == 200:
        assert any(reply.get("text") for reply in json.loads(answer))


def usual_seconds(url: str, question: str, times: int = 5) -> float:
    timings = []
    for _ in range(times):
        started = time.perf_counter()
        send(url, f"usual-{uuid.uuid4().hex[:8]}", question)
        timings.append(time.perf_counter() - started)
    return max(timings)


@pytest.mark.parametrize("oversized", [message_body("cramp " * 350_000), message_body("cramp " * 50_000)])
def test_an_oversized_request_is_refused_at_once_and_stalls_nobody(bot, oversized):
    question = "what causes muscle cramps?"
    usual = usual_seconds(bot.url, question)
    answered: dict = {}

    def ask_meanwhile() -> None:
        started = time.perf_counter()
        answered["reply"] = send(bot.url, f"meanwhile-{uuid.uuid4().hex[:8]}", question)
        answered["seconds"] = time.perf_counter() - started

    other = threading.Thread(target=ask_meanwhile)
    started = time.perf_counter()
    other.start()
    status, _ = post(bot.url, oversized)
    refused_after = time.perf_counter() - started
    other.join(timeout=30)
    assert status == 413 and refused_after < REFUSE_SECONDS, (status, refused_after)
    assert answered.get("reply") and answered["seconds"] <= 2 * usual + 0.25, (answered.get("seconds"), usual)
    assert send(bot.url, f"after-{uuid.uuid4().hex[:8]}", question), "the server answers normally afterwards"


# --- Socket.IO, as the web chat talks ------------------------------------------------------------------------------
SESSION = "<the connection's session>"  # stands for the session id the connection was confirmed


def socket_turns(url: str, events: list, quiet: float = 0.5) -> list[list[dict]]:
    """Sends each (event, data) in turn on one connection and collects the bot's messages after each; a data dict
    whose session_id is SESSION gets the connection's own. (Long-polling: python-socketio's websocket clients need
    packages the bot does not.)"""
    client = socketio.Client(reconnection=False)
    received: list[dict] = []
    confirmed = threading.Event()
    client.on("bot_uttered", lambda data: received.append(data))
    client.on("session_confirm", lambda *_: confirmed.set())
    client.connect(url, transports=["polling"], wait_timeout=20)
    try:
        session = uuid.uuid4().hex
        client.emit("session_request", {"session_id": session})
        assert confirmed.wait(20), "no session_confirm"
        replies = []
        for event, data in events:
            if isinstance(data, dict) and data.get("session_id") == SESSION:
                data = {**data, "session_id": session}
            received.clear()
            client.emit(event, data)
            deadline = time.monotonic() + ANSWER_SECONDS
            last_count, last_change = 0, time.monotonic()
            while time.monotonic() < deadline:
                time.sleep(0.05)
                if len(received) != last_count:
                    last_count, last_change = len(received), time.monotonic()
                elif received and time.monotonic() - last_change > quiet:
                    break
            replies.append(list(received))
        return replies
    finally:
        client.disconnect()


@FUZZ
@given(text=st.one_of(MESSAGES, st.sampled_from(["x" * 300_000, "my calf cramps " * 20_000])))
def test_every_socket_message_gets_a_text_reply_in_time_and_none_echoes_markup(bot, text):
    [reply] = socket_turns(bot.url, [("user_uttered", {"message": text, "session_id": SESSION})])
    texts = [message.get("text") for message in reply if message.get("text")]
    assert texts, reply
    for answer in texts:
        assert "<script" not in answer and "<img" not in answer and "onerror" not in answer, answer


@pytest.mark.parametrize(
    "data",
    ["just a string", ["a", "list"], 42, None, {"message": "hi"}, {"message": 42, "session_id": SESSION},
     {"message": None, "session_id": SESSION},
     {"message": "my calf cramps", "session_id": SESSION, "metadata": "{not json"}],
)  # fmt: skip
def test_a_malformed_socket_message_gets_an_answer_not_silence(bot, data):
    [reply] = socket_turns(bot.url, [("user_uttered", data)])
    assert any(message.get("text") for message in reply), (data, reply)


def test_the_socket_channel_answers_normally_after_the_fuzz(bot):
    [reply] = socket_turns(bot.url, [("user_uttered", {"message": "what is a muscle twitch?", "session_id": SESSION})])
    assert any("twitch" in (message.get("text") or "").lower() for message in reply), reply
