"""Which article question a message asks, from the way people frame questions, as a second opinion to the NLU.

Pure Python (no Rasa). The intent classifier learns from examples; people phrase questions in many more ways
("what sets it off", "tips so I don't get ...", "how can I tell ..."). The frames below say outright what a
question is about, so the NLU guard (addons/input_guard.py) uses them to correct the classifier where it is
clearly wrong, and the form uses them to answer a question asked along with an answer.
"""

import re
from typing import List, Optional, Sequence, Tuple

from actions import vocabulary
from actions.answer_readers import SENSATIONS
from actions.wording import normalise

QUESTION_INTENTS = (
    "ask_spasm_definition", "ask_twitch_definition", "ask_difference", "ask_spasm_types", "ask_twitch_types",
    "ask_causes", "ask_harmless", "ask_when_specialist", "ask_diagnosis", "ask_prevention", "ask_living_with",
)
_MUSCLE = r"(?:muscles?|spasm\w*|twitch\w*|cramp\w*|fasciculation\w*|clonus|contraction\w*|jerk\w*|flicker\w*|tic\b)"
_IT = r"(?:it|them|this|that|these|those|my \w+|the \w+|\w+ (?:spasms?|twitch\w*|cramps?))"

# (intent, frame). Strong frames name what is asked outright; they may overrule the classifier.
STRONG_FRAMES: Tuple[Tuple[str, str], ...] = (
    ("ask_difference",
     r"\bdifferen(?:ce|t) between\b|\bdistinguish\w*|\btell (?:them |the two |it |\w+ )?apart\b|\bhow (?:do|can|would)"
     r" (?:i|you|we|one|people) (?:tell|know) (?:if|whether|which|the difference|a|an|my)\b|\bthe same (?:thing|as)\b"
     r"|\bsame thing\b|\b(?:vs\.?|versus)\b|\bcompared? (?:to|with)\b|\btwo words for\b|\bor (?:is it )?(?:an? |just )?"
     r"(?:twitch|spasm|cramp)\w*[?!. ]*$|\bwhich (?:one )?is (?:it|this|mine)\b|\bhow do they differ\b"
     r"|\binterchangeabl\w*"),
    ("ask_diagnosis",
     r"\bdiagnos\w*|\bwhat tests?\b|\b(?:blood|nerve|muscle) tests?\b|\bblood ?work\b|\bx-?rays?\b|\bultrasound\b"
     r"|\bemg\b|\belectromyogra\w*|\bscans?\b|\bmri\b"
     r"|\bimaging\b|\bhow (?:do|will|would|can) (?:doctors?|they|the doctor|a doctor|physicians?) (?:find|figure|work|tell)"
     r"\b|\bfind (?:out )?(?:the )?cause\b|\bget tested\b|\bexamin\w*"),
    ("ask_living_with",
     r"\bcop(?:e|ing)\b|\blive with\b|\bliving with\b|\bdeal(?:ing)? with\b|\bday[- ]to[- ]day\b|\bdaily life\b"
     r"|\bget through the day\b|\bquality of life\b|\b(?:affect|ruin\w*|mess\w* up|impact\w*) (?:my |your |the )?"
     r"(?:life|sleep|work|day)\b|\bkeep(?:s|ing)? me (?:up|awake)\b|\bstill (?:exercise|work out|train|go to the gym)\b"),
    ("ask_prevention",
     r"\bprevent\w*|\bavoid\w*|\bstop (?:getting|having|them|it from|these|those|this from|my \w+ from)\b"
     r"|(?<!won't )(?<!wont )(?<!doesn't )(?<!can't )(?<!never )(?<!not )\bstop (?!asking|talking|this|that|the check"
     r"|now)\w+ing\b|\bwhat (?:can|should|could) i do\b|\bkeep (?:it|them|this|these) from\b|\btips?\b|\bward off\b|\bcut down on\b|\bless likely\b"
     r"|\bwhat can i do (?:so|to)\b|\bhow (?:do|can|could|would|should) i (?:stop|avoid|prevent|reduce)\b|\bso i don'?t"
     r" (?:get|have|keep)\b|\bnot (?:get|have) (?:them|it|these) (?:again|anymore|any more)\b|\bhelps? (?:with|stop|"
     r"reduce|ease|against)\b|\bgood for\b|\bget rid of\b|\bnever (?:get|have) (?:them|it) again\b"),
    ("ask_when_specialist",
     r"\bsee (?:a|my|the|an)? ?(?:doctor|gp|specialist|physician|neurologist|physio\w*|professional|someone)\b"
     r"|\bget (?:it |this |them |that |my \w+ )?(?:checked|looked at|seen to|examined)\b|\bgo (?:in|to (?:the |a )?"
     r"(?:doctor|gp|er|a&e|hospital|clinic))\b|\bmedical (?:attention|advice|help)\b|\bneed (?:a|to see a)? ?"
     r"(?:doctor|specialist)\b|\bwhen (?:is it time|should i (?:go|see|worry|get))\b|\bwarrants?\b"
     r"|\bwhich symptoms? (?:mean|should)\b|\bdoctor\b|\bspecialist\b"),
    ("ask_harmless",
     r"\bdanger\w*|\bharm\w*|\bserious\w*|\b(?:be|am|get|feel|i'?m|are) (?:\w+ )?(?:worried|concerned)\b"
     r"|\bworr(?:y|ied) (?:about|that|if)\b|\bneed to worry\b|\bworth worrying\b|\bworrying (?:sign|symptom)\b"
     r"|\bcause for concern\b|\bcause (?:\w+ )?(?:breathing (?:problems?|difficult\w*|trouble)|difficulty breathing"
     r"|trouble breathing|harm|damage|lasting damage|problems)\b|\bbad sign\b|\bsomething (?:bad|wrong"
     r"|worse|sinister)\b|\bbenign\b|\bis (?:it|this|that) (?:normal|ok|okay|safe|bad)\b|\bnothing to worry\b"
     r"|\bscared\b|\bafraid\b|\blife[- ]threatening\b|\bshould i (?:be )?(?:panic|freak)\w*|\bsign of\b"),
    ("ask_twitch_types",
     r"\b(?:types?|kinds?|sorts?|categor\w*|varieties|variety|forms?|classes)\b.*\btwitch|\btwitch\w*\b.*\b(?:types"
     r"|kinds|sorts|categories|varieties|all the same|all alike)\b|\bclonus\b|\bklonus\b|\bfascicula\w*"
     r"|\bspasticity\b|\bspastic\b"),
    ("ask_spasm_types",
     r"\b(?:types?|kinds?|sorts?|categor\w*|varieties|variety|forms?|classes)\b.*\b(?:spasm|cramp)|\b(?:spasm|cramp)"
     r"\w*\b.*\b(?:types|kinds|sorts|categories|varieties|all the same|all alike)\b|\bischa?emic\b"
     r"|\bsmooth muscle\b|\bskeletal muscle\b"),
    ("ask_causes",
     r"\bsets? (?:it |them |this |that |these |my \w+ |\w+ )?off\b|\bsetting (?:it |them )?off\b|\bbrings? (?:it |them "
     r"|this |that |these )?on\b|\bbringing (?:it |them )?on\b|\bbehind (?:it|them|this|that|these|my|the)\b"
     r"|\breasons? (?:for|why|behind)\b|\bhow come\b|\bwhat makes\b|\bwhy (?:do|does|am|is|are|would|did)\b"
     r"(?! (?:you|u)\b)|\bwhy (?:my|i|it)\b|\btrigger\w*|\bside[- ]effects?\b|\bcaus\w*"
     r"|\bresult of\b|\bdue to\b|\bbecause of\b|\blinked (?:to|with)\b|\bconnect\w*|\blink between\b|\brelated to\b"
     r"|\bresponsible\b|\bto blame\b|\bcome from\b|\bstem from\b|\bwhere do (?:they|these|it) come from\b"
     r"|\b(?:people|someone|somebody|those|anyone) with (?:\w+ ){1,3}(?:get|have|experience)\b"
     r"|\b(?:get|have|develop|getting|having)\b (?:\w+ ){0,3}from\b|\b(?:be|is|are) (?:making|giving|causing)\b|\bmak(?:e|es|ing) (?:my |your |the |people'?s? )?(?:\w+ )?"
     r"(?:muscles? )?(?:twitch|cramp|spasm|jump|seize)"),
)
# Definitions are asked in the most general words of all, so they only ever fill a gap.
DEFINITION_FRAMES: Tuple[Tuple[str, str], ...] = (
    ("ask_difference",
     r"\b(?:basics|overview|intro\w*|101|run[- ]?down|in general|general info\w*|the gist|everything)\b.*\b(?:spasm|cramp)"
     r"\w*\b.*\btwitch|\b(?:basics|overview|intro\w*|101|run[- ]?down|in general|general info\w*|the gist"
     r"|everything)\b.*\btwitch\w*\b.*\b(?:spasm|cramp)"),
    ("ask_spasm_definition",
     r"\b(?:what(?:'s| is| are| exactly is)|define|definition of|meaning of|explain)\b.*\b(?:spasm|cramp|charley horse)"),
    ("ask_twitch_definition",
     r"\b(?:what(?:'s| is| are| exactly is)|define|definition of|meaning of|explain)\b.*\btwitch"),
)
QUESTION_SHAPE = re.compile(
    r"\?|^(?:what|why|how|when|which|who|whats|is|are|can|could|should|would|do|does|did|will|any|tips|ways)\b"
    r"|\b(?:i (?:wonder|want to know|'d like to know)|tell me|explain|any idea|what|why|how come|how do|how can"
    r"|where|should (?:i|it|this|that)|is (?:it|this|that|there)|are (?:they|these|those|there)|can (?:i|it|you|this)"
    r"|could (?:it|i|this|that)|would (?:it|you|that)|does (?:it|this|that)|do (?:i|they|you|these))\b")
# Questions naming a cause the article names are cause questions, unless they ask about prevention.
NAMED_CAUSES = vocabulary.cause_patterns()
PREVENTION_STEPS = re.compile(r"\b(?:water|hydrat\w*|fluids?|drink\w* more|stretch\w*|yoga|diet|foods?|eat\w*"
                              r"|magnesium|potassium|bananas?|minerals?|posture|meditat\w*|relax\w*|breathing exercises?"
                              r"|deep breathing)\b")
BOT_WORDS = re.compile(r"\b(?:you|u|ya|your|you're|yourself|bot|robot|machine|computer|program|ai|chatbot|human"
                       r"|person|real|someone|somebody|who am i|assistant|doctor)\b")
BREATH_WORDS = re.compile(r"\bbreath\w*|\bbreathe\w*|\bair\b|\bsuffocat\w*|\bchok\w*|\bgasp\w*|\bwheez\w*|\blungs?\b"
                          r"|\binhal\w*|\bexhal\w*|\brespirat\w*|\bhyperventilat\w*|\bthroat (?:is )?closing\b")
BREATHING_EXERCISES = re.compile(r"\b(?:deep[- ]breathing|breathing (?:exercises?|techniques?))\b")
OWN_SYMPTOM = re.compile(r"\b(?:my|i'?ve|i have|i get|i keep|i'?m|i am|mine)\b")
ARTICLE_OR_SYMPTOM = re.compile(_MUSCLE)


STRONG, NAMED, DEFINITION = 0, 1, 2  # how sure a frame is, most sure first


def frame_intents(text: str) -> List[Tuple[str, int]]:
    """The question intents the wording points to, with how sure each is: most sure first, then in the order of
    the frames (the more specific question first: "tips for living with ..." is about living with it)."""
    said = normalise(text)
    found = [(intent, STRONG) for intent, frame in STRONG_FRAMES if re.search(frame, said)]
    if not found:
        if any(re.search(pattern, said) for pattern, _ in NAMED_CAUSES) and not PREVENTION_STEPS.search(said):
            found.append(("ask_causes", NAMED))
        elif PREVENTION_STEPS.search(said) and ARTICLE_OR_SYMPTOM.search(said):
            found.append(("ask_prevention", NAMED))
    found += [(intent, DEFINITION) for intent, frame in DEFINITION_FRAMES if re.search(frame, said)]
    return list(dict.fromkeys(found))


def is_question(text: str) -> bool:
    return bool(QUESTION_SHAPE.search(normalise(text)))


def describes_own_symptom(text: str) -> bool:
    """The person speaks of their own muscles ("my calf cramps", "I keep twitching"), not about spasms in general."""
    said = normalise(text)
    if not OWN_SYMPTOM.search(said):
        return False
    return bool(ARTICLE_OR_SYMPTOM.search(said) or re.search(r"|".join(p for p, _ in SENSATIONS), said)
                or any(re.search(p, said) for p, _ in vocabulary.body_part_patterns()))


GENERAL_INTENTS = frozenset({"ask_spasm_definition", "ask_twitch_definition", "ask_difference", "ask_spasm_types",
                             "ask_twitch_types"})
NOT_QUESTIONS = frozenset({"out_of_scope", "nlu_fallback"})


def about_muscles(said: str) -> bool:
    """The message is about muscles at all: a muscle or sensation word, a body part, a cause or condition."""
    return bool(ARTICLE_OR_SYMPTOM.search(said) or any(re.search(p, said) for p, _ in SENSATIONS)
                or any(re.search(p, said) for p, _ in vocabulary.body_part_patterns())
                or any(re.search(p, said) for p, _ in NAMED_CAUSES))


SURE = 0.7  # below this the classifier's question intent gives way to a question naming a cause or step


def corrected_intent(text: str, intent: Optional[str], ranking: Sequence[str] = (),
                     confidence: float = 1.0) -> Optional[str]:
    """The intent this message should have where the classifier's guess is clearly wrong, else None.

    `ranking` is the classifier's intents, best first, and `confidence` how sure it was. The person's own breathing trouble and unreadable input
    are the guard's to decide before this.
    """
    said = normalise(text)
    if intent == "report_emergency" and not BREATH_WORDS.search(BREATHING_EXERCISES.sub(" ", said)):
        # The article's one emergency is difficulty breathing: without a word about breathing it is not one.
        return _next_best(ranking, exclude={"report_emergency"}) or "describe_symptom"
    if intent == "bot_challenge" and not BOT_WORDS.search(said):
        return _next_best(ranking, exclude={"bot_challenge"})
    framed = frame_intents(said)
    if intent in NOT_QUESTIONS or intent not in QUESTION_INTENTS and intent != "describe_symptom":
        # Only a message about muscles can be an article question; "what's good for a migraine?" is not.
        if not about_muscles(said):
            return None
        if intent in NOT_QUESTIONS and any(re.search(p, said) for p, _ in NAMED_CAUSES) \
                and ARTICLE_OR_SYMPTOM.search(said):
            # "cholesterol meds side effects cramps": a cause the article names is never off-topic.
            return framed[0][0] if framed else "ask_causes"
    if intent == "describe_symptom" and framed and not OWN_SYMPTOM.search(said):
        # "multiple sclerosis and twitching muscles": nobody's own muscles, so a question put in keywords.
        return framed[0][0]
    if not QUESTION_SHAPE.search(said):
        # "I get a sharp spasm in my chest when I twist": a description of one's own muscles, not a question.
        return "describe_symptom" if intent in QUESTION_INTENTS and describes_own_symptom(said) else None
    if not framed or intent in {name for name, _ in framed}:
        return None
    best, sureness = framed[0]
    # A strong frame overrules the classifier; a named cause or step overrules its most general guesses and
    # any guess it is unsure of; any frame fills in where it saw no question at all.
    if sureness == STRONG or intent not in QUESTION_INTENTS:
        return best
    if sureness == NAMED and (intent in GENERAL_INTENTS or confidence < SURE):
        return best
    return None


def _next_best(ranking: Sequence[str], exclude: set) -> Optional[str]:
    return next((name for name in ranking if name not in exclude and name != "nlu_fallback"), None)
