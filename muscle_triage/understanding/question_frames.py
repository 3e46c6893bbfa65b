"""How people frame each kind of article question, one regular expression per way of asking: the table that
question_reading.py reads. Pure data (no Rasa)."""

MUSCLE = (
    r"(?:muscles?|spasm\w*|twitch\w*|cramp\w*|fasciculation\w*|clonus|klonus|contraction\w*|jerk\w*|flicker\w*"
    r"|tic\b|charley horse|spasticity)"
)

# How people frame each kind of question, one pattern per way of asking. Strong frames name what is asked
# outright, so they may overrule the classifier. Order matters where frames overlap: the more specific question
# comes first ("tips for living with it" is about living with it, "is it a sign of something serious" about danger).
_NOT_STOPPING = r"(?<!won't )(?<!wont )(?<!doesn't )(?<!can't )(?<!never )(?<!not )(?<!won't ever )"
_DOCTOR = r"(?:doctor|dr|gp|specialist|physician|neurologist|physio\w*|professional|nurse|consultant)s?"
# "What kinds of twitch are there", but not "what kind of feeling is a twitch", "what kind of doctor" or "whit sort o
# diet keeps cramps away".
_KINDS_OF = (
    r"\b(?:types?|kinds?|sorts?|categor\w*|varieties|variety|forms?|classes|groups|flavou?rs|versions)\b"
    r"(?! o(?:f)? (?:(?:feeling|sensation|pain|thing|doctor|specialist|test|person|treatment|exercise|food|diet|drink"
    r"|mineral|electrolyte|supplement|meal|shoe)s?|stretch(?:es)?)\b)"
)
_WHICH_ONE = r"\b(?:is (?:it|this|that)|was (?:it|that)|an?|just)"  # "is it a spasm or a twitch"
_FRAMES = {
    "ask_difference": (
        r"(?<!make a )(?<!makes a )(?<!made a )(?<!make any )(?<!any )\bdifferen(?:ce|t)\b(?! to\b)"
        r"(?! (?:\w+ )?(?:types|kinds|sorts|forms|categor\w*|varieties|ways|flavou?rs|tablets|pills|meds|medic\w*"
        r"|drugs))",
        r"\bdiff\b",
        r"\bdistinguish\w*",
        r"\btell (?:them |the two |it |\w+ )?apart\b",
        r"\bhow (?:do|can|would|will) (?:i|you|we|one|people|someone) (?:tell|know|recognise|recognize|spot)\b.*"
        r"\b(?:spasm|twitch|cramp)",
        r"\b(?:spasm|cramp)\w*\b.*\b(?:like|unlike|but|whereas|while|than) (?:an? |the )?twitch",
        r"\btwitch\w*\b.*\b(?:like|unlike|but|whereas|while|than) (?:an? |the )?(?:spasm|cramp)",
        r"(?<!all )\bthe same\b(?! (?:kind|type|sort|time|way))",
        r"\bsame thing\b",
        r"\bcounts? as\b",
        r"\b(?:vs\.?|versus)\b",
        r"\b(?:spasm|cramp|twitch)\w*\s*=|=\s*(?:an? )?(?:spasm|cramp|twitch)",
        r"\bcompared? (?:to|with)\b",
        r"\btwo words for\b",
        r"\binterchangeabl\w*",
        r"\bhow do they differ\b",
        r"\bwhich (?:one )?(?:is (?:it|this|that|mine)|do i have|have i got)\b",
        # "spasm or twitch?" asks which one; "spasms or twitches" in the middle of a question only names both.
        r"\b(?:spasm|cramp|charley horse)\w*\s*/\s*twitch",
        r"\btwitch\w*\s*/\s*(?:spasm|cramp|charley horse)",
        _WHICH_ONE + r"\s+(?:spasm|cramp)\w*\s+or\s+(?:an? |just (?:an? )?)?twitch",
        _WHICH_ONE + r"\s+twitch\w*\s+or\s+(?:an? |just (?:an? )?)?(?:spasm|cramp)",
        r"\b(?:spasm|cramp)\s+or\s+(?:an? |just (?:an? )?)?twitch\s*[?!.]*$",
        r"\btwitch\s+or\s+(?:an? |just (?:an? )?)?(?:spasm|cramp)\s*[?!.]*$",
        r"\b(?:spasm|cramp|twitch)\w*\b.*\brather than\b.*\b(?:spasm|cramp|twitch|jump|flicker)",
        r"^(?:an? )?(?:spasm|cramp)s? or (?:an? )?twitch",
        r"^(?:an? )?twitch(?:es)? or (?:an? )?(?:spasm|cramp)",
        r"\btwitch(?:ing)? or (?:an? )?(?:spasm|spasming|cramp|cramping)\s*[?!.]*$",
        r"\b(?:spasm|spasming|cramp|cramping) or (?:an? )?twitch(?:ing)?\s*[?!.]*$",
        r"\b(?:call|count) (?:that|this|it) (?:an? )?(?:twitch|spasm|cramp)",
    ),
    "ask_diagnosis": (
        r"\bdiagnos\w*",
        r"\bwhat (?:sorts? of |kinds? of |types? of )?tests?\b",
        r"\bexams?\b",
        r"\b(?:blood|nerve|muscle|lab) tests?\b",
        r"\bblood ?work\b",
        r"\bx-?rays?\b",
        r"\bultrasound\b",
        r"\bemg\b",
        r"\belectromyogra\w*",
        r"\bscans?\b",
        r"\bmri\b",
        r"\bimaging\b",
        r"\bexamin\w*",
        r"\bget tested\b",
        r"\btest(?:ed|ing|s)? (?:for|me|it)\b",
        r"\bcheck(?:ed)? for\b",
        r"\bfind (?:out )?(?:the |what'?s the )?cause\b",
        r"\bhow (?:(?:do|will|would|can|does|did) )?(?:\w+ )?" + _DOCTOR + r" (?:\w+ )?(?:find|figure|work|tell|know"
        r"|check|discover|test)\b",
        r"\bwhat (?:will|would|does|do|might|can) (?:the |a |my )?" + _DOCTOR + r" (?:even |actually |really )?"
        r"(?:do|check|look for|ask|want)\b",
        r"\bwhat happens (?:at|during|in) (?:the |an? |my )?(?:appointment|visit|check-?up|consultation)\b",
        r"(?<!can't )(?<!cant )(?<!cannot )(?<!couldn't )(?<!couldnt )\b(?:figur|work|find)\w* out (?:what|why)\b",
        r"\bfigure (?:it|this|that) out\b",
        # "wat do they even do there", and as a learner puts it, "what he will do there with me?"
        r"\bwhat (?:(?:will|would|do|does) )?(?:they|he|she) (?:(?:will|would) )?(?:actually |even |really )?do\b",
        r"\b(?:in|at|during) (?:the|an?|my) (?:consult\w*|appointment)\b",
        r"\bpin ?point\b",
        r"\bidentify (?:the )?cause\b",
        r"\bmedical history\b",
        r"\bphysical exam\w*",
    ),
    "ask_living_with": (
        r"\bcop(?:e|ing)\b",
        r"\blive with\b",
        r"\bliving with\b",
        r"\bdeal(?:ing)? with\b",
        r"\bday[- ]to[- ]day (?:life|living|tasks|activities)\b",
        r"\b(?:get(?:ting)?|decent|good|better|proper) (?:a |some )?(?:night'?s )?(?:sleep|rest)\b",
        r"\bsleep (?:better|through|well)\b",
        r"\bdaily (?:life|tasks|routine|activities)\b",
        r"\beveryday (?:life|tasks)\b",
        r"\bnormal life\b",
        r"\bget through the day\b",
        r"\bquality of life\b",
        r"\b(?:affect|affects|ruin\w*|mess\w* up|impact\w*|interfer\w*|disrupt\w*) (?:with )?(?:my |your |the |a )?"
        r"(?:life|lives|sleep|work|job|day|routine)\b",
        r"\bkeep(?:s|ing)? (?:me|you|people) (?:up|awake)\b",
        r"\btak(?:e|es|ing) over (?:my |your |the |our )?(?:life|lives|day)\b",
        r"\bstill (?:exercise|work out|train|go to the gym|play|do sport|run|work|drive)\b",
        r"\bput up with\b",
        r"\bmanag(?:e|es|ing) (?:the |my |their |your |his |her )?"
        r"(?:pain|symptoms?|it|them|spasms?|twitch\w*|cramps?)\b",
    ),
    "ask_prevention": (
        r"\bprevent\w*",
        r"\bavoid\w*",
        r"\bstop (?:getting|having|them|it from|these|those|this from|my \w+ from)\b",
        # not stopping what one does about them: "at what point do I stop ignoring cramps and get them looked at"
        _NOT_STOPPING + r"\bstop (?!asking|talking|this|that|the check|now|being|ignoring|fooling|telling|messing"
        r"|waiting|putting|trying|googling|worrying)\w+ing\b",
        r"\bwhat (?:can|should|could|do) (?:i|we) (?:actually |really )?do\b",
        r"\bwhat (?:i|we) (?:can|could|should) do\b",
        r"\bwhat (?:should|can|could) (?:i|we) (?:be )?(?:eat|drink)\w*",
        # what to eat, which the article's step of a balanced diet answers: "which minerals specifically?", "what sort
        # of food should i be eating", "does it matter what i eat"
        r"\b(?:which|what) (?:kinds? of |sorts? of |types? of )?(?:minerals|foods?|nutrients|grub|meals)\b",
        r"\bwhat (?:i|you|we|he|she|one) eats?\b",
        r"\bhow\b.*\b(?:stop|stopping|prevent)\b (?:them|these|those|(?:this|that|it) (?:from|to|happening))",
        r"\bmake (?:them|it|the \w+) stop\b",
        r"\bhow (?:do|can|could|would|should) (?:i|we|you) not (?:get|have|cramp|twitch|spasm)",
        r"\b(?:lower|reduce|bring down) (?:\w+ )?(?:stress|anxiety)\b|\bbring (?:\w+ )?(?:stress|anxiety) down\b",
        r"\bkeep (?:\w+ ){0,2}from\b",
        r"\btips?\b",
        r"\bward off\b",
        r"\bcut down on\b",
        r"\bless likely\b",
        r"\bhow (?:do|can|could|would|should) i (?:stop|avoid|"
        r"prevent|reduce|lower)\b",
        r"\bso (?:i|it|they) (?:don'?t|won'?t)\b",
        r"\bnot (?:get|have) (?:them|it|these) "
        r"(?:again|anymore|any more)\b",
        r"\bhelp(?:s|ed|ful)? (?:to |me |you )?(?:with|stop|reduce|ease|against|"
        r"prevent|avoid)\b",
        r"\b(?:would|does|will|could|can) (?:it|that|this|\w+ing) (?:actually |really )?help\b",
        r"\bgood for\b",
        r"\bget rid of\b",
        r"\bnever (?:get|have) (?:them|it) again\b",
        r"\buseful (?:for|against)\b",
        r"\bworth (?:trying|doing)\b",
        r"\bbenefit\w*\b",
        r"\beffective\b",
        r"\breduce the (?:risk|chance)\b",
        r"\bmakes? (?:a|any) (?:real |big )?difference\b",
        r"\bless (?:often|frequent\w*|likely)\b",
        r"\bfewer\b",
        r"\bany ?thing i can (?:do|change|try)\b",
        r"\bmake sure (?:i|u|you) (?:never|don'?t|won'?t)\b",
        r"\bnever (?:get|have) (?:\w+ ){0,2}again\b",
        r"\b(?:bad|good|better|worse) for\b",
        r"\bmatters? (?:for|to)\b",
        r"\bcalm (?:down|them|it)\b",
        r"\bdoes (?:it|that|this) (?:really )?work\b",
        r"\bkeep (?:it|them|this|these) (?:away|at bay)\b",
        r"\bdoing differently\b",
        r"\bwhat should i (?:be )?do(?:ing)?\b",
    ),
    "ask_when_specialist": (
        r"\bsee (?:a|my|the|an)? ?" + _DOCTOR + r"\b",
        r"\bsee someone\b",
        r"\btake (?:him|her|them|me|my \w+) to (?:the |a |see )?(?:doctor|gp|a&e|hospital|er)\b",
        r"\bget(?:ting)? (?:it |this |them |that |my \w+ )?(?:checked|looked at|seen to|seen|examined)\b",
        r"\bgo (?:in|to (?:the |a |my )?(?:doctor|gp|er|a&e|hospital|clinic|emergency room))\b",
        r"\b(?:book|make|get) (?:an? )?appointment\b",
        r"\bbook in\b",
        r"\bmedical (?:attention|advice|help|care)\b",
        r"\bseek (?:help|advice|care|attention)\b",
        r"\bget (?:medical |professional )?help\b",
        r"\bneed (?:a|to see a)? ?(?:doctor|specialist|gp)\b",
        r"\bwhen (?:is it time|should i (?:actually |really )?(?:go|see|worry|get|call))\b",
        r"\bat what point\b",
        r"\bwarrants?\b",
        r"\bwhich (?:symptoms?|signs?) (?:mean|should)\b",
        r"\bred flags?\b",
        r"\bwarning signs?\b",
        r"\bneed (?:a|an|to see an?)? ?(?:professional|doctor|specialist|gp)\b",
        r"\bneed (?:to be )?(?:looked at|checked)\b",
        r"\b(?:look|looks|looked) at (?:it|them|this|that)\b",
        # pain that stays after the cramp has gone, one of the article's reasons to see someone: "my calf still aches
        # hours after it stopped, is that normal?"
        r"\b(?:pain\w*|ach\w*|sore\w*|hurt\w*|tender\w*)\b(?=[^.?!]*\b(?:stays?|stayed|staying|linger\w*|hang\w* around"
        r"|remain\w*|still|hours|ages|long (?:time|while)|for days)\b)(?=[^.?!]*\bafter(?:wards)?\b)",
        # weakness along with the contractions, another: "and if you feel weak along with the twitches?"
        r"\bweak\w*\b(?=[^.?!]*\b(?:along ?side|along with|together with|as well as|on top of)\b)",
    ),
    "ask_harmless": (
        r"\bdanger\w*",
        r"\bharm\w*",
        r"\bserious\w*",
        r"\b(?:be|am|get|feel|i'?m|are) (?:\w+ )?(?:worried|concerned)\b",
        r"\bworr(?:y|ied) (?:about|that|if)\b",
        r"\bneed to worry\b",
        r"\bworth worrying\b",
        r"\bworrying (?:sign|symptom)\b",
        r"\bcause for concern\b",
        r"\bcaus(?:e|es|ing) (?:\w+ )?(?:breathing (?:problems?|difficult\w*|trouble)|difficulty breathing|"
        r"trouble breathing|harm|damage|lasting damage|problems)\b",
        r"\bbad sign\b",
        r"\bsomething (?:bad|wrong|worse|sinister|nasty|to worry about)\b",
        r"\bbenign\b",
        r"\bis (?:it|this|that|twitching|cramping) (?:normal|ok|okay|safe|bad|fine)\b",
        r"\bnothing to worry\b",
        r"\bscared\b",
        r"\bafraid\b",
        r"\blife[- ]threatening\b",
        r"\bshould i (?:be )?(?:panic|freak)\w*",
        r"\b(?:deadly|fatal|risky|terrible|awful|scary)\b",
        r"\bok(?:ay)? to ignore\b",
        r"\bsafe to ignore\b",
        r"\bno big deal\b",
        r"\bmean something\b",
        r"\bfreak\w* out\b",
        r"\bpanic\w*\b",
        r"\bdo (?:any )?(?:actual |real |lasting |permanent )?damage\b",
        r"\bsomething to (?:worry|panic|be worried|be scared|be concerned) about\b",
    ),
    "ask_twitch_types": (
        _KINDS_OF + r".*\btwitch",
        r"\btwitch\w*\b.*\b(?:types|kinds|sorts|categories|varieties|flavou?rs|all the same|all alike)\b",
        r"\bhow many\b.*\btwitch",
        r"\bmore than one (?:kind|type|sort)\b.*\btwitch",
        r"\bclonus\b",
        r"\bklonus\b",
        r"\bfascicula\w*",
        r"\bspasticity\b",
        r"\bspastic\b",
    ),
    "ask_spasm_types": (
        _KINDS_OF + r".*\b(?:spasm|cramp)",
        r"\b(?:spasm|cramp)\w*\b.*\b(?:types|kinds|sorts|categories|varieties|all the same|all alike)\b",
        r"\bhow many\b.*\b(?:spasm|cramp)",
        r"\bmore than one (?:kind|type|sort)\b.*\b(?:spasm|cramp)",
        r"\bischa?emic\b",
        r"\bsmooth muscle\b",
        r"\bskeletal muscle\b",
    ),
    "ask_causes": (
        r"\bsets? (?:it |them |this |that |these |my \w+ |\w+ )?off\b",
        r"\bsetting (?:it |them )?off\b",
        r"\bbrings? (?:it |them |this |that |these )?on\b",
        r"\bbringing (?:it |them )?on\b",
        r"\bbehind (?:it|them|this|that|these|my|the|his|her|their|your|most|many|all|a lot)\b",
        r"\bbehind (?:\w+ ){0,2}(?:spasm|twitch|cramp|muscle)",
        r"\breasons? (?:for|why|behind)\b",
        r"\b(?:a|any) reason\b",
        r"\bhow come\b",
        r"\bwhat(?:'s| is|s)? mak(?:es|ing)\b",
        r"\bwhy (?:do|does|am|is|are|would|did|on earth|would)\b(?! (?:you|u)\b)",
        r"\bwhy (?:my|i|it)\b",
        # a bare "why?" after a spasm or twitch told of: "eyelid twitch. why?", "eye keeps twitching. y" (but not "ok.
        # why?" after an answer, nor "cramp. cant straighten leg. why", which asks about the leg)
        MUSCLE + r"[^.!?,]*[.!,]\s*(?:but |so |and |just )?(?:why|y)\s*\?*\s*$",
        r"\bbe (?:the reason )?why\b",
        r"\bis (?:that|this|it) why\b",
        r"\b(?:spasm|twitch|cramp)\w* from (?!(?:taking|happening|coming|getting|starting|occurring|returning|an?|the"
        r"|time)\b)",
        r"\b(?:any )?(?:idea|clue|thoughts?) why\b",
        r"\bwhat'?s (?:going on|happening|up) with\b",
        r"\btrigger\w*",
        r"\bside[- ]effects?\b",
        r"\bcaus\w*",
        r"\bplays? (?:a |any )?(?:part|role)\b",
        r"\bmore likely\b",
        r"\bhigher (?:risk|chance)\b",
        r"\bincreases? (?:the )?(?:risk|chance)\b",
        r"\bshows? (?:up|itself) as\b",
        r"\bend(?:s)? up\b",
        r"\blead(?:s|ing)? to\b",
        r"\bresults? in\b",
        r"\bcomes? with\b",
        r"\bgo(?:es)? (?:hand in hand )?with\b",
        r"\bassociated with\b",
        r"\b(?:would|could|does|might) (?:that|this|it) explain\b",
        r"\bexplains? (?:why|the)\b",
        r"\bresult of\b",
        r"\bdue to\b",
        r"\bbecause of\b",
        r"\blinked (?:to|with)\b",
        r"\bconnect\w*",
        r"\blink between\b",
        r"\brelated to\b",
        r"\bresponsible\b",
        r"\bto blame\b",
        r"\bcome from\b",
        r"\bstem from\b",
        r"\bsigns? of\b",
        r"\b(?:people|someone|somebody|those|anyone) with (?:\w+ ){1,3}(?:get|have|experience)\b",
        r"\b(?:get|have|develop|getting|having)\b (?:\w+ ){0,3}from\b",
        r"\b(?:be|is|are) (?:making|giving|causing)\b",
        r"\bmak(?:e|es|ing) (?:my |your |the |you |me |them |people'?s? )?(?:\w+ )?(?:muscles? )?"
        r"(?:twitch|cramp|spasm|jump|seize)",
        r"\bgive[sn]? (?:you|me|people|someone|them|us) (?:\w+ )?"
        r"(?:twitch|cramp|spasm)",
    ),
}
STRONG_FRAMES: tuple[tuple[str, str], ...] = tuple((intent, "|".join(ways)) for intent, ways in _FRAMES.items())
# A doctor named with no other frame ("my doctor mentioned ...", "can a doctor help?") is about seeing one.
DOCTOR_FRAME = ("ask_when_specialist", r"\b" + _DOCTOR + r"\b")
# Definitions are asked in the most general words of all, so they only ever fill a gap.
_ASKED_WHAT = (
    r"\b(?:what(?:'s| is| are| exactly is)|what (?:does|do) (?:it|that|this|the word|the term) mean|define"
    r"|definition|meaning|explain|describe|understand|no idea "
    r"what|don'?t know what|not sure what|what(?:'s| is) (?:going on|happening)|what (?:that|it) is)"
)
_OVERVIEW = r"\b(?:basics|overview|intro\w*|101|run[- ]?down|in general|general info\w*|the gist|everything)\b"
DEFINITION_FRAMES: tuple[tuple[str, str], ...] = (
    (
        "ask_difference",
        _OVERVIEW + r".*\b(?:spasm|cramp)\w*\b.*\btwitch|" + _OVERVIEW + r".*\btwitch\w*\b.*\b(?:spasm|cramp)",
    ),
    (
        "ask_difference",
        r"\b(?:involuntar\w*|on their own|by themselves|just happen\w*|chooses?|voluntar\w*|on purpose|out of "
        r"(?:my|your|our) control|in (?:my|your) control|control (?:them|it|my|your))\b.*\b(?:spasm|cramp|twitch)"
        r"|\b(?:spasm|cramp|twitch)\w*\b.*\b(?:involuntar\w*|on their own|by themselves|just happen\w*|voluntar\w*"
        r"|on purpose|out of (?:my|your|our) control|control (?:them|it))\b",
    ),
    (
        "ask_spasm_definition",
        _ASKED_WHAT
        + r"\b.*\b(?:spasm|cramp|charley horse)|\b(?:spasm|cramp|charley horse)\w*\b.*"
        + _ASKED_WHAT
        + r"\b",
    ),
    ("ask_twitch_definition", _ASKED_WHAT + r"\b.*\btwitch|\btwitch\w*\b.*" + _ASKED_WHAT + r"\b"),
)
