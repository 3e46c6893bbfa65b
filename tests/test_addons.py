"""The Rasa add-ons: the NLU input guard, the emergency policy, the never-silent channels and the web origins."""

import asyncio
import importlib

import pytest
import sqlalchemy.exc
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.lock_store import LockError
from rasa.core.tracker_store import FailSafeTrackerStore, InMemoryTrackerStore
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.training_data.message import Message

from addons.channels import (
    APOLOGY,
    MAX_BODY_BYTES,
    TRY_AGAIN,
    _NamedResponses,
    capped,
    fail_loudly,
    malformed,
    never_silent,
)
from addons.emergency_policy import EmergencyPolicy
from addons.input_guard import InputGuard
from addons.question_clauses import QUESTION_CLAUSES
from addons.web_origins import web_origins
from addons.webchat_channel import _readable
from muscle_triage.understanding.input_check import MAX_CHARACTERS


def guarded(text, intent="ask_causes", confidence=0.9, ranking=()):
    message = Message(
        data={
            "text": text,
            "intent": {"name": intent, "confidence": confidence},
            "entities": [],
            "intent_ranking": [{"name": name} for name in (intent, *ranking)],
        }
    )
    InputGuard().process([message])
    return message.get("intent")["name"]


@pytest.mark.parametrize("text", ["", "😀😀", "¿Qué causa los calambres musculares?", "x " * 1500])
def test_guard_sends_unreadable_messages_to_the_fallback(text):
    assert guarded(text) == "nlu_fallback"


@pytest.mark.parametrize("text", ["my calf cramps and I can't breathe", "cramp " * 1500 + " and now I can't breathe"])
def test_guard_makes_breathing_trouble_an_emergency_whatever_the_classifier_said(text):
    assert guarded(text, intent="describe_symptom") == "report_emergency"


@pytest.mark.parametrize(
    "text", ["my calf is cramping but I have no trouble breathing", "I can breathe fine, my back spasms"]
)
def test_guard_does_not_take_breathing_said_to_be_fine_for_an_emergency(text):
    assert guarded(text, intent="report_emergency") == "describe_symptom"


@pytest.mark.parametrize("text", ["I can't breathe, no trouble with my legs", "no pain but I'm struggling to breathe"])
def test_guard_keeps_the_emergency_when_any_trouble_is_named(text):
    assert guarded(text, intent="report_emergency") == "report_emergency"


@pytest.mark.parametrize(
    "text,intent",
    [
        ("can spasms cause difficulty breathing?", "ask_harmless"),
        ("my calf cramps but my breathing is fine", "describe_symptom"),
        ("what causes cramps?", "ask_causes"),
    ],
)
def test_guard_leaves_ordinary_messages_alone(text, intent):
    assert guarded(text, intent=intent) == intent


@pytest.mark.parametrize(
    "text, intent, ranking, expected",
    [
        # the article's one emergency is breathing trouble: none named, none kept
        ("I've been having some muscle trouble", "report_emergency", ["describe_symptom"], "describe_symptom"),
        ("do deep breathing exercises help with twitches?", "report_emergency", ["ask_prevention"], "ask_prevention"),
        (
            "should I get help if a spasm causes trouble breathing?",
            "report_emergency",
            ["ask_when_specialist"],
            "ask_when_specialist",
        ),
        ("should I go to the ER if I can't breathe?", "ask_when_specialist", [], "report_emergency"),
        # a "bot challenge" that never speaks to the bot
        ("my muscles are acting strange", "bot_challenge", ["describe_symptom"], "describe_symptom"),
        # frames the classifier did not learn
        ("what sets off my cramps?", "ask_spasm_definition", [], "ask_causes"),
        ("tips so my eyelid stops twitching", "ask_twitch_definition", [], "ask_prevention"),
        ("how can I tell which one I have, a spasm or a twitch?", "describe_symptom", [], "ask_difference"),
        ("statin side effects and leg cramps", "out_of_scope", [], "ask_causes"),
        ("I get a sharp cramp in my side whenever I bend", "ask_difference", [], "describe_symptom"),
        ("my shin cramped up earlier, is that a spasm or a twitching?", "describe_symptom", [], "ask_difference"),
        ("the nurse said I had a fasciculation, what's that", "describe_symptom", [], "ask_twitch_types"),
        ("parkinsons and muscle spasms", "ask_difference", [], "ask_causes"),  # keywords naming a cause
        ("twitching from too much espresso, true or not", "nlu_fallback", [], "ask_causes"),
        ("when do cramps stop being harmless and need a doctor", "ask_prevention", [], "ask_when_specialist"),
        ("could you help me write an essay", "ask_capabilities", [], "out_of_scope"),
        # an amount of one of the article's steps goes to the answering action, which declines it, with no muscle named
        ("how many litres water i must drink when i work in the heat", "ask_capabilities", [], "ask_when_specialist"),
        ("how many litres of petrol does my car take", "ask_capabilities", [], "ask_capabilities"),
        # left alone: off-topic questions, and a question about the question asked in the check
        ("what's good for a migraine?", "out_of_scope", [], "out_of_scope"),
        ("why do you need to know that?", "ask_causes", [], "ask_causes"),
        ("<b>my calf</b>", "describe_symptom", [], "nlu_fallback"),
        # where and what a muscle does, in words no list names: the check, not "I'm not sure"
        ("legs jerk when stretched. SCI.", "nlu_fallback", [], "describe_symptom"),
        # picks among what the last answer listed, though it tells of the person's own calf
        ("would the cramp I get in my calf at night be one of those?", "describe_symptom", [], "ask_follow_up"),
        # an account of an episode that says "stop", and a terse one: the check
        ("calf cramped up on me again around km 14 of my long run, had to stop n walk", "stop", [], "describe_symptom"),
        ("stop asking me about my calf", "stop", [], "stop"),
        # how to stop the contractions, not the check
        ("and how I can stop this to happen?", "stop", [], "ask_prevention"),
        ("what causes twitches n how do i make them stop", "stop", [], "ask_prevention"),
        ("how do I stop this?", "stop", [], "stop"),
        ("can we stop", "stop", [], "stop"),
        # an answer that sounds like "enough" to the classifier answers the question; asked to stop, it stops
        ("nah, it's strong enough", "stop", [], "deny"),
        ("no thanks, that's enough", "stop", [], "stop"),
        # a no that leaves the check is never read as an answer ("no trouble breathing")
        ("never mind", "stop", [], "stop"),
        ("no i don't want to do this", "stop", [], "stop"),
        (
            "Long enough that I have to stop, roughly one to three minutes, then it lets go.",
            "stop",
            [],
            "describe_symptom",
        ),
        ("please stop this now", "stop", [], "stop"),
        ("eyelid. 3 days.", "nlu_fallback", [], "describe_symptom"),
        ("got a knot in my shoulder that seizes up now and again", "nlu_fallback", [], "describe_symptom"),
        # the classifier's next guess is never the emergency: "summer" is not "summary", nor "break" "breathe"
        ("since summer break", "ask_summary", ["report_emergency"], "describe_symptom"),
        ("calf muscle spaz when I push off", "ask_follow_up", ["report_emergency"], "describe_symptom"),
        # it picks from the last answer, whatever a word of it suggested
        ("which one's a normal calf cramp then?", "ask_difference", [], "ask_follow_up"),
        (
            "okay, and which of those would a calf cramp in the middle of the night be?",
            "ask_difference",
            [],
            "ask_follow_up",
        ),
        ("who wrote this stuff - actual sports doc or some random blog?", "ask_when_specialist", [], "ask_source"),
        ("Who is writing this text what you use, is some doctor?", "bot_challenge", [], "ask_source"),
        ("and why does that happen?", "ask_causes", [], "ask_causes"),  # its own question
        ("what else?", "show_related_topics", [], "show_related_topics"),
        ("so about 5?", "describe_symptom", [], "describe_symptom"),  # an answer in the check
        ("n none", "deny", [], "deny"),  # "n" is no, not "and"
        # a question about the last answer is no "no", and no rating
        ("when not?", "deny", [], "ask_follow_up"),
        ("when is it not", "rate_unhelpful", [], "ask_follow_up"),
        ("why not", "affirm", [], "affirm"),
        ("no", "deny", [], "deny"),
        # what to do about what the last answer told of, whatever a word of it suggested
        ("right, how do I chill out then lol", "ask_diagnosis", [], "ask_follow_up"),
        # a condition asked about is no account
        ("and if it's only every so often?", "describe_symptom", [], "ask_follow_up"),
        ("and if I stretch it it goes away", "describe_symptom", [], "describe_symptom"),
        ("what if my calf cramps every night?", "describe_symptom", [], "describe_symptom"),
        ("ok and for not have it, what I must do?", "deny", [], "ask_follow_up"),
        # a "bot challenge" that never addresses the bot, pointing back at the last answer
        ("ok which minerals are we talking about then", "bot_challenge", ["ask_spasm_types"], "ask_follow_up"),
        ("are you a bot then", "bot_challenge", [], "bot_challenge"),
        ("ok so how do I stop my cramps then", "ask_prevention", [], "ask_prevention"),  # its own subject
        # a bare question the classifier reads as a follow-up stays one; a question with its own subject does not
        ("hang on, how come?", "ask_follow_up", ["ask_capabilities"], "ask_follow_up"),
        ("so from what tho", "ask_follow_up", ["show_related_topics"], "ask_follow_up"),
        ("why does my calf cramp", "ask_follow_up", ["ask_causes"], "ask_causes"),
        # only the other kind, after an answer about one, whatever the classifier made of it
        ("n what about spasms then?", "ask_spasm_definition", [], "ask_follow_up"),
        ("ok and a cramp", "ask_difference", [], "ask_follow_up"),
        ("and what causes spasms?", "ask_causes", [], "ask_causes"),
        # more about what the last answer told of, unless its words frame a question or it asks "and if ..."
        ("and what else usually comes along with it?", "ask_harmless", [], "ask_follow_up"),
        ("and is it dangerous?", "ask_harmless", [], "ask_harmless"),
        ("and if it doesn't go away?", "ask_when_specialist", [], "ask_when_specialist"),
        # the place the last answer spoke of
        ("and what happens to you there", "ask_capabilities", [], "ask_follow_up"),
        # picks from the last answer, even unread
        (
            "Okay, and which of those would a calf cramp in the middle of the night be?",
            "nlu_fallback",
            [],
            "ask_follow_up",
        ),
        # not understanding what the last answer told ("what do you mean?" in a check: its words are the check's)
        ("how it does that? I don't understand the mechanism", "nlu_fallback", [], "ask_follow_up"),
        ("I don't understand", "nlu_fallback", [], "nlu_fallback"),
        ("why do you need to know that?", "nlu_fallback", [], "nlu_fallback"),
    ],
)
def test_guard_corrects_what_the_classifier_cannot_be_trusted_with(text, intent, ranking, expected):
    assert guarded(text, intent=intent, ranking=ranking) == expected


@pytest.fixture
def policy(tmp_path):
    return EmergencyPolicy(
        EmergencyPolicy.get_default_config(),
        LocalModelStorage(tmp_path),
        Resource("emergency_policy"),
        ExecutionContext(None),
    )


@pytest.fixture(scope="module")
def domain():
    return Domain.load("domain.yml")


def tracker_with(events):
    return DialogueStateTracker.from_events("someone", events)


def user(intent):
    return UserUttered("text", {"name": intent, "confidence": 1.0})


def test_policy_answers_an_emergency_in_a_form_then_ends_the_form(policy, domain):
    events = [
        ActionExecuted("symptom_form"),
        ActiveLoop("symptom_form"),
        ActionExecuted("action_listen"),
        user("report_emergency"),
    ]
    assert policy.next_action(tracker_with(events)) == "utter_emergency"
    prediction = policy.predict_action_probabilities(tracker_with(events), domain)
    assert prediction.is_no_user_prediction and prediction.max_confidence == 1.0
    assert domain.action_names_or_texts[prediction.max_confidence_index] == "utter_emergency"
    assert policy.next_action(tracker_with(events + [ActionExecuted("utter_emergency")])) == "action_deactivate_loop"


def test_policy_stays_out_of_everything_else(policy, domain):
    in_form = [ActionExecuted("symptom_form"), ActiveLoop("symptom_form"), ActionExecuted("action_listen")]
    assert policy.next_action(tracker_with(in_form + [user("deny")])) is None
    assert policy.next_action(tracker_with([ActionExecuted("action_listen"), user("report_emergency")])) is None
    prediction = policy.predict_action_probabilities(tracker_with(in_form + [user("deny")]), domain)
    assert prediction.max_confidence == 0.0 and not prediction.is_no_user_prediction


def handle(on_new_message):
    output = CollectingOutputChannel()
    asyncio.run(never_silent(on_new_message)(UserMessage("hi", output, "someone")))
    return output.messages


def test_a_turn_with_no_reply_gets_an_apology():
    async def fails_silently(message):
        return None

    assert [m["text"] for m in handle(fails_silently)] == [APOLOGY]


def test_a_turn_with_a_reply_gets_no_apology():
    async def answers(message):
        await message.output_channel.send_response(message.sender_id, {"text": "an answer"})

    assert [m["text"] for m in handle(answers)] == ["an answer"]


@pytest.mark.parametrize(
    "failure",
    [
        sqlalchemy.exc.OperationalError("INSERT INTO events ...", {}, Exception("server closed the connection")),
        LockError("Error while acquiring lock. Error:\nConnection refused"),
    ],
    ids=["database", "redis"],
)
def test_a_turn_whose_store_fails_asks_to_try_again_after_what_it_said(failure):
    async def fails_on_save(message):
        await message.output_channel.send_response(message.sender_id, {"text": "an answer, never saved"})
        raise failure

    output = CollectingOutputChannel()
    saved = asyncio.run(never_silent(fails_on_save)(UserMessage("hi", output, "someone")))
    assert saved is False
    assert [m["text"] for m in output.messages] == ["an answer, never saved", TRY_AGAIN]


def test_any_other_error_still_fails_the_turn_loudly():
    async def breaks(message):
        raise ValueError("a bug")

    with pytest.raises(ValueError):
        handle(breaks)


def test_a_tracker_store_that_fails_fails_the_turn_instead_of_starting_a_new_conversation():
    class Unreachable(InMemoryTrackerStore):
        async def retrieve(self, sender_id):
            raise sqlalchemy.exc.OperationalError("SELECT ...", {}, Exception("connection refused"))

        async def save(self, tracker):
            raise sqlalchemy.exc.OperationalError("INSERT ...", {}, Exception("connection refused"))

    store = FailSafeTrackerStore(Unreachable(Domain.empty()))
    assert asyncio.run(store.retrieve("someone")) is None  # Rasa's way: taken for a new conversation
    fail_loudly(store)
    with pytest.raises(sqlalchemy.exc.OperationalError):
        asyncio.run(store.retrieve("someone"))
    with pytest.raises(sqlalchemy.exc.OperationalError):
        asyncio.run(store.save(DialogueStateTracker("someone", [])))


def test_rest_replies_name_the_response_behind_each_message():
    async def asks(message):
        # What Rasa sends for a domain response: its name rides along as utter_action.
        await message.output_channel.send_response(
            message.sender_id, {"text": "How often?\n\nPick one.", "utter_action": "utter_ask_frequency"}
        )
        await message.output_channel.send_response(message.sender_id, {"text": "free text from an action"})

    output = CollectingOutputChannel()
    asyncio.run(never_silent(asks, output=_NamedResponses)(UserMessage("hi", output, "someone")))
    assert [(m["text"], m.get("response")) for m in output.messages] == [
        ("How often?", "utter_ask_frequency"),
        ("Pick one.", "utter_ask_frequency"),
        ("free text from an action", None),
    ]


def test_web_origins_default_to_the_page_itself():
    assert web_origins({}) == ["http://localhost:8000", "http://127.0.0.1:8000"]
    assert web_origins({"WEB_PORT": "9000"}) == ["http://localhost:9000", "http://127.0.0.1:9000"]
    assert web_origins({"WEB_ORIGIN": "https://a.example, https://b.example"}) == [
        "https://a.example",
        "https://b.example",
    ]


def test_action_responses_are_checked_against_rasas_schema_by_a_validator_built_once(monkeypatch):
    """Rasa's own check builds a validator for the schema (and checks the schema) on every response."""
    import jsonschema
    from rasa.core.actions.action import RemoteAction

    from addons import fast_action_validation

    schema = RemoteAction.action_response_format_spec()
    validator_class = jsonschema.validators.validator_for(schema)
    build = validator_class.__init__
    builds = []

    def counted_build(validator, *args, **kwargs):
        build(validator, *args, **kwargs)
        if validator.schema == schema:  # validators for its parts are made while validating, by design
            builds.append(validator)

    monkeypatch.setattr(validator_class, "__init__", counted_build)
    importlib.reload(fast_action_validation)  # so that a validator built on import is counted too
    action = RemoteAction("action_answer_question", None)
    for _ in range(20):
        assert action._validate_action_result({"events": [], "responses": [{"text": "hi"}]})
    with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result({"events": "not a list"})
    assert len(builds) == 1


# --- hostile input, stopped at the channel ------------------------------------------------------------------------
class FakeRequest:
    def __init__(self, body: bytes, content_type: str = "application/json"):
        self.body, self.content_type = body, content_type


@pytest.mark.parametrize(
    "body, content_type, status",
    [
        (b'{"sender": "a", "message": "my calf cramps"}', "application/json", None),
        (b'{"sender": "a", "message": "hi"}', "application/json; charset=utf-8", None),
        (b"", "application/json", 400),
        (b"{", "application/json", 400),
        (b'"just a string"', "application/json", 400),
        (b'{"sender": "a", "message": 7}', "application/json", 400),
        (b'{"sender": "a"}', "application/json", 400),
        (b'{"sender": 5, "message": "hi"}', "application/json", 400),
        (b'{"sender": "a", "message": "hi"}', "text/plain", 415),
        (b'{"sender": "a", "message": "' + b"x" * (MAX_BODY_BYTES + 1) + b'"}', "application/json", 413),
    ],
)
def test_the_rest_channel_names_what_is_wrong_with_a_request(body, content_type, status):
    problem = malformed(FakeRequest(body, content_type))
    assert (problem[0] if problem else None) == status


def test_a_message_is_capped_just_past_the_length_the_pipeline_refuses():
    assert capped("x" * 300_000) == "x" * (MAX_CHARACTERS + 1)
    assert capped("my calf") == "my calf" and capped(None) == "" and capped(42) == ""


@pytest.mark.parametrize(
    "data, readable",
    [
        ({"message": "hi", "session_id": "s"}, {"message": "hi", "session_id": "s", "metadata": {}}),
        ({"message": 4, "session_id": "s", "metadata": "{bad"}, {"message": "", "session_id": "s", "metadata": {}}),
        ({"message": "hi", "session_id": "s", "metadata": '{"a": 1}'},
         {"message": "hi", "session_id": "s", "metadata": {"a": 1}}),
        ({"message": "hi"}, None),
        ("hi", None),
        (None, None),
    ],
)  # fmt: skip
def test_a_socket_message_event_is_made_readable_or_refused(data, readable):
    assert _readable(data, needs_session=True, metadata_key="metadata") == readable


@pytest.mark.parametrize(
    "text, intent, ranking, expected",
    [
        ("chest cramp", "report_emergency", ("ask_spasm_definition",), "describe_symptom"),
        ("twitchy eyelid", "ask_causes", ("ask_twitch_definition",), "describe_symptom"),
        ("back spasm", "ask_spasm_definition", (), "describe_symptom"),
        ("calf cramp causes", "ask_causes", (), "ask_causes"),
        ("muscle spasm types", "ask_spasm_types", (), "ask_spasm_types"),
        ("back muscle spasms, can't bend down", "nlu_fallback", ("ask_spasm_types",), "describe_symptom"),
        ("quad cramping hard after squats", "nlu_fallback", ("bot_challenge",), "describe_symptom"),
        # the classifier unsure: an article guess is no answer to trust, the check is
        (
            "dad keeps saying his leg goes into a knot, is that what a spasm is",
            "nlu_fallback",
            ("nlu_fallback", "ask_spasm_definition", "ask_harmless"),
            "describe_symptom",
        ),
        # one's own muscle, in words that name no spasm or twitch
        (
            "There's a little flutter under the skin on the front of my right thigh that comes and goes. I started a"
            " new supplement stack around the same time and I'm wondering if it's related.",
            "nlu_fallback",
            ("nlu_fallback", "show_related_topics", "ask_spasm_types"),
            "describe_symptom",
        ),
        (
            "I've noticed a funny little ticking in the top of my arm, like a tiny moth under the skin. It doesn't"
            " hurt, but I wondered what it might be.",
            "out_of_scope",
            ("out_of_scope", "ask_difference", "ask_twitch_definition"),
            "describe_symptom",
        ),
    ],
)
def test_a_named_symptom_is_never_left_unread_or_taken_for_a_general_question(text, intent, ranking, expected):
    assert guarded(text, intent=intent, confidence=0.9, ranking=ranking) == expected


@pytest.mark.parametrize(
    "text",
    [
        "can a back spasm make it hard to breathe?",
        "is chest cramp + short of breath a 911 thing?? just wondering",
        "if my kid ever got a cramp and couldn't breathe what should i do",
    ],
)
def test_a_question_about_breathing_trouble_is_not_an_emergency_whatever_the_classifier_said(text):
    assert guarded(text, intent="report_emergency", ranking=("ask_when_specialist",)) == "ask_when_specialist"


@pytest.mark.parametrize(
    "text, intent, expected",
    [
        ("do twitches even hurt? mine just tickle", "describe_symptom", "ask_difference"),
        ("my leg went weak after the cramp. is that a thing?", "describe_symptom", "ask_difference"),
        ("ice or heat on a cramp", "describe_symptom", "ask_when_specialist"),  # declined by the answering action
        ("my leg went weak after the cramp", "describe_symptom", "describe_symptom"),  # an account, no question
    ],
)
def test_a_question_told_with_ones_own_symptom_is_answered_first(text, intent, expected):
    assert guarded(text, intent=intent, confidence=0.9) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("no, i breath well", "describe_symptom"),
        ("no, but now it's getting hard to breathe", "report_emergency"),
        ("cant breath", "report_emergency"),
    ],
)
def test_an_emergency_guess_on_an_answer_that_breathing_is_fine_is_not_one(text, expected):
    assert guarded(text, intent="report_emergency", confidence=0.9) == expected


def test_a_place_and_what_it_does_in_words_no_list_names_starts_the_check_whatever_the_guess():
    assert guarded("legs jerk when stretched. SCI.", intent="ask_prevention") == "describe_symptom"
    assert guarded("legs jerk when stretched. SCI.", intent="describe_symptom") == "describe_symptom"
    assert guarded("how do I stretch my legs to stop cramps", intent="ask_prevention") == "ask_prevention"
    # a body part mistyped too short to correct, doing what a muscle does: unsure, the check
    assert guarded("my cav tightend on my run and went hard as a rock", intent="nlu_fallback") == "describe_symptom"


@pytest.mark.parametrize(
    "text, intent, expected",
    [
        ("who actually wrote this stuff, is it legit?", "ask_capabilities", "ask_source"),
        ("where do you get your info from", "ask_causes", "ask_source"),
        (
            "this is all handy mate but where are you getting your info from, is it off a proper doctor or just the"
            " internet",
            "ask_diagnosis",
            "ask_source",
        ),
        ("Who wrote all this, is it from a proper doctor or off some website or what", "ask_diagnosis", "ask_source"),
        ("is this from a doctor or just a website? who actually wrote it", "ask_when_specialist", "ask_source"),
        ("where do cramps come from?", "ask_causes", "ask_causes"),
        ("is it true a spasm in the chest can make it hard to breathe?", "describe_symptom", "ask_when_specialist"),
        (
            "my son keeps getting cramps, does my mum need to take him to the doctor or nah",
            "describe_symptom",
            "ask_when_specialist",
        ),
        # pointing back to the last answer, and declined by the answering action either way
        ("could it be a B12 deficiency?", "ask_causes", "ask_follow_up"),
        # an example of what the last answer told, whatever a word of it suggests
        ("what would be an example of that, could it happen to me playing football", "ask_causes", "ask_follow_up"),
        ("give me an example of a stretching routine", "ask_prevention", "ask_prevention"),
    ],
)
def test_more_questions_are_read_as_asked(text, intent, expected):
    assert guarded(text, intent=intent, confidence=0.9) == expected


def test_a_question_asked_after_a_story_without_a_question_mark_is_still_the_question():
    text = (
        "head chef reckons my back spasms are becuz i stand hunched over the pass all nite, can bad posture cause them"
    )
    message = Message(
        data={
            "text": text,
            "intent": {"name": "ask_causes", "confidence": 0.93},
            "entities": [],
            "intent_ranking": [{"name": "ask_causes"}],
            QUESTION_CLAUSES: ["ask_causes"],
        }
    )
    assert InputGuard.intent_for(message) == "ask_causes"
    message.set(QUESTION_CLAUSES, [])  # no clause asks: the account it is
    assert InputGuard.intent_for(message) == "describe_symptom"


@pytest.mark.parametrize(
    "text, intent, expected",
    [
        # a short question pointing back, with no frame of its own: the last answer's topic
        ("does it usually turn up with anything else?", "ask_difference", "ask_follow_up"),
        ("when does that normally happen to people", "ask_difference", "ask_follow_up"),
        # a condition, a frame or a symptom named: as the classifier read it
        ("and if it doesn't go away?", "ask_when_specialist", "ask_when_specialist"),
        ("is it dangerous?", "ask_harmless", "ask_harmless"),
        ("does that make my calf cramp?", "ask_causes", "ask_causes"),
    ],
)
def test_a_short_question_pointing_back_follows_up_the_last_answer(text, intent, expected):
    assert guarded(text, intent=intent, confidence=0.74) == expected


def test_a_question_trailing_off_in_or_is_one():
    text = "freaking out because I googled my twitching, like are twitches usually harmless or"
    assert guarded(text, intent="ask_harmless", confidence=0.99) == "ask_harmless"


def test_a_question_about_breathing_heard_as_an_emergency_gets_an_answer_that_speaks_of_breathing():
    text = "what do you mean about the breathing part? is that common?"
    assert guarded(text, intent="report_emergency", ranking=("ask_summary", "ask_harmless")) == "ask_harmless"
    assert guarded(text, intent="report_emergency", ranking=("ask_summary",)) == "ask_when_specialist"


def test_the_summary_intent_needs_a_summary_asked_for():
    assert guarded("since the summer", intent="ask_summary", ranking=("describe_symptom",)) == "describe_symptom"
    assert guarded("summary please", intent="ask_summary") == "ask_summary"


def test_forgetting_the_conversation_needs_a_word_for_forgetting_it():
    # an answer on the pain scale, which the classifier once took for "forget me": the conversation must stay
    assert (
        guarded("he said about a 5", intent="forget_conversation", ranking=("describe_symptom",)) == "describe_symptom"
    )
    assert guarded("please forget everything I told you", intent="forget_conversation") == "forget_conversation"
    assert guarded("I don't want this chat saved", intent="forget_conversation") == "forget_conversation"
