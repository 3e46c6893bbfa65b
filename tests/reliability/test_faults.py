"""Bad input and faults against the real bot over REST: every case gets a clear answer and nothing is lost.

Starts its own action server and Rasa server (SQLite tracker store in a temporary folder), and stops and
restarts them to prove that a restart or a dead action server loses no conversation.
"""

import json
import sqlite3
import urllib.error
import urllib.request
import uuid

import pytest

from addons.channels import APOLOGY
from harness.bot_servers import Bot, free_port, start_rasa_server
from harness.rest_driver.client import Reply, send
from harness.rest_driver.interview import run_interview

EMERGENCY = "Call your local emergency number now"
SYMPTOM_TEXT = "zebra-striped calf cramps"


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    running = Bot(tmp_path_factory.mktemp("faults"), name="faults")
    try:
        yield running.start()
    finally:
        running.stop()


def texts(messages):
    return "\n".join(message.get("text", "") for message in messages)


def new_sender():
    return f"faults-{uuid.uuid4().hex[:10]}"


@pytest.mark.parametrize(
    "message,expected",
    [
        ("", "came through empty"),
        ("   \t  ", "came through empty"),
        ("cramp " * 1700, "too long for me"),
        ("😀🙂😀", "not emoji or symbols"),
        ("¿Qué causa los calambres musculares?", "only understand English"),
        ("我的小腿抽筋了", "only understand English"),
        ("<script>alert('x')</script><b>hi</b>", "looks like code or markup"),
        ('{"name": "x", "value": 1}', "looks like code or markup"),
        ("\x00\x07\x08", "came through empty"),
        # Text the NLU cannot place: either honest answer is clear, and which one depends on the model.
        ("\x1b[31mred\x1b[0m \x00", ("not sure I understood", "outside what I can help with")),
    ],
)
def test_bad_input_gets_a_clear_answer_and_the_bot_keeps_serving(bot, message, expected):
    sender = new_sender()
    reply = texts(send(bot.url, sender, message))
    assert any(phrase in reply for phrase in ((expected,) if isinstance(expected, str) else expected)), reply
    assert "Article section" in texts(send(bot.url, sender, "what is a muscle spasm?"))


def start_check(bot, sender):
    reply = texts(send(bot.url, sender, "my calf cramps"))
    assert "difficulty breathing" in reply
    assert "How long does one episode" in texts(send(bot.url, sender, "no"))


def test_injected_values_are_validated_like_any_answer(bot):
    sender = new_sender()
    start_check(bot, sender)
    send(bot.url, sender, "a few minutes")
    reply = Reply.of(send(bot.url, sender, '/describe_symptom{"pain_level": "banana"}'))
    assert "utter_not_read" in reply.responses and reply.asked == "pain_level", reply.messages
    assert "0 (no pain at all) to 10" in reply.text  # the question once more, in plainer words


def test_injection_cannot_suppress_the_emergency_answer(bot):
    sender = new_sender()
    send(bot.url, sender, "my chest cramps")
    assert "How long does one episode" in texts(send(bot.url, sender, "/deny"))
    send(bot.url, sender, '/describe_symptom{"pain_level": "none", "duration": "a second"}')
    assert EMERGENCY in texts(send(bot.url, sender, "now I'm struggling to breathe"))
    assert EMERGENCY in texts(send(bot.url, sender, '/report_emergency{"body_part": "chest"}'))


def test_a_restart_in_the_middle_of_the_interview_loses_nothing(bot):
    sender = new_sender()
    start_check(bot, sender)
    bot.restart_rasa()
    assert "How much does it hurt" in texts(send(bot.url, sender, "about two minutes"))


def test_a_dead_action_server_gets_an_apology_and_the_conversation_continues_after(bot):
    sender = new_sender()
    start_check(bot, sender)
    bot.stop_actions()
    try:
        assert texts(send(bot.url, sender, "about two minutes")) == APOLOGY
        # An article question too: its answer and the "Was this helpful?" step both need the action server.
        assert texts(send(bot.url, new_sender(), "what is a muscle spasm?")) == APOLOGY
        assert "automated assistant, not a doctor" in texts(send(bot.url, new_sender(), "hello"))
        in_form = new_sender()
        send(bot.url, in_form, "no")  # any turn: the emergency must not need the action server
        assert EMERGENCY in texts(send(bot.url, in_form, "I can't breathe and my chest is cramping"))
    finally:
        bot.start_actions()
    assert "How much does it hurt" in texts(send(bot.url, sender, "about two minutes"))


def stored_senders(bot):
    with sqlite3.connect(bot.database) as connection:
        return dict(connection.execute("SELECT sender_id, COUNT(*) FROM events GROUP BY sender_id").fetchall())


def test_forget_me_in_the_middle_of_the_check_stops_it_and_deletes_the_conversation(bot):
    sender, other = new_sender(), new_sender()
    send(bot.url, other, "hello")
    start_check(bot, sender)
    reply = texts(send(bot.url, sender, "please forget everything I told you"))
    assert "delete this conversation" in reply and "How long does one episode" not in reply, reply
    assert "I've deleted this conversation" in texts(send(bot.url, sender, "yes"))
    stored = stored_senders(bot)
    assert sender not in stored and stored[other] > 0
    # The same sender starts afresh: a greeting, no check in progress.
    assert "automated assistant, not a doctor" in texts(send(bot.url, sender, "hello"))


def test_forget_me_needs_no_action_server(bot):
    """Outside the symptom check (inside it, the form's validation has to let the request through)."""
    sender = new_sender()
    assert "Article section" in texts(send(bot.url, sender, "what is a muscle spasm?"))
    bot.stop_actions()
    try:
        assert "delete this conversation" in texts(send(bot.url, sender, "please delete my conversation"))
        assert "I've deleted this conversation" in texts(send(bot.url, sender, "yes"))
    finally:
        bot.start_actions()
    assert sender not in stored_senders(bot)


def test_default_logs_hold_no_symptom_text(bot):
    sender = new_sender()
    send(bot.url, sender, f"I have {SYMPTOM_TEXT}")
    send(bot.url, sender, "no")
    for server in (bot.rasa, bot.actions):
        assert SYMPTOM_TEXT not in server.log_path.read_text(errors="replace")


def status_of(url, token=None):
    request = urllib.request.Request(url + (f"?token={token}" if token else ""))
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_http_api_is_off_by_default(bot):
    assert status_of(f"{bot.url}/conversations/someone/tracker") == 404


def test_an_enabled_http_api_refuses_requests_without_the_token(bot, monkeypatch):
    token = uuid.uuid4().hex
    port = free_port()
    server = start_rasa_server(
        port,
        bot.actions_port,
        name="faults_api_server",
        endpoints=str(bot.endpoints),
        extra_args=["--enable-api", "--auth-token", token],
    )
    try:
        url = f"http://localhost:{port}/conversations/someone/tracker"
        assert status_of(url) == 401
        assert status_of(url, token="wrong") == 401
        assert status_of(url, token=token) == 200
        body = json.dumps({"text": "hi"}).encode()
        request = urllib.request.Request(f"http://localhost:{port}/model/parse", data=body)
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 401
    finally:
        server.stop()


def test_a_check_where_no_answer_can_be_read_ends_cautiously_in_few_turns(bot):
    """Every answer is an emoji: the breathing question is asked twice, then taken as "not sure", never as "no",
    and the cautious reading of "not sure" about breathing is the emergency: the check ends there."""
    sender = f"unreadable-{uuid.uuid4().hex[:8]}"
    interview = run_interview(
        lambda text: Reply.of(send(bot.url, sender, text)), "my calf cramps", lambda slot, times: "🤷"
    )
    assert interview.result is not None, interview.transcript()
    assert interview.result["level"] == "emergency", interview.transcript()
    assert interview.emergency and interview.ask_counts == {"breathing_difficulty": 2}, interview.transcript()
    assert "breathing_difficulty" in interview.result["assumed"]


def test_the_tracker_keeps_the_message_as_typed_while_the_bot_reads_it_corrected(bot):
    sender = new_sender()
    reply = Reply.of(send(bot.url, sender, "my calff has a spsam and i cant brethe"))
    assert reply.emergency, reply.text  # read as corrected: "my calf has a spasm and I can't breathe"
    with sqlite3.connect(bot.database) as connection:
        rows = connection.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user'", (sender,)
        ).fetchall()
    [event] = [json.loads(data) for (data,) in rows]
    assert event["text"] == "my calff has a spsam and i cant brethe"
    assert event["parse_data"]["text"] == "my calf has a spasm and i can't breathe"
