"""The questions the article never takes up, whatever else a message names: amounts, doses and how long to wait or to
heal; which kind of clinician to see; what having a test is like; driving, work and costs; heat, ice, massage and
other treatments; vitamins; whether to play on; age; stopping a medicine; families; newborns and hiccups; and
conditions it does not discuss. One pattern each, with the few words the reply names it by (answerability.py reads
them in the sentences that ask). Pure data (no Rasa)."""

import re

_CLINICIAN = (
    r"(?:neurolog(?:ist|o)s?|physio\w*|chiropract\w*|osteopath\w*|podiatr\w*|traumatolog\w*|orthop(?:a)?edic\w*"
    r"|sports? (?:doctor|medicine))"
)
OTHER_CONDITIONS = "other conditions the article does not discuss"
NEWBORNS_OR_HICCUPS = "newborn babies or hiccups"
# Gaps that decline a question even when it names no muscle ("my newborn's chin quivers, is that normal").
NEED_NO_MUSCLE = frozenset({OTHER_CONDITIONS, NEWBORNS_OR_HICCUPS})
GAPS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "amounts, doses or how long to wait",
        re.compile(
            # any amount or count: the article gives none ("how many litres", "how many days b4 i go 2 doc"), but
            # not "how much time", kinds, ways or people, how much it hurts, affects or changes, how much something does
            # ("how much can frequent spasms interfere with sleep"), or an amount that something changes ("no matter
            # how much", "would upping how much I drink help?")
            r"(?:^|[^\w\s'] *|\b(?!\w+ing\b|matter\b|up\b|cut\b|reduce\b|increase\b|watch\b|limit\b)\w+ )"
            r"how (?:much|many)\b(?! (?:time|types?|kinds?|sorts?|different|ways?|times|people|muscles?"
            r"|parts?|of (?:the|these|those|them))\b)"
            r"(?!(?: \w+){0,6} (?:hurts?|pain\w*|affect\w*|worse|chang\w*|interfer\w*|impact\w*|disrupt\w*)\b)"
            r"(?! (?:can|could|does|do|did|will|would|might|may) (?!(?:i|you|u|we|he|she|they|one|it)\b)\w+)"
            r"|\b(?:dose(?! (?:a|an|it|the|this|that|he|she|my|his|her|your|you|u|they)\b)|dosage|doses|mg|milligrams?"
            r"|micrograms?|lit(?:re|er)s? (?:a|per) day)\b"
            r"|\b\d+ ?l (?:water|a day)\b"
            r"|\bhow (?:long|many days|many weeks|soon) (?:should|must) (?:i|we|he|she|they|you)\b"
            r"|\bhow long (?:should|do) (?:i|we) (?:wait|leave)\b|\bleave it (?:before|for)\b|\bwait before\b"
            r"|\bhow (?:long|many (?:days|weeks|months)) (?:\w+ ){0,8}(?:to )?(?:heal|recover|get better)\w*"
            r"|\bhow many (?:days|weeks|hours) (?:of )?(?:rest|off)\b"
        ),
    ),
    (
        "which kind of doctor or therapist to see",
        re.compile(
            r"\b(?:which|what) (?:kind of |type of |sort of )?(?:doctor|specialist|professional|clinic|therapist)s?\b"
            r"(?! (?:visit|appointment|says?|said|will|can|could|might|would|tests?|check))"
            rf"|\b{_CLINICIAN} or\b|\bor (?:a |the |my )?{_CLINICIAN}\b|\bgp or\b|\bor (?:a |the )?gp\b"
            rf"|\b(?:gp|doctor|{_CLINICIAN}), (?:an? |the )?{_CLINICIAN}\b"
            rf"|\b(?:see|seeing|go to|going to|book|booking|visit|visiting|try|trying) (?:a |the |an )?{_CLINICIAN}"
        ),
    ),
    (
        # the article names the tests (bloodwork, imaging, EMG), not what having one is like
        "what having a test is like (whether it hurts, what it costs, how long it takes)",
        re.compile(
            r"\b(?:emgs?|electromyogra\w*|blood ?(?:tests?|work)|tests?|scans?|mri|imaging|x-?rays?"
            r"|nerve conduction\w*)\b[^.?!]{0,40}?\b(?:hurts?|hurting|painful|sore|cost\w*|free|pay|paid|price\w*"
            r"|expensive|needles?|take long|how long (?:does|do|will|would) (?:it|they|that|one|an? \w+) take)\b"
        ),
    ),
    (
        "driving, work, insurance or costs",
        re.compile(
            r"\b(?:dvla|dmv|(?:my|me|his|her|driving) licen[cs]e|insurance|insurer|employer|sick note|fit note"
            r"|sick pay|time off work|nhs|pay for)\b"
        ),
    ),
    (
        "heat, ice, massage and other treatments",
        re.compile(
            # heat as a treatment, not the weather ("in this summer heat", "in the heat")
            r"\b(?:ice|icing|(?<!summer )(?<!the )heat|heating pad|hot water bottle|heat pack|ice pack|cold pack"
            r"|warm bath|hot bath|bath salts?|epsom|massage\w*|foam roll\w*|tens machine|compression|acupunct\w*"
            r"|cupping|kinesio\w*|dry needling)\b"
        ),
    ),
    (
        "vitamins and deficiencies",
        # the article names magnesium, potassium, calcium and sodium among the electrolytes, never iron ("low iron",
        # not "pumping iron" or "while I iron shirts") or folate
        re.compile(
            r"\bvitamin\w*|\bb-? ?12\b|\bdeficien\w*|\banae?mi\w*|\bzinc\b|\bferritin\b|\bfol(?:ate|ic)\b"
            r"|(?<!pumping )(?<!pump )(?<!cast )(?<!\bi )(?<!you )(?<!\bto )\biron\b(?! (?:out|things out))"
        ),
    ),
    (
        "whether to play, train or rest",
        re.compile(
            r"\b(?:ok|okay|safe|fine|alright|all right) (?:for (?:me|him|her|them|you) )?to (?:play|train|run|exercise"
            r"|race|compete|swim|go back|keep (?:going|playing|training|running))\b"
            r"|\b(?:run|play|train|push|work) through (?:a |the |it|this|that)"
            # mid-match: "should he play on or come off?"
            r"|\b(?:should|must|can|could) (?:i|he|she|they|we|you) (?:play on|carry on playing|come off"
            r"|sit (?:it )?out)\b"
            r"|\bhow (?:long|many days) (?:before|until) (?:i|he|she|we|they|you) (?:can )?(?:play|train|run|exercise)"
        ),
    ),
    (
        "whether age plays a part",
        re.compile(
            # the article says nothing of age: "do cramps get more common as you get older?", "the older you get"
            r"\b(?:the )?older (?:you|one|we|i|people) (?:get|gets|grow)\b|\bas (?:you|one|we|i|people) (?:get|gets"
            r"|grow|grows) older\b|\b(?:with|due to|because of) (?:old )?age\b|\bas (?:you|one|we) age\b"
            # "once you're past seventy", "in the elderly", but not "over 50 times" (nor "at my age", said in passing)
            r"|\b(?:past|over) (?:the age of )?(?:fifty|sixty|seventy|eighty|ninety|[5-9]0)\b(?! (?:times|minutes"
            r"|seconds|hours|days|weeks|percent)\b)|\bthe elderly\b"
            r"|\bolder (?:people|adults|folk|ones)\b|\bin (?:your|their|my|our|his|her) (?:fifties|sixties|seventies"
            r"|eighties|nineties)\b"
            # age as the subject asked about: "the age has something to do with it?", "does age play a part?"
            r"|(?<!\bat )\b(?:(?:the|my|his|her|their|your|old) age|(?:does|do|can|could|would) age)"
            r" (?:has|have|had|is|play|plays|matter|matters|make|makes|got|come into)\b"
        ),
    ),
    (
        "whether to stop or change a medicine",
        re.compile(
            r"\bstop (?:taking|using)\b|\b(?:come off|stop) (?:my|the|his|her) (?:meds|medication|medicine|tablets"
            r"|pills|statins?|diuretics?|water pills?)\b"
        ),
    ),
    (
        "whether it runs in families",
        re.compile(
            # asked of them, not a family's story told around another question ("poor circulation runs in my family")
            r"\b(?:hereditary|genetic(?:ally)?|inherit\w*)\b|\bpass (?:it|them|this|that) (?:on )?(?:to|down)\b"
            r"|\b(?:does|do|can|could|would) (?:it|this|that|they|\w*(?:cramp|spasm|twitch)\w*) run in\b"
        ),
    ),
    # no age group, nor babies' hiccups, is in the article (but "since the baby came" tells of a parent's tiredness)
    (NEWBORNS_OR_HICCUPS, re.compile(r"\b(?:newborn|new born|infant|hiccup)s?\b|\bhiccough")),
    (
        OTHER_CONDITIONS,
        re.compile(
            # pregnancy, said or meant: "could my leg cramps affect the baby?", "will they stop once the baby arrives?"
            r"\baffect (?:the|my|our) baby\b|\b(?:once|when|after) (?:the|my|our) baby (?:arrives|comes|is born)\b"
            r"|\bpregnan\w*|\bgrowing pains?\b|\brestless legs?\b|\bmenopaus\w*|\bfibromyalgia\b|\bsciatica\b"
            r"|\barthritis\b|\bdiabet\w*|\bthyroid\b|\b(?:blood )?clots?\b|\bdvt\b|\bthrombosis\b"
        ),
    ),
)
