"""Which clauses of a message are questions of their own (muscle_triage.understanding.question_clauses), how the
NLU pipeline reads each alone (addons/question_clauses.py), and how their intents become the questions answered."""

import pytest
from rasa.shared.nlu.training_data.message import Message

from addons.input_guard import InputGuard
from addons.question_clauses import CLAUSE_TEXTS, QUESTION_CLAUSES, QuestionClauseSplitter
from muscle_triage.understanding import question_answering, question_reading
from muscle_triage.understanding.input_check import MAX_CHARACTERS
from muscle_triage.understanding.question_clauses import question_clauses, question_in_a_story
from muscle_triage.understanding.wording import normalise


@pytest.mark.parametrize(
    ("text", "clauses"),
    [
        ("what causes cramps how do i stop them", ["what causes cramps", "how do i stop them"]),
        # "do" is the main verb of a modal's question, not a second question
        (
            "can coffee really do that and how would a doctor find out",
            ["can coffee really do that", "how would a doctor find out"],
        ),
        (
            "what brings cramps on in the first place, and what can I do to stop them before race day?",
            ["what brings cramps on in the first place", "what can i do to stop them before race day"],
        ),
        (
            "when should i see a specialist what tests would they do",
            ["when should i see a specialist", "what tests would they do"],
        ),
        # a question word, a pronoun and a modal, as non-native speakers put it; a story before it is no question
        (
            "My son plays cricket all day. Is it due to less water? And what he should do so it doesn't come back?",
            ["is it due to less water", "what he should do so it doesn't come back"],
        ),
        (
            "Does clonus happen to healthy people, or does it mean something's wrong?",
            ["does clonus happen to healthy people", "does it mean something's wrong"],
        ),
        # a verb and a pronoun after a whole question, with no joining word
        (
            "whats the diff between a spasm n a twitch are they bad",
            ["whats the diff between a spasm n a twitch", "are they bad"],
        ),
        # "like" before a question word, as a filler, after a story
        (
            "my son gets cramps after swimming, like why does that happen and how do we stop it?",
            ["why does that happen", "how do we stop it"],
        ),
        # a question too short to read alone takes its sentence
        (
            "After spasm my muscle is stiff and hard, is normal? And if pain stay long time after, is bad sign?",
            ["after spasm my muscle is stiff and hard, is normal", "is bad sign"],
        ),
        # "how long", "ought": question openings too
        (
            "my foot cramped in the bath, still sore today, how long should a cramp normally go on for, and is pain "
            "that hangs about the next day a reason to see someone",
            [
                "how long should a cramp normally go on for",
                "is pain that hangs about the next day a reason to see someone",
            ],
        ),
        (
            "Is it usual for them to go on for so long, and ought she to have them seen to?",
            ["is it usual for them to go on for so long", "ought she to have them seen to"],
        ),
        # an account with its "I" left out asks nothing
        (
            "was on leg day and I could see my quad twitching, the lad next to me was like mate what is that, so what "
            "does it mean when you can see it moving and is a bulging muscle a reason to get it looked at",
            ["what does it mean when you can see it moving", "is a bulging muscle a reason to get it looked at"],
        ),
        # a phrase that brings in another question
        (
            "Can someone explain the different kinds of muscle spasm? and while im at it what on earth is a "
            "fasciculation, I saw the word online",
            [
                "can someone explain the different kinds of muscle spasm",
                "what on earth is a fasciculation, i saw the word online",
            ],
        ),
        # a question waiting for its verb is not cut before it
        (
            "the whole muscle goes rock hard, why does it do that, and why can't I straighten my leg out",
            # (the story names nothing uncommon to read it with)
            ["why does it do that", "why can't i straighten my leg out"],
        ),
        # a condition stays with the question it leads to
        (
            "if its happening every day for weeks does that mean somethings wrong, what would a specialist even do",
            ["if its happening every day for weeks does that mean somethings wrong", "what would a specialist even do"],
        ),
        # a leading word in -ly, "+" or "also" before the opening; a question word then anything where a clause begins
        (
            "is that the caffeine? also what usually causes calf cramps in the first place",
            ["is that the caffeine", "what usually causes calf cramps in the first place"],
        ),
        (
            "could an old ankle sprain be making my calf spasm? and honestly how bad does pain have to be",
            ["could an old ankle sprain be making my calf spasm", "how bad does pain have to be"],
        ),
        (
            "saw 'clonus' in some forum thread, what is it. separately: what's an ischemic spasm",
            ["clonus, what is it", "what's an ischemic spasm"],
        ),
        # "could you tell me" waits for what to tell
        (
            "Could you tell me what clonus is? And why do my calves cramp?",
            ["could you tell me what clonus is", "why do my calves cramp"],
        ),
        ("when should i see someone and what'll they do to me", ["when should i see someone", "what'll they do to me"]),
        # a joining word before a preposition and a question word
        (
            "How long is a spasm supposed to last, and at what point should I become concerned about it?",
            ["how long is a spasm supposed to last", "at what point should i become concerned about it"],
        ),
        # a question run on after a story with no stop between, as voice-to-text writes
        (
            "my wife gets bad period cramps is that a muscle spasm. what makes a muscle cramp anyway",
            ["is that a muscle spasm", "what makes a muscle cramp anyway"],
        ),
        # a question that ends without its "?"
        (
            "most twitches harmless y/n. and how bad does it have to get",
            ["most twitches harmless y/n", "how bad does it have to get"],
        ),
        # "who" and "which" with a verb after a comma tell of someone; "has" with no subject is an account
        (
            "My neighbour, who has Parkinson's, has spasms often. Is that caused by the illness? What is an EMG?",
            ["is that caused by the illness", "what is an emg"],
        ),
    ],
)
def test_two_questions_are_two_clauses(text, clauses):
    assert question_clauses(text) == clauses


@pytest.mark.parametrize(
    "text",
    [
        "what is a muscle spasm?",
        # a question word after a verb of finding out or telling asks nothing of its own
        "how would they work out what is causing it?",
        "what would a doctor do to find out why she keeps twitching?",
        # "when my back goes ..." tells when; it asks nothing
        "When my back goes into one of its spasms I can hardly bend down. Why does it make me so stiff?",
        "is it a spasm or a twitch when her eyelid flickers",
        # a question word waiting for its verb: "would they" belongs to "what sort of tests"
        "what sort of tests would they do?",
        "what kind of doctor should i see",
        # a relative clause or an idiom inside one question is not a second one
        "it went on for what felt like an age, is that normal?",
        "I have been under strain, what with my sister in hospital. Can worry alone bring that on?",
        "my foot does this jerky thing when it gets stretched, is that clonus?",
        "",
    ],
)
def test_one_question_is_no_clauses(text):
    assert question_clauses(text) == []


def test_the_one_question_a_story_is_told_around():
    story = (
        "ngl my dad gets back spasms like all the time n he cant sleep or do anything, does it mess up ur whole life"
    )
    assert question_in_a_story(story) == "does it mess up ur whole life"
    assert question_in_a_story("does it mess up your whole life?") is None  # no story around it
    assert question_in_a_story("my calf keeps cramping at night and it is so annoying every time") is None
    assert question_in_a_story("what causes cramps? and what stops them? my calf cramps every single night") is None


def _through_the_pipeline(text, read_clause, intent="ask_causes"):
    """The splitter, then a stand-in classifier (`read_clause` on each text), then the guard."""
    whole = Message(data={"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": []})
    messages = QuestionClauseSplitter().process([whole])
    for message in messages[1:]:
        read = read_clause(message.get("text"))
        message.set("intent", {"name": read, "confidence": 0.9})
        message.set("intent_ranking", [{"name": read}])
        message.set("entities", [])
    return InputGuard().process(messages)


def test_the_guard_leaves_one_message_with_each_clauses_intent_in_order():
    intents = {"what causes cramps": "ask_causes", "how do i stop them": "ask_prevention"}
    kept = _through_the_pipeline("what causes cramps how do i stop them", intents.get)
    assert len(kept) == 1
    assert kept[0].get("text") == "what causes cramps how do i stop them"
    assert kept[0].get(QUESTION_CLAUSES) == ["ask_causes", "ask_prevention"]
    assert QUESTION_CLAUSES in kept[0].as_dict(only_output_properties=True)


def test_the_question_a_story_hides_is_the_messages_intent():
    story = "my dad gets back spasms all the time and he cant sleep or do anything, does it mess up your whole life"
    kept = _through_the_pipeline(story, lambda _: "ask_living_with", intent="describe_symptom")
    assert kept[0].get("intent")["name"] == "ask_living_with"
    # a question the classifier could not place leaves the account an account
    kept = _through_the_pipeline(story, lambda _: "nlu_fallback", intent="describe_symptom")
    assert kept[0].get("intent")["name"] == "describe_symptom"


def test_question_clauses_that_agree_outweigh_a_guess_about_the_whole_message():
    text = "If I go to doctor for these spasms, how they will find out the reason? What all checking they will do?"
    kept = _through_the_pipeline(text, lambda _: "ask_diagnosis", intent="ask_when_specialist")
    assert kept[0].get("intent")["name"] == "ask_diagnosis"
    # clauses that disagree leave the whole message to the guard, as if it had none
    disagreeing = {"how they will find out the reason": "ask_diagnosis", "what all checking they will do": "ask_causes"}
    kept = _through_the_pipeline(text, disagreeing.get, intent="ask_when_specialist")
    alone = Message(data={"text": text, "intent": {"name": "ask_when_specialist", "confidence": 0.9}, "entities": []})
    assert kept[0].get("intent")["name"] == (InputGuard.intent_for(alone) or "ask_when_specialist")


def test_two_article_questions_told_with_an_account_are_answered_not_taken_for_the_account():
    text = "my partners legs cramp up loads, could bad circulation be to blame and would stretching help her"
    intents = {"could bad circulation be to blame": "ask_causes", "would stretching help her": "ask_prevention"}
    kept = _through_the_pipeline(text, intents.get, intent="describe_symptom")
    assert kept[0].get("intent")["name"] == "ask_causes"
    # a question the whole message was read as stays, though the account would otherwise make it one
    kept = _through_the_pipeline(text, intents.get, intent="ask_prevention")
    assert kept[0].get("intent")["name"] == "ask_prevention"


def test_one_question_and_unreadable_messages_get_no_clauses():
    assert (
        _through_the_pipeline("what is a muscle spasm?", lambda _: "ask_spasm_definition")[0].get(QUESTION_CLAUSES)
        is None
    )
    huge = "what causes cramps? how do i stop them? " * (MAX_CHARACTERS // 20)
    kept = _through_the_pipeline(huge, lambda _: "ask_causes")
    assert len(kept) == 1 and kept[0].get(QUESTION_CLAUSES) is None


@pytest.mark.parametrize(
    ("text", "intent", "clause_intents", "asked"),
    [
        # the clauses' two questions when the frames find fewer
        (
            "what causes cramps how do i stop them",
            "ask_prevention",
            ["ask_causes", "ask_prevention"],
            ["ask_causes", "ask_prevention"],
        ),
        # the same question twice is one; what is no article question is none
        ("is it bad? is it serious?", "ask_harmless", ["ask_harmless", "ask_harmless"], ["ask_harmless"]),
        ("what causes it? hello there you", "ask_causes", ["ask_causes", "greet"], ["ask_causes"]),
        # the clauses' two questions come before two the frames find
        (
            "why do I get cramps and what can I do to prevent them?",
            "ask_causes",
            ["ask_causes", "ask_living_with"],
            ["ask_causes", "ask_living_with"],
        ),
        # the frames' two when the clauses read alone find fewer
        (
            "why do I get cramps and what can I do to prevent them?",
            "ask_causes",
            ["ask_causes", "ask_causes"],
            ["ask_causes", "ask_prevention"],
        ),
        # one clause read as an article question, the other not: the whole message's question takes the other's place
        (
            "My wife have MS from few years. She will get spasms because of this illness? Plus how she can live normal"
            " with them?",
            "ask_causes",
            ["nlu_fallback", "ask_living_with"],
            ["ask_causes", "ask_living_with"],
        ),
        (
            "What is exactly a muscle spasm and how much time it last normally?",
            "ask_spasm_definition",
            ["ask_spasm_definition", "out_of_scope"],
            ["ask_spasm_definition", "ask_difference"],
        ),
        # a clause asking about breathing is the warning signs' to answer, whatever the classifier read in it
        (
            "can spasms mess with your breathing?? and what tests do docs do for it",
            "ask_when_specialist",
            ["ask_living_with", "ask_diagnosis"],
            ["ask_when_specialist", "ask_diagnosis"],
        ),
        # three questions, three answers, and no more
        (
            "could it be the anxiety, is there anything that helps, and would a doctor test for it",
            "ask_causes",
            ["ask_causes", "ask_prevention", "ask_diagnosis", "ask_harmless"],
            ["ask_causes", "ask_prevention", "ask_diagnosis"],
        ),
        # where the answers come from is one question, however many clauses put it
        (
            "where are you getting your info from, is it off a proper doctor or just the internet",
            "ask_source",
            ["ask_diagnosis", "ask_when_specialist"],
            ["ask_source"],
        ),
    ],
)
def test_the_clauses_intents_are_the_questions_asked_before_the_frames(text, intent, clause_intents, asked):
    assert question_reading.questions_asked(normalise(text), intent, clause_intents) == asked


@pytest.mark.parametrize(
    ("ranking", "question"),
    [
        ([("ask_causes", 0.9), ("ask_harmless", 0.1)], "ask_causes"),
        # read as about the bot or off-topic, a question clause still asks its likeliest article question
        ([("ask_capabilities", 0.65), ("ask_diagnosis", 0.11)], "ask_diagnosis"),
        # unless no article question is that likely
        ([("out_of_scope", 0.91), ("describe_symptom", 0.04), ("ask_difference", 0.02)], "out_of_scope"),
        ([], None),
    ],
)
def test_a_question_clauses_question(ranking, question):
    assert question_reading.clause_question(ranking) == question


def test_a_clause_guessed_to_ask_what_the_clause_before_asked_asks_its_next_likely_question():
    ranking = [("ask_when_specialist", 0.46), ("ask_diagnosis", 0.44)]
    said = normalise("what the specialist will do with me there")
    assert question_reading.clause_question(ranking, said, ["ask_when_specialist"]) == "ask_diagnosis"
    assert question_reading.clause_question(ranking, said, ["ask_causes"]) == "ask_when_specialist"
    # a far less likely guess is no better than the best
    ranking = [("ask_prevention", 0.8), ("ask_twitch_definition", 0.12)]
    said = normalise("what he should do so that it doesn't come during the match")
    assert question_reading.clause_question(ranking, said, ["ask_prevention"]) == "ask_prevention"
    # its strong frame first, when it has one
    said = normalise("what are the usual triggers for the harmless twitchy kind")
    ranking = [("ask_harmless", 0.85), ("ask_twitch_types", 0.11)]
    assert question_reading.clause_question(ranking, said, ["ask_harmless"]) == "ask_causes"
    # how spasms and twitches differ is asked a way at a time
    ranking = [("ask_difference", 0.9), ("ask_twitch_definition", 0.1)]
    said = normalise("can you actually see a twitch from the outside")
    assert question_reading.clause_question(ranking, said, ["ask_difference"]) == "ask_difference"


def test_each_of_two_questions_is_narrowed_by_the_message_less_the_other_questions_clauses():
    said = normalise("I take water tablets (for my ankles), might they give me cramps, and would drinking more help?")
    clauses = ["might they give me cramps", "would drinking more help"]
    clause_intents = ["ask_causes", "ask_prevention"]
    own = question_answering.words_of_each_question(said, clause_intents, clause_intents, clauses)
    assert own == {
        "ask_causes": "i take water tablets, might they give me cramps, and ?",
        "ask_prevention": "i take water tablets, , and would drinking more help?",
    }
    # one question needs no sharing out, and how they differ is asked in every way the message names
    assert question_answering.words_of_each_question(said, ["ask_causes"], clause_intents[:1], clauses[:1]) == {}
    asked = ["ask_difference", "ask_prevention"]
    assert list(question_answering.words_of_each_question(said, asked, asked, clauses)) == ["ask_prevention"]


def test_a_question_asked_twice_once_in_general_gets_its_whole_topic():
    said = normalise("is that the caffeine? also what usually causes calf cramps")
    clauses = ["is that the caffeine", "what usually causes calf cramps"]
    own = question_answering.words_of_each_question(said, ["ask_causes"], ["ask_causes", "ask_causes"], clauses)
    assert own == {"ask_causes": question_answering.NOTHING_SAID}
    answer = question_answering.answer_question("ask_causes", [], own["ask_causes"])
    assert answer is not None and answer == question_answering.answer_question("ask_causes")
    # each clause naming its own cause is narrowed as before
    both = ["is it the caffeine", "is it the stress"]
    assert question_answering.words_of_each_question(said, ["ask_causes"], ["ask_causes", "ask_causes"], both) == {}
    # how they differ, too: "are they always quick" names no one way, so every way is answered
    said = normalise("twitches: any muscle or only specific ones? + are they always quick")
    clauses = ["twitches: any muscle or only specific ones", "are they always quick"]
    asked = ["ask_difference"]
    own = question_answering.words_of_each_question(said, asked, asked * 2, clauses)
    assert own == {"ask_difference": question_answering.NOTHING_SAID}


def test_the_pipeline_keeps_each_question_clauses_words_and_drops_asides():
    text = "what actually brings them on, and then (the important one because I'm exhausted) what can I do to stop them"
    intents = {"what actually brings them on": "ask_causes", "what can i do to stop them": "ask_prevention"}
    kept = _through_the_pipeline(text, intents.get)
    assert kept[0].get(QUESTION_CLAUSES) == ["ask_causes", "ask_prevention"]
    assert kept[0].get(CLAUSE_TEXTS) == ["what actually brings them on", "what can i do to stop them"]


@pytest.mark.parametrize(
    ("clause", "ranking", "question"),
    [
        # read as off-topic or as an account, a clause framed outright as a question asks that one
        ("what even causes that when youre just lying there asleep", [("out_of_scope", 0.6)], "ask_causes"),
        ("why does my calf do that", [("describe_symptom", 0.6)], "ask_causes"),
        # a guess of another article question stays
        ("what even causes that when youre just lying there asleep", [("ask_living_with", 0.6)], "ask_living_with"),
    ],
)
def test_a_question_clause_framed_as_another_question_asks_that_one(clause, ranking, question):
    assert question_reading.clause_question(ranking, normalise(clause)) == question


@pytest.mark.parametrize(
    ("clause", "question"),
    [
        # one way spasms show themselves, taken by the classifier for what a spasm is
        ("how long does an ordinary muscle spasm generally last", "ask_difference"),
        ("is it usual for the muscle to feel stiff while it is going on", "ask_difference"),
        # what a spasm is, with no way it shows itself named
        ("what does a muscle spasm actually feel like", "ask_spasm_definition"),
    ],
)
def test_a_definition_guessed_for_a_clause_naming_an_aspect_asks_about_the_aspect(clause, question):
    ranking = [("ask_spasm_definition", 0.8), ("ask_difference", 0.1)]
    assert question_reading.clause_question(ranking, normalise(clause)) == question


def test_kinds_guessed_for_a_clause_naming_an_aspect_ask_about_the_aspect_unless_framed_as_kinds():
    ranking = [("ask_spasm_types", 0.8), ("ask_difference", 0.1)]
    said = normalise("how long does a typical spasm last")
    assert question_reading.clause_question(ranking, said) == "ask_difference"
    said = normalise("which kinds of spasm hurt the most")
    assert question_reading.clause_question(ranking, said) == "ask_spasm_types"
