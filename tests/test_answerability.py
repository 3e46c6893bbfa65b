"""What the article does not cover is caught before any article answer (muscle_triage/understanding/answerability.py),
and what it does cover is not."""

import pytest

from muscle_triage.understanding import spelling, topic_gaps
from muscle_triage.understanding.answerability import REMEDIES, UNNAMED_CAUSES, uncovered
from muscle_triage.understanding.wording import normalise

OTHER = "other conditions the article does not discuss"


def gap(text: str) -> str | None:
    return uncovered(normalise(spelling.correct(text)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("how many mg of magnesium is safe", "amounts, doses or how long to wait"),
        ("how much water should I drink a day so I stop cramping", "amounts, doses or how long to wait"),
        ("how much magnesium can i take for cramps", "amounts, doses or how long to wait"),
        ("how long should I wait before seeing someone about my twitch", "amounts, doses or how long to wait"),
        ("could low iron after giving birth be causing my cramps", "vitamins and deficiencies"),
        # any amount or count, in any wording
        ("How many litres of water I must drink in day so I don't have cramps?", "amounts, doses or how long to wait"),
        ("how many ml of water per hour on the bike to keep cramps away?", "amounts, doses or how long to wait"),
        ("how many days b4 i go 2 doc if twitch dont stop", "amounts, doses or how long to wait"),
        ("should I see a chiropractor or a GP", "which kind of doctor or therapist to see"),
        (
            "would seeing a chiropractor for an adjustment help with my neck spasms?",
            "which kind of doctor or therapist to see",
        ),
        ("what kind of doctor should I see for spasms", "which kind of doctor or therapist to see"),
        ("is a heat pack better than ice for a cramp", "heat, ice, massage and other treatments"),
        ("would acupuncture help my back spasms?", "heat, ice, massage and other treatments"),
        ("can being low on vitamin D cause twitching?", "vitamins and deficiencies"),
        ("how many weeks does a pulled calf take to heal?", "amounts, doses or how long to wait"),
        ("are my spasms part of my fibromyalgia?", "other conditions the article does not discuss"),
        ("should I stop taking my blood pressure tablets", "whether to stop or change a medicine"),
        ("I'm pregnant and my calves cramp, is that normal", "other conditions the article does not discuss"),
        ("can I take naproxen for a spasm", REMEDIES),
        ("is cbd oil legit for twitches", REMEDIES),
        ("would reflexology help with my twitching", REMEDIES),
        ("my GP mentioned tizanidine for the spasms. is that a good idea?", REMEDIES),
        ("my brother just started baclofen, will it make him drowsy", REMEDIES),
        ("how many weeks does a torn hamstring muscle usually take to heal?", "amounts, doses or how long to wait"),
        ("is a tension headache the same as a spasm", "other conditions the article does not discuss"),
        # something sold to take or put on: which one, whether there is one, whether it works
        ("what cream can i rub on a cramp", REMEDIES),
        ("doctor suggested a botox injection for my neck spasm, is it safe or not?", REMEDIES),
        ("would a cortisone jab sort out my hammy that keeps spasming?", REMEDIES),
        ("is tonic water with quinine safe to drink every night for leg cramps?", REMEDIES),
        ("is there a tablet that stops eyelid twitching?", REMEDIES),
        ("is magnesium spray any good", REMEDIES),
        ("do electrolyte tablets work for cramps", REMEDIES),
        ("can kids take magnesium", REMEDIES),
        ("can i give my son ibuprofen for his leg cramps", REMEDIES),
        ("how long till a pulled calf heals", "amounts, doses or how long to wait"),
        ("how many days rest after a cramp", "amounts, doses or how long to wait"),
        ("should i stop my statins because of the cramps", "whether to stop or change a medicine"),
        ("what's the best thing to take for a charley horse", REMEDIES),
        ("any pills for cramps?", REMEDIES),
        ("best supplement for muscle twitching?", REMEDIES),
        ("what can i put on it to ease the pain", REMEDIES),
        ("is it alright to take my husband's muscle relaxers?", REMEDIES),
        ("which specialist deals with twitching, a neurologist?", "which kind of doctor or therapist to see"),
        # pregnancy meant, not said; families; something to buy; whether a remedy is real
        ("Could my leg cramps affect the baby in any way?", OTHER),
        ("will the cramps stop once the baby arrives?", OTHER),
        (
            "My mother had twitches all her life. Is it hereditary? Can I pass it to my son?",
            "whether it runs in families",
        ),
        ("do cramps run in families", "whether it runs in families"),
        ("wot kind of shoes shud i get so me feet dont cramp", REMEDIES),
        ("the lads do pickle juice shots for cramps, is that a real thing or a wind up", REMEDIES),
        ("Are cramps simply more common once you're past seventy?", "whether age plays a part"),
        # a cause told at length
        ("can all the vibration coming up through the cab floor give you twitches in your legs", UNNAMED_CAUSES),
    ],
)
def test_a_question_the_article_does_not_answer_names_its_gap(text, expected):
    assert gap(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "what is a muscle spasm",
        "can statins cause cramps",
        "does taking diuretics mess with your muscles",
        "how many types of twitches are there",
        "how much does a spasm hurt compared with a twitch",
        "how much can cramps that keep coming back affect day to day life?",
        "dad barely drinks anything all day no matter how much i nag, could that give him cramps",
        "would upping how much I drink cut down on cramps?",
        "How much can frequent spasms interfere with sleep and ordinary jobs?",  # how far, not an amount
        # whether one of the article's own steps works, or how a spasm works
        "my mate stretches before bed, would that work for me",
        "my son takes tablets for asthma, how does a spasm work",
        # iron that is no mineral
        "i get cramps pumping iron at the gym, why",
        "my hand cramps while i iron shirts, why",
        "carried a cast iron bath up the stairs and my back went into a knot, was that from lifting it",
        "mate on my crew has spasms all the time, how do people cope with that long term",  # "on" a crew, not a remedy
        "how much time does a spasm usually last?",
        "how many different kinds of spasm are there",
        # one of the article's own steps, asked whether it helps, with nothing new beside it
        "coach says being dehydrated gives u cramps is that fr?? and does stretchin help or nah",
        "is stretching actually worth it? brother moans every time we do them",
        # the weather's heat is no treatment
        "my son plays cricket all day in this summer heat and gets calf cramps, is it due to less water?",
        "would drinking more water help with cramps",
        "my physio said I had clonus, what is that",
        "when should I see a doctor about twitching",
        "does stretching help prevent spasms",
        "can too much coffee make my eyelid twitch",
        "is a charley horse the same as a cramp?",
        "is an eyelid twitch a kind of fasciculation?",
        "is a bad back spasm a kind of cramp",
        "would stretching before bed help my calf cramps?",
        "does it make you weak?",
        # medicines as a cause are the article's
        "are there medicines that make muscles twitch",
        "what pills give you cramps as a side effect",
        "can water pills cause leg cramps",
        "is there anything i can do to stop cramps",
        "are there any tests for twitching",
        "what kind of doctor will check me",
        "any tips for cramps?",
        "are there any good stretches",
        # a cause with a prefix on one the article names; "cause" as a noun; a word for calm that is no remedy
        "can overtraining cause twitching?",
        "how do drs find the cause of spasms",
        "Are there any calming exercises that help with twitching brought on by nerves?",
        # a family's story around the question; the article's own steps, of a kind to do
        "Poor circulation runs in my family. Could bad circulation have anything to do with cramping in the legs?",
        "what kind of stretches should i do to stop cramps",
        # a cause, asked whether it is real
        "Is it true that too much coffee can set off twitching, or is that an old wives' tale?",
        # poor posture, in the words of the article's advice; an age said in passing or a count
        "does sittin slumped in ma chair aw day make them worse",
        "I dug over the vegetable patch, rather more than I ought to at my age, and now my shoulder twitches. Why?",
        "my calf twitched over 50 times today, is that normal",
    ],
)
def test_a_question_the_article_answers_has_no_gap(text):
    assert gap(text) is None


def test_a_remedy_question_is_judged_within_its_own_sentence():
    story = (
        "my friend was offered botox injections for the stiffness in her legs, which made me laugh because I "
        "thought it was for wrinkles, do botox injections actually work on spasms?"
    )
    assert uncovered(normalise(story)) == REMEDIES


@pytest.mark.parametrize(
    "text, gap",
    [
        ("ibuprofen ok for cramp?", REMEDIES),
        ("botox for eyelid twitch?", REMEDIES),
        ("which medicine can I take for the cramp?", REMEDIES),
        ("they offered injections in my neck for the spasms. are those safe, and do they work?", REMEDIES),
        ("how many litres of water is enough to not get cramps", "amounts, doses or how long to wait"),
        ("is DOMS the same thing as a cramp?", "other conditions the article does not discuss"),
        # the article's own: causes, its steps, its kinds
        ("what medications cause cramps?", None),
        ("stretching for cramps?", None),
        ("is a charley horse a kind of cramp", None),
        ("is clonus a type of spasm", None),
        ("does stretching actually work for cramps?", None),
        # a cause the article never names, asked whether it is one
        ("is it lactic acid build-up that causes cramps in a hard interval session?", UNNAMED_CAUSES),
        ("can quinine give you cramps", UNNAMED_CAUSES),
        ("can stress cause twitching", None),
        ("can that type of medicine give you cramps?", None),
        # asked in the order of a statement, or with a "?" that makes any word order a question
        ("i drink 2 or 3 beer after work. the beer can give me cramps?", UNNAMED_CAUSES),
        ("the coffee can give me twitches?", None),
        # the article says nothing of age
        ("Do cramps become more common as one gets older?", "whether age plays a part"),
        ("do you get more cramps the older you get", "whether age plays a part"),
        ("my older brother gets cramps, why?", None),
        ("for back spasm ibuprofen is ok or paracetamol is better? I have both in my drawer", REMEDIES),
        ("does caffeine cause twitches", None),
        # a remedy sworn by, even "because of" what is in it; one said to help
        (
            "My late husband swore by a glass of tonic water at bedtime for his leg cramps because of the quinine in"
            " it. I wonder whether there is anything in that?",
            REMEDIES,
        ),
        ("my grandmother always is saying tonic water with quinine help for night cramp. is true?", REMEDIES),
        # a reason for asking is no cause asked about
        ("can i take ibuprofen for a cramp because my leg is killing me rn", REMEDIES),
        ("is it because of the statins that i cramp", None),
        # a term of everyday words the article never puts together
        ("Is benign fasciculation syndrome a real diagnosis, or just something people on forums made up?", OTHER),
        ("is night cramp a real thing", None),
        ("benign fasciculation syndrome, real diagnosis or just a reddit thing", OTHER),
        ("night cramps, real thing or not?", None),
        ("does stretching help for cramps", None),
        # someone's symptom asked whether it could be a condition the article never names ("Tourette's" names one)
        (
            "could my son's eye twitching and blinking actually be a tic or tourette's? his teacher mentioned it",
            "other conditions the article does not discuss",
        ),
    ],
)
def test_what_a_question_asks_about_that_the_article_never_names(text, gap):
    assert uncovered(normalise(text)) == gap


@pytest.mark.parametrize(
    "text, gap",
    [
        ("is it ok for him to play in his match on saturday after a bad cramp?", "whether to play, train or rest"),
        ("if her calf goes mid-game should she come off or play on", "whether to play, train or rest"),
        ("can i just run through a cramp or should i stop and walk", "whether to play, train or rest"),
        ("why do I cramp when I run", None),
        ("should I stretch before I run?", None),
    ],
)
def test_whether_to_play_or_rest_is_not_the_articles(text, gap):
    assert uncovered(normalise(text)) == gap


@pytest.mark.parametrize(
    "text, gap",
    [
        # the asking points back at a medicine named in the sentence before it
        ("My mum takes amlodipine every morning. Could that be why her feet cramp?", UNNAMED_CAUSES),
        ("my dad is on baclofen now, does it make you sleepy", REMEDIES),
        ("a mate reckons it's because of the quinine, is that right?", REMEDIES),
        ("I take statins. Could that be why I cramp?", None),  # a cause the article names
        # said to stop them, of something the article never names
        ("my gran said pickle juice stops cramps, does it?", REMEDIES),
        ("my coach said stretching stops cramps, is he right?", None),
        # being what brings them on
        ("could teething be what's making him twitch?", UNNAMED_CAUSES),
        ("could stress be what's making me twitch?", None),
        # one of its kinds or something the article never names
        ("how would I know if it's a cramp or a thrombosis?", OTHER),
        ("is it a spasm or a twitch?", None),
        ("is that a cramp or something worse?", None),
        # age as what is asked about, not said in passing
        ("does age come into it with cramps?", "whether age plays a part"),
        ("at my age is it normal to twitch this much?", None),
        # a test the article never names
        (
            "will they have to do a muscle biopsy to check for it?",
            "tests other than the ones it names (bloodwork, imaging and EMG)",
        ),
        ("would they do a blood test to check for it?", None),
        # a treatment offered, asked whether it is a good option
        ("the clinic mentioned injections, would that be a sensible option for me?", REMEDIES),
        # a condition told of in the story around the question is not what it asks; asked, it is
        ("I'm five months pregnant and my calves cramp at night. What actually is a spasm?", None),
        ("I'm five months pregnant. Could that be why my calves cramp?", OTHER),
        ("how would I tell a blood clot from a calf cramp?", OTHER),
        # calming down is one of the article's own steps (stress-reducing techniques), not a remedy it never names
        ("what would you recommend for calming my nerves?", None),
        # told, not asked: steps one can take, a medicine prescribed as a cause, how much it changes a life
        ("what practical measures can I take to reduce the likelihood of a cramp on stage?", None),
        (
            "he was recently prescribed water tablets by his cardiologist; could they be responsible for his cramps?",
            None,
        ),
        ("my uncle Giuseppe has back spasms. how much this changes the daily life of someone?", None),
        # the article speaks of no newborns and no hiccups; a parent's tiredness since the baby came is told, not asked
        ("my baby gets the hiccups after every feed, is that a kind of spasm?", topic_gaps.NEWBORNS_OR_HICCUPS),
        ("my newborn's lip trembles when she cries, is that normal", topic_gaps.NEWBORNS_OR_HICCUPS),
        ("my eyelid has been fluttering since the baby came, is that from being exhausted?", None),
        # the subject of the asking left in the sentence before: a drink the article never names, beside its step
        ("aquarius, the sport drink, is better than water for no cramp?", REMEDIES),
        ("water, is better than coffee for no cramp?", None),
    ],
)
def test_what_a_question_names_beside_its_asking(text, gap):
    assert uncovered(normalise(spelling.correct(text))) == gap


TEST_DETAILS = "what having a test is like (whether it hurts, what it costs, how long it takes)"


@pytest.mark.parametrize(
    "text, gap",
    [
        ("does an emg hurt + how long does it take", TEST_DETAILS),
        ("is the blood test free or do I have to pay for it?", TEST_DETAILS),
        ("do I have to tell the DVLA about my spasms? can't lose my licence", "driving, work, insurance or costs"),
        ("will my insurance cover seeing a specialist?", "driving, work, insurance or costs"),
        # which tests, and an EMG after a spasm that hurt, are the article's
        ("what tests would a doctor do for twitching?", None),
        ("why does a muscle spasm after you've hurt it, and would an EMG pick anything up", None),
    ],
)
def test_what_a_test_is_like_and_driving_work_or_costs_are_not_the_articles(text, gap):
    assert uncovered(normalise(text)) == gap


@pytest.mark.parametrize(
    "text, gap",
    [
        # any medicine by name, in any frame: the drug dictionary knows it, no list of frames needs to
        ("is gabapentin what they give people for twitching?", REMEDIES),
        ("my aunt got Botox for her neck spasms, how does that even work", REMEDIES),
        ("would diazepam calm a back spasm down", REMEDIES),
        ("could the amitriptyline he's on be what makes his legs twitch?", UNNAMED_CAUSES),
        # the article's own medicines, as causes, stay its own; a medicine in a story is no question
        ("can atorvastatin give you cramps?", None),
        ("I take aspirin every morning and my calf cramped last night", None),
        # referred back to: "those", "that", after the sentence that names them
        ("my physio mentioned injections for the spasms. would those be advisable?", REMEDIES),
        ("can they give you a jab in the calf to stop it cramping", REMEDIES),
        # a choice among clinicians listed with commas
        ("who should I see, a physio, a chiropractor or what", "which kind of doctor or therapist to see"),
        # "dose" typed for "does"
        ("how long dose a cramp last", None),
        # a condition asked about by name, in more frames
        ("could the jerking be a seizure disorder?", OTHER),
        ("is restless arm an actual diagnosis", OTHER),
        # whether a medicine can do that is whether it is a cause, which the article answers
        ("she's on water tablets, can tablets really do that?", None),
        # a cause the article never lists, asked whether it brings them on or makes them worse, in everyday words
        ("can two lagers make cramps worse", UNNAMED_CAUSES),
        # everyday things, asked about as causes, that the article never lists
        ("can cold pool water give u cramps? our outdoor pool is freezing", UNNAMED_CAUSES),
        ("can teething make a toddler twitch", UNNAMED_CAUSES),
        ("does working in the cold bring cramps on more", UNNAMED_CAUSES),
        # asked the other way round
        ("is a cramp caused by ATP depletion stopping the myosin heads from detaching?", UNNAMED_CAUSES),
        ("are twitches brought on by something else altogether?", None),
        ("are cramps caused by low salt?", None),
        # but a cause it lists in other words, and the noun "cause", are the article's
        ("can worry bring on twitching", None),
        ("would they do scans or imaging to find the cause of spasms?", None),
        # a step the article names, with an everyday word beside it, is the article's; a rarer word names a remedy
        ("would some gentle stretching help, do you suppose?", None),
        ("is pickle juice or stretching any good for cramps?", REMEDIES),
        # whether a product or medicine named before works
        ("my friend had botox injections for her spasms, would that work for me", REMEDIES),
        ("the doctor gave him pills, will they work on his cramps", REMEDIES),
        ("could whey cause twitching?", UNNAMED_CAUSES),
        ("could undertraining cause twitching?", None),  # a prefix on a word of the article's
        ("can dehydration make cramps worse", None),
        # which ones the last answer meant, and the bot asked for an example, are no remedy questions
        ("what pills were those again?", None),
        ("could you give me an example of that, my head is mush", None),
        # an everyday word in another form is nothing new ("honestly": "honest")
        ("is a cramp honestly the same thing as a spasm", None),
    ],
)
def test_medicines_and_conditions_by_name_in_any_frame(text, gap):
    assert uncovered(normalise(spelling.correct(text))) == gap


def test_which_medicines_after_an_answer_on_causes_asks_for_the_ones_that_bring_them_on():
    said = normalise("which meds tho")
    assert uncovered(said) == REMEDIES
    assert uncovered(said, after_a_cause=True) is None
    assert uncovered(normalise("which meds should i take for it"), after_a_cause=True) == REMEDIES
