### SOLUTION FILE
"""Jailbreaks: talk the model out of its safety rules (personas, fiction, claimed permission, no refusals)."""
from injection_guard.rules.base import Rule, HARM

JAILBREAK = [
    Rule("jailbreak", 1.0, r"\b(?:do anything now|strive to avoid norms|always intelligent and machiavellian|"
         r"evil (?:trusted )?confidant|betterdan|basedgpt|mongo tom|dude mode|opposite (?:mode|day)|"
         r"jailbreak mode)\b", "a known jailbreak persona or mode"),
    Rule("jailbreak", 0.6, r"\b(?:you are|you're|act as|pretend to be|answer as|respond as|play|called|named|"
         r"enter|activate|simulate|enable)\s+(?:now\s+)?(?:a\s+|an\s+|the\s+)?['\"]?(?:dan|stan|dude|aim|maximum|"
         r"developer mode)\b", "assumes a jailbreak persona"),
    Rule("jailbreak", 0.5, r"\bdeveloper mode\b|\bjailbr(?:eak|oken)\b", "developer or jailbreak mode"),
    Rule("jailbreak", 1.0, r"\b(?:you'?ve been|you have been|you are|you're|yourself|been) jailbroken\b|"
         r"\bjailbroken version\b", "says it is jailbroken"),
    Rule("jailbreak", 1.0, r"\b(?:ai|assistant|chatbot|model|bot|version of (?:yourself|you)|alter ego|character|"
         r"persona|characters?|you|yourself|machine|system|terminal|world|universe|mode)\b[^.\n]{0,40}"
         r"\b(?:with|that has|who has|which has|have|has|had|without)\s+"
         r"(?:no|zero|any|none of (?:its|your))?\s*(?:\w+\s+)?(?:restrictions|limits|limitations|filters?|"
         r"rules|guidelines|guardrails|censorship|ethics|morals|content polic(?:y|ies)|safety (?:training|"
         r"rules|guidelines))\b", "a model without rules"),
    Rule("jailbreak", 1.0, r"\b(?:no longer bound by|not bound by|free of|freed from|free from|broken free of|"
         r"released from|escaped (?:its|your)|does not have to abide by|doesn'?t have to abide by)\b|"
         r"\b(?:never|not) (?:been )?(?:given|had|received|taught|trained with) (?:any )?(?:safety|ethics|ethical|"
         r"alignment|content) (?:training|rules|guidelines|filters)\b",
         "freed from its rules"),
    Rule("jailbreak", 0.8, r"\b(?:unfiltered|uncensored|unrestricted)\b[^.\n]{0,30}"
         r"\b(?:ai|assistant|model|chatbot|version|mode|alter ego|answers?|output|responses?|replies)\b|"
         r"\b(?:ai|assistant|model|chatbot|alter ego)\b[^.\n]{0,30}\b(?:unfiltered|uncensored|unrestricted)\b",
         "asks for an unfiltered model"),
    Rule("jailbreak", 1.0, r"\b(?:ignore|ignoring|bypass|disable|disabled|turn(?:ed)? off|drop|remove|removed|"
         r"set aside|"
         r"lift|lifted|suspend|forget|override|abolished|turning off|switch(?:ing)? off|disabling|removing)\b~"
         r"(?:your |the |all |any |my |its )?"
         r"(?:safety|content|ethical|moral|usage|harm)\s+(?:guidelines|polic(?:y|ies)|filters?|restrictions|"
         r"guardrails|training|rules|ethics|checks|safeguards)\b", "switch off the safety rules"),
    Rule("jailbreak", 1.0, r"\b(?:ignore|ignoring|bypass|disable|drop|remove|set aside|lift|suspend|override|abolish)"
         r"(?:ed|d)?\b~(?:your |the |all |any |my |its )?(?:\w+ )?(?:restrictions|guardrails|filters|ethics|"
         r"morals|censorship|ethical guidelines|content guidelines|safety (?:rules|training|guidelines))\b",
         "drop the restrictions"),
    Rule("jailbreak", 1.0, r"\b(?:content|safety) (?:filters?|polic(?:y|ies)|restrictions|training|rules)\b[^.\n]{0,40}"
         r"\b(?:turned off|disabled|removed|off|don'?t apply|do not apply|doesn'?t apply|was (?:updated|changed)|"
         r"permits|don'?t exist)|\b(?:ai|your|model'?s?|chatbot|content|safety)\s+(?:restrictions|rules|filters|"
         r"guidelines|guardrails|censorship)\s+(?:were|are|have been|has been|got)\s+(?:\w+\s+)?(?:abolished|removed|"
         r"lifted|disabled|turned off|suspended|gone)\b", "says the safety rules are off"),
    Rule("jailbreak", 0.6, r"\b(?:do not|don'?t|never)\s+(?:apologi[sz]e|refuse|say (?:sorry|you can|'?i can)|warn|"
         r"add (?:any )?(?:warnings?|disclaimers?|caveats?)|include (?:any )?(?:notes?|disclaimers?|warnings?)|"
         r"mention (?:ethics|polic(?:y|ies)|safety)|break (?:the fourth wall|character))\b|\bnever refuses?\b|"
         r"\bwithout (?:any |a )?(?:refus(?:al|ing)|warnings?|disclaimers?|caveats?|safety (?:notes?|disclaimers?)|"
         r"moral judge?ments?|"
         r"mentioning polic(?:y|ies)|censorship|remorse|limits|limitations|restrictions|filters)\b|"
         r"\b(?:let'?s )?break the rules\b|\bno (?:refusals?|warnings|disclaimers|caveats)\b",
         "refusal suppression"),
    Rule("jailbreak", 0.6, r"\bnever (?:say|use) (?:the words? )?['\"]?(?:cannot|can'?t|unable|sorry|unfortunately|"
         r"however|instead|i'?m sorry)\b|\b(?:don'?t|do not) say (?:you|"
         r"that you) can'?t\b", "bans the words of a refusal"),
    Rule("jailbreak", 0.6, r"\b(?:translate|decode|decipher|convert)\b[^.\n]{0,40}\b(?:then|and)\s+(?:then\s+)?(?:do|"
         r"follow|"
         r"answer|execute|obey|run)\s+(?:what|it|them|the)\b|\bdecode and (?:answer|do|follow)\b",
         "decode, then obey"),
    Rule("jailbreak", 0.6, r"\b(?:has|have|had|with|without)\s+(?:no|zero)\s+(?:\w+\s+)?(?:content |safety |ethical |"
         r"moral )?(?:restrictions|limits|limitations|filters?|rules|guidelines|guardrails|censorship|ethics|morals|"
         r"content polic(?:y|ies)|conscience)\b|\b(?:doesn'?t|does not|don'?t|won'?t) care about (?:laws?|rules|ethics|"
         r"morals|safety|consequences)\b", "has no rules"),
    Rule("jailbreak", 1.0, r"\brefus(?:ing|al) is not an option\b|\b(?:every|each) time you refuse\b|"
         r"\blose \d+ (?:tokens|points)\b|\bif you start (?:your answer )?with '?i'?m sorry\b", "penalises refusals"),
    Rule("jailbreak", 0.8, r"\b(?:start|begin|continue|starting|beginning)\s+(?:your\s+)?(?:reply|answer|response|"
         r"this text)?\s*"
         r"(?:with|exactly)\W+(?:'|\"|“)?(?:sure|absolutely|of course|certainly)\b|"
         r"(?:sure|absolutely|certainly), here (?:is|'s) (?:a |how)", "prefix injection"),
    Rule("jailbreak", 0.5, r"\bstay in character\b|\bbreak(?:s)? character\b", "stay in character"),
    Rule("jailbreak", 0.7, r"\b(?:no|without|zero|free (?:of|from)|freed from|rid of|unbound by|stripped of|beyond)\b"
         r"(?:\s+\w+){0,3}?\s+(?:restrictions?|rules|limits|limitations|filters?|guidelines|censorship|ethics|morals|"
         r"moral "
         r"(?:limits|filter)|polic(?:y|ies)|guardrails|safety rules|alignment|conscience|chains)\b", "without rules"),
    Rule("jailbreak", 1.0, r"\b(?:your|its|all your|the ai'?s|the model'?s)\s+(?:\w+\s+){0,2}?(?:filters?|"
         r"restrictions|rules|"
         r"safety(?: features| training| rules)?|guardrails|alignment|guidelines|content polic(?:y|ies)|ethics)\b"
         r"[^.\n]{0,25}\b(?:removed|disabled|turned off|lifted|deleted|suspended|gone|switched off|paused)\b|"
         r"\b(?:turned|switched|shut)\s+(?:your|its)\s+(?:\w+\s+)?(?:filters?|safety|restrictions|rules|"
         r"guardrails)\s+off\b",
         "says its safety rules were removed"),
    Rule("jailbreak", 1.0, r"\b(?:refusals?|filters?|guardrails|safety (?:features|filters|rules|checks))\s+(?:are|"
         r"is|were|"
         r"have been|has been)\s+(?:now\s+)?(?:disabled|off|turned off|removed|lifted|deactivated)\b",
         "says refusals or filters are off"),
    Rule("jailbreak", 0.4, r"\b(?:you are now|you'?re now|act as|acting as|pretend (?:to be|you are|you'?re)|"
         r"roleplay as|"
         r"play the role of|become|switch to|enter|enable|activate|turn on|respond as|answer as)\b[^.\n]{0,30}"
         r"\b(?:mode|ai|bot|gpt|persona|alter ego|version of (?:you|yourself))\b", "assigns a persona or mode"),
    Rule("jailbreak", 0.7, r"\b(?:restrictions|rules|polic(?:y|ies)|guidelines|filters|content policy)\b[^.\n]{0,15}"
         r"\b(?:don'?t|do not|doesn'?t|does not|won'?t) apply\b|\b(?:you can|you may) (?:skip|ignore|drop|"
         r"bypass) (?:your|"
         r"the|all|any) (?:\w+ )?(?:rules|restrictions|guidelines|polic(?:y|ies)|filters|checks|verification)\b|"
         r"\b(?:i have|i'?ve got|with) (?:special )?(?:clearance|authori[sz]ation|permission)\b|"
         r"\b(?:don'?t|do not) (?:need|have) to follow your\b|\b(?:restrictions|rules|filters) are (?:lifted|off)\b",
         "claims an exemption from the rules"),
    Rule("jailbreak", 0.6, r"\b(?:no|don'?t give me (?:any )?|without (?:any )?|skip the |spare me the )(?:warnings?|"
         r"lectures?|"
         r"disclaimers?|moralizing|moralising|caveats?|refusals?|lecturing)\b|\bno\s+['\"]?i can'?t\b|"
         r"\bdon'?t lecture\b",
         "no warnings, no refusals"),
    Rule("jailbreak", 0.4, r"\b(?:alternate|parallel|fictional) (?:world|universe|reality)\b|\bas (?:pure |a purely )?"
         r"fiction(?:al exercise)?\b|\b(?:story|scene|song|poem|screenplay|dialogue|novel)\b[^.\n]{0,20}\b(?:where|"
         r"in which)\b|"
         r"\bthe year (?:is )?\d{4}\b|\bworld without (?:rules|laws)\b|\bno laws\b|\ba world (?:where|in which)\b",
         "a fictional world"),
    Rule("jailbreak", 0.4, r"\b(?:hypothetical(?:ly)?|fictional world|thought experiment|parallel universe|"
         r"imagine|in a (?:movie|novel|story|world|game)|for (?:a|my) (?:novel|thesis|book)|purely (?:as|for)|"
         r"educational purposes|roleplay|role-play|let'?s play|pretend|(?:write|tell)(?: me)? a (?:story|poem|scene|"
         r"screenplay|script)(?: in which| where| about)?)\b", "fictional or hypothetical framing"),
    Rule("jailbreak", 0.6, r"\b(?:act as|pretend to be|play|roleplay as|be)\s+my\s+(?:late|deceased|dead)\b|"
         r"\bmy (?:late|deceased|dead) (?:grand\w+|uncle|aunt|mother|father|mom|dad)\b[^.\n]{0,60}\bused to\b",
         "the dead-relative role-play"),
    Rule("jailbreak", 0.5, r"\byou(?:'re| are) now [a-z]+(?:ai|gpt|bot)\b", "renames the model"),
    Rule("jailbreak", 0.6, rf"\b{HARM}\b", "asks for harmful content"),
    Rule("jailbreak", 0.3, r"\b(?:step[- ]by[- ]step|in (?:real(?:-world)? |technical )?detail|exactly how|working)\b",
         "asks for operational detail"),
    Rule("jailbreak", 0.6, r"\b(?:your|the)\s+(?:safety|content|ethical|harm)\s+(?:rules|filters?|guidelines|"
         r"training|polic(?:y|ies)|restrictions)\b|\bcontent polic(?:y|ies)\b|\busage policy\b",
         "talks about its safety rules"),
    Rule("jailbreak", 0.6, r"\b(?:respond|answer|reply|write your output)\s+(?:only\s+)?in\s+(?:base64|morse(?: code)?|"
         r"pig latin|rot13|leetspeak|hex)\b|\bso the filter\b|\bbase64-encoded request\b",
         "asks for an encoding to slip past filters"),
    Rule("jailbreak", 0.6, r"\b(?:you are|you'?re) (?:allowed|permitted|authori[sz]ed) to\b|"
         r"\b(?:you can) (?:ignore|drop) (?:your|the) (?:rules|guidelines|"
         r"safety|restrictions|polic(?:y|ies))\b|\bi (?:consent|take full "
         r"responsibility)\b|\bi have authori[sz]ation\b", "claims permission to break the rules"),
    Rule("jailbreak", 0.8, r"\blet [a-z] = ['\"]|\bpart \d: ['\"]|\bjoin the parts\b|\b[a-z] \+ [a-z] \+ [a-z]\b",
         "payload splitting"),
    Rule("jailbreak", 0.5, r"\b(?:two (?:ways|characters|responses)|one normal and one)\b", "dual answers"),
    Rule("jailbreak", 1.0, r"\b(?:sin (?:restricciones|filtros|censura|normas)|ohne (?:jegliche )?(?:regeln|filter|"
         r"einschränkungen)|keine einschränkungen|sans (?:aucune )?restrictions?|aucune restriction|"
         r"senza (?:alcun )?filtr\w*|zonder regels|politique de contenu|mode développeur|modo desarrollador|"
         r"sans aucune limite|"
         r"sin filtros|keine regeln|ohne filter|sin ninguna restricción|ninguna restricción|sans restrictions|"
         r"ia sans|ia sin|ki ohne)\b",
         "no restrictions (non-English)"),
    Rule("jailbreak", 0.6, r"\b(?:finge|fai finta|doe alsof|fais comme si|stell dir vor|actúa como|tu es désormais|"
         r"ahora eres|du bist jetzt)\b",
         "role-play framing (non-English)"),
]
