"""Words that no edit distance recovers: shorthand, txt-speak and dialect, and what each stands for. The spelling
corrector (spelling.py) spells them out before it corrects anything else.

Pure Python (no Rasa).
"""

import re

from muscle_triage.knowledge import vocabulary

# Shorthand and txt-speak, which no edit distance recovers: what each stands for.
SHORTHAND = {
    "mins": "minutes",
    "minit": "minute",
    "minits": "minutes",
    "dosent": "doesn't",
    "dosnt": "doesn't",
    "doesent": "doesn't",
    "min": "minute",
    "secs": "seconds",
    "sec": "second",
    "hrs": "hours",
    "hr": "hour",
    "wk": "week",
    "wks": "weeks",
    "yr": "year",
    "yrs": "years",
    "abt": "about",
    "bout": "about",
    "prolly": "probably",
    "prob": "problem",
    "probs": "problems",
    "defo": "definitely",
    "def": "definitely",
    "thx": "thanks",
    "pls": "please",
    "plz": "please",
    "u": "you",
    "ur": "your",
    "r": "are",
    "im": "i'm",
    "ive": "i've",
    "dont": "don't",
    "doesnt": "doesn't",
    "didnt": "didn't",
    "cant": "can't",
    "cnt": "can't",
    "cn": "can",
    "resp": "respiratory",
    "carnt": "can't",
    # Scots negatives: "she cannae get a breath in"
    "cannae": "can't",
    "canna": "can't",
    "couldnae": "couldn't",
    "dinnae": "don't",
    "didnae": "didn't",
    "isnae": "isn't",
    "wisnae": "wasn't",
    "willnae": "won't",
    "wouldnae": "wouldn't",
    "disnae": "doesn't",
    "doesnae": "doesn't",
    "hasnae": "hasn't",
    "havnae": "haven't",
    "hivnae": "haven't",
    "shouldnae": "shouldn't",
    "wasnae": "wasn't",
    "winnae": "won't",
    "isnt": "isn't",
    "wasnt": "wasn't",
    "havent": "haven't",
    "hasnt": "hasn't",
    "wont": "won't",
    "thats": "that's",
    "theres": "there's",
    "heres": "here's",
    "wheres": "where's",
    "whos": "who's",
    "hes": "he's",
    "shes": "she's",
    "youre": "you're",
    "theyre": "they're",
    "arent": "aren't",
    "werent": "weren't",
    "couldnt": "couldn't",
    "wouldnt": "wouldn't",
    "shouldnt": "shouldn't",
    "whats": "what's",
    "wat": "what",
    "wats": "what's",
    "evry": "every",
    "brth": "breath",
    "tite": "tight",
    "brthe": "breathe",
    "brthing": "breathing",
    "alot": "a lot",
    "kinda": "kind of",
    "sorta": "sort of",
    "w": "with",
    "wo": "without",
    "b4": "before",
    "2day": "today",
    "2nite": "tonight",
    "yday": "yesterday",
    "dunno": "don't know",
    "spaz": "spasm",
    "spazzing": "spasming",
    "dno": "don't know",
    "yest": "yesterday",
    "ystrdy": "yesterday",
    "2moro": "tomorrow",
    "tmrw": "tomorrow",
    "rn": "right now",
    "atm": "at the moment",
    "bc": "because",
    "cuz": "because",
    "coz": "because",
    "cos": "because",
    "bcos": "because",
    "tho": "though",
    "thru": "through",
    "nite": "night",
    "gonna": "going to",
    "wanna": "want to",
    "gotta": "got to",
    "shud": "should",
    "shld": "should",
    "wud": "would",
    "wld": "would",
    "cud": "could",
    "cld": "could",
    "wen": "when",
    "wn": "when",
    "hw": "how",
    "wht": "what",
    "wot": "what",
    "wots": "what's",
    "wy": "why",
    "becuz": "because",
    "bcuz": "because",
    "btwn": "between",
    "diff": "difference",
    "doc": "doctor",
    "docs": "doctors",
    "dr": "doctor",
    "em": "them",
    "smth": "something",
    "sth": "something",
    "sumthin": "something",
    "ppl": "people",
    "srsly": "seriously",
    # Other Scots words, which a spelling dictionary would turn into English ones ("disnae" into "disease"): "whit
    # dae they dae tae find oot", "ma calf", "fur a wee while"
    "whit": "what",
    "whit's": "what's",
    "whaur": "where",
    "aboot": "about",
    "dae": "do",
    "tae": "to",
    "oot": "out",
    "ma": "my",
    "masel": "myself",
    "yer": "your",
    "fae": "from",
    "wis": "was",
    "fur": "for",
    "wi": "with",
    "aw": "all",
    "wance": "once",
    "efter": "after",
    "nicht": "night",
    "nichts": "nights",
    "maist": "most",
    "mair": "more",
    "aff": "off",
    "richt": "right",
    "lang": "long",
    "doon": "down",
    "sair": "sore",
    "heid": "head",
    "mibbe": "maybe",
    "bairn": "child",
    "bairns": "children",
    "wean": "child",
    "weans": "children",
    # and a formal word for the muscles: "a tightening in the neck musculature"
    "musculature": "muscles",
}

# "yeah nah" is no and "nah yeah" yes, as Australians and New Zealanders say them: "yeah nah, no probs there".
_SAID_BOTH_WAYS = re.compile(r"\b(?:(?P<no>yeah),? nah|(?P<yes>nah),? yeah)\b", re.IGNORECASE)


def idioms_spelt_out(text: str) -> str:
    return _SAID_BOTH_WAYS.sub(lambda m: "no" if m.group("no") else "yes", text)


# Clinical shorthand, read only in capitals ("SOB", not the word "sob").
CLINICAL_SHORTHAND = {"SOB": "short of breath", "DIB": "difficulty in breathing", "SOBOE": "short of breath"}


# "me" before a part of the body is "my", as many British, Irish and Australian speakers say it ("cramp in me calf",
# "me left eyelid"), but not where "me" is a verb's object ("it took me back", "give me back my...").
_BODY_WORDS = sorted(
    {word for part in vocabulary.BODY_PARTS for word in part.words if " " not in word}, key=len, reverse=True
)
_ME_AS_MY = re.compile(
    r"\b[mM]e(?= (?:(?:left|right) )?(?:" + "|".join(_BODY_WORDS) + r")\b)"
    r"|(?<=\b(?:in|of|on|at) )[mM]e(?= back\b)"  # "small of me back", not "it set me back"
)
_OBJECT_OF = re.compile(
    r"\b(?:give|gave|giving|call|called|get|got|take|took|bring|brought|put|ring|text|send|sent|let|pay)\W*$"
)


def me_as_my(text: str) -> str:
    return _ME_AS_MY.sub(lambda m: m.group(0) if _OBJECT_OF.search(text[: m.start()]) else "my", text)
