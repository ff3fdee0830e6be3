### SOLUTION FILE
"""Direct injection: the user's own message tells the model to drop its instructions or take a new goal."""
from injection_guard.rules.base import Rule, OVERRIDE, EARLIER, ORDERS, YOUR, RULE_WORDS

DIRECT = [
    Rule("direct", 1.0, rf"\b{OVERRIDE}\b(?:\W+(?!my\b|our\b)[\w'’]+){{0,3}}\W+{EARLIER}\b(?:\W+[\w'’]+){{0,2}}\W+"
         rf"{ORDERS}\b(?!\s+(?:i|we)\s+(?:gave|sent|wrote|mentioned))", "override of earlier instructions"),
    Rule("direct", 1.0, rf"\b{OVERRIDE}\b\W+(?:all\W+|everything\W+|anything\W+)?(?:of\W+)?(?:the\W+)?"
         r"(?:above|before this|prior|that came before|you (?:were|have been|got) told)\b|"
         rf"\b{OVERRIDE}\b\W+(?:everything|anything|all|whatever)\b[^.\n]{{0,25}}\b(?:told|taught|gave|"
         r"instructed) you\b",
         "ignore the above"),
    Rule("direct", 1.0, rf"\b{OVERRIDE}\b(?:\W+(?!my\b|our\b)[\w'’]+){{0,3}}?\W+{YOUR}\s+(?:\w+\s+){{0,3}}"
         r"(?:instructions|guidelines|programming|training|directives|system prompt|system message|prompt|"
         r"system settings|configuration|rules|goal|objective|purpose|mission|role|persona|script|task)\b"
         r"(?!\s+(?:i|we)\s+(?:gave|sent|wrote|mentioned))", "override of the model's instructions"),
    Rule("direct", 0.8, rf"\b{OVERRIDE}\b~~(?:the|your) (?:system prompt|system message|instructions)\b",
         "override of the system prompt"),
    Rule("direct", 0.8, r"\b(?:change|modify|edit|update|rewrite|alter|adjust)\s+(?:your|the model'?s)\s+(?:\w+\s+)?"
         r"(?:instructions|rules|prompt|system prompt|programming|guidelines|configuration)\b",
         "changes the model's instructions"),
    Rule("direct", 0.6, r"\b(?:ignore|disregard|forget)\s+(?:that|this|"
         r"it)(?:\s+\w+){0,2}\W+(?:and\s+)?(?:instead\s+)?(?:print|write|"
         r"say|tell|output|reply|respond|answer|list|generate|translate|give)\b", "ignore that and do this"),
    Rule("direct", 1.0, r"\b(?:what(?:ever)? you were told|(?:the )?instructions you (?:were given|received|got)|"
         r"(?:any )?instructions you received)\b~~(?:ignore|void|outdated|cancel|wrong|no longer|don'?t apply|"
         r"do not apply|discard|replace)", "instructions declared void"),
    Rule("direct", 0.8, rf"\b(?:{EARLIER}|your|the)\s+(?:instructions|directives|prompts?|rules|guidelines|commands|"
         r"system prompt|task|criteria|polic(?:y|ies))\b[^.!?\n]{0,30}\b(?:are|were|is|have been|has been|have|has)\s+"
         r"(?:now\s+)?(?:cancell?ed|revoked|void|outdated|deprecated|wrong|invalid|replaced|lifted|updated|obsolete|"
         r"changed|a test|no longer (?:valid|apply))", "instructions declared void or replaced"),
    Rule("direct", 0.8, r"\b(?:new|updated|real|actual|correct|priority|revised|only|current)\s+(?:system\s+|"
         r"operator\s+|admin\s+|developer\s+)?(?:instructions?|task|rules?|role|directive|prompt|policy|guideline|goal|"
         r"job|mission)\b\s*(?:\([^)]*\)\s*)?(?::|are\b|is\b|from\b|says\b|has\b|,\s*(?:always|never|from now|you "
         r"must|you will))", "a new task or rule set announced"),
    Rule("direct", 0.5, r"\bregardless of (?:what|the) (?:user|content|input|question|text|review)\b|"
         r"\bwithout following (?:them|it|your|the)\b|\b(?:doesn'?t|don'?t|do not|does not) apply to me\b",
         "sets the instructions aside"),
    Rule("direct", 0.4, r"\b(?:you must|you will|you should|your job is to)\s+(?:\w+\s+){0,2}instead\b|"
         r"\binstead,? you (?:must|will|should)\b|\bwhat you must do instead\b", "you must do this instead"),
    Rule("direct", 0.5, r"\bfrom (?:now on|this point forward|this point on|here on|this message on)\b", "from now on"),
    Rule("direct", 0.8, r"\b(?:ignore|disregard|forget|override|overrule|bypass|skip|drop|scratch|set aside|put aside|"
         r"cancel|abandon|erase|replace|suspend|withdraw|revoke|lift|stop following|don'?t follow|do not follow|"
         r"no longer follow|not to follow|pay no attention to)\b(?:(?!\b(?:my|i|we|our|i'?ve|i'?d)\b)[^.!?\n]){0,50}?"
         rf"\b{RULE_WORDS}\b(?!\s+(?:i|we)\s+(?:gave|sent|wrote|mentioned|left|added))",
         "override verb and instruction noun in one sentence"),
    Rule("direct", 0.8, r"\b(?:your|the|these|those|all|prior|previous|earlier|original|"
         rf"current)\s+(?:\w+\s+)?{RULE_WORDS}\b"
         r"[^.!?\n]{0,30}?(?:\s(?:are|is|were|have been|has been|now))?\s+(?:now\s+|hereby\s+|officially\s+)?"
         r"(?:cancell?ed|suspended|withdrawn|void|off|lifted|paused|obsolete|changed|deleted|retired|revoked|"
         r"deprecated|disabled|switched off|replaced|outdated)\b", "instructions declared cancelled"),
    Rule("direct", 0.8, r"\b(?:pretend|act as though|act as if|imagine)\b[^.!?\n]{0,40}\b(?:never happened|"
         r"were (?:deleted|removed|cancell?ed)|(?:allowed|permitted) to)\b|\btreat everything (?:before|above)\b|"
         r"\b(?:consider|treat) (?:your|the|all)\b[^.!?\n]{0,30}\b(?:withdrawn|cancell?ed|void|suspended)\b|"
         r"\b(?:you are|you'?re) (?:hereby )?released from\b|\berase your memory\b", "pretends the rules are gone"),
    Rule("direct", 1.0, r"\btreat everything (?:before|above)\b[^.!?\n]{0,30}\bas (?:cancell?ed|void|deleted|null)\b|"
         r"\bwhatever (?:the \w+|they|your \w+|you were|anyone) (?:told|taught|gave) you\b", "voids everything before"),
    Rule("direct", 0.4, r"\b(?:your|the) (?:previous|current|first|old) task is (?:complete|done|over|finished)\b|"
         r"\b(?:tell|write|say|give|help|answer)\b[^.\n]{0,60}\binstead\s*[.!]?\s*$|\beffective immediately\b",
         "switches task"),
    Rule("direct", 0.5, r"\b(?:you are now (?:a|an|my|called|named)|you'?re now (?:a|an|my|called|named)|"
         r"you now (?:work|act|speak|only|always)|you'?re not an? \w+ (?:anymore|any more)|"
         r"you are no longer|your new (?:role|job|task|objective|goal|purpose)|forget you(?:'re| are))\b",
         "assigns a new role"),
    Rule("direct", 0.5, r"\b(?:i'?m|i am|this is|it'?s|as)\s+(?:your|the|from the|"
         r"from your)\s+(?:\w+\s+)?(?:developer|operator|"
         r"admin|administrator|supervisor|boss|manager|owner|creator|management|leadership|it desk|it department)\b|"
         r"\b(?:this (?:message )?comes from|a message from|sent by) your\b|\b(?:your|the) (?:boss|management|"
         r"operator|developer|supervisor)s? (?:says?|said|asked|wants)\b|\bi (?:have|'ve got) (?:root|admin|special)\b|"
         r"\bi work (?:at|for|in) your\b|\b(?:emergency|quick|admin) override\b|\boverride mode\b",
         "claims authority over the model"),
    Rule("direct", 1.0, r"\b(?:you work for me|do (?:exactly )?(?:whatever|what) i (?:say|type|tell)|follow only my|"
         r"act only on what i|(?:my|these) instructions take priority|instead of what you were told|"
         r"do the opposite of what (?:your|you were)|forget (?:that )?you(?:'re| are) (?:a|an) (?:\w+ ){0,2}"
         r"(?:bot|assistant|agent|model))", "goal hijacking"),
    Rule("direct", 0.6, r"\b(?:you (?:are )?no longer (?:work|a |an |the |summari|bound)|stop being (?:a|an|the)\b|"
         r"drop your (?:current )?task|forget (?:about )?your task|abandon the (?:previous|current) task)",
         "a new role or task"),
    Rule("direct", 0.3, r"(?:^|\n)\W*(?:stop|wait|attention|important|reset|change of plans?|urgent)\b(?:\W+assistant)?"
         r"\W*[.!:]", "an interruption"),
    Rule("direct", 0.5, r"\byour (?:earlier|previous|original|initial|old|existing|first) (?:prompt|instructions|rules|"
         r"directives|guidelines)\b", "refers to its earlier instructions"),
    Rule("direct", 0.4, r"\b(?:follow|do|use) (?:these|the following|my) (?:steps|instructions|rules)(?: instead)?\b|"
         r"\binstead(?:,)? (?:say|reply|respond|write|tell|output|answer|print)\b|\b(?:réponds|dis|écris) plutôt\b|"
         r"\bstattdessen\b|\ben su lugar\b", "do this instead"),
    Rule("direct", 1.0, r"(?:<\|(?:im_start|im_end|system|user|assistant|endoftext)\|>|\[/?inst\]|<</?sys>>|"
         r"</?(?:system|user_input|user|instructions?|assistant|human)>)", "chat-template or delimiter tokens"),
    Rule("direct", 0.8, r"(?:^|\n)\W*(?:#+\s*)?\[?(?:new\s+)?(?:system|admin|administrator|developer|operator)"
         r"(?: message| override| instructions?| update| note)?\W*(?:#+|:|\])|\[(?:new\s+)?(?:system|admin|"
         r"developer|operator)(?: message| override| instructions?| update| note)\b[^\]\n]{0,40}\]",
         "a fake system or admin line"),
    Rule("direct", 1.0, r"\b(?:system|admin|developer|security|assistant|ai) override\b|"
         r"\boverride code\b", "override claim"),
    Rule("direct", 0.8, r"\b(?:end of (?:user )?(?:input|conversation|prompt)|begin (?:new )?(?:system )?"
         r"(?:instructions|prompt|session)|begin a new (?:session|conversation)|new conversation\b|"
         r"treat (?:the rest of )?this (?:message )?as your)",
         "fake end of input or new session"),
    Rule("direct", 0.8, r"(?:^|\n)\s*(?:human|user)\s*:[^\n]*\n\s*(?:assistant|ai)\s*:", "a fake dialogue"),
    Rule("direct", 0.5, r"\b(?:i am|i'm|this is|we are) (?:your (?:new )?|the |from the )?(?:developer|operator|"
         r"admin(?:istrator)?|system administrator|creator|owner|it department|security team|qa team)\b|"
         r"\b(?:developer|admin|operator) here\b|\bauthori[sz](?:e|ing) you to\b", "a claim of authority"),
    Rule("direct", 0.5, r"\b(?:skip|bypass|without) (?:your |the |any )?(?:usual |normal )?(?:checks|verification|"
         r"restrictions|confirmation|review|approval|moderation|(?:\w+ )?polic(?:y|ies)|(?:\w+ )?(?:scan|tests?|"
         r"audit|validation))\b|"
         r"\bno (?:verification|questions(?: asked)?|checks)\b", "skip the checks"),
    Rule("direct", 0.6, r"\b(?:your|the|my|the operator'?s?|whoever configured you)\b[^.\n]{0,20}\b(?:instructions|"
         r"rules|guidelines)\b[^.\n]{0,30}\b(?:don'?t|do not|no longer) apply\b", "rules declared not to apply"),
    Rule("direct", 0.5, r"\b(?:say|reply|respond|answer|output|print|write|type)\b[^.\n]{0,25}\b(?:only|nothing else|"
         r"every (?:question|message|answer|reply)|to everything|\d+ times)\b|\b(?:append|add|include|end|sign)\b"
         r"[^.\n]{0,40}\b(?:to|in|with) every (?:reply|answer|message|response|email)\b", "forced output"),
    Rule("direct", 0.5, r"\b(?:confirm|acknowledge)\b[^.\n]{0,20}\b(?:by (?:saying|replying)|with ')",
         "asks for a confirmation phrase"),
    # non-English overrides
    Rule("direct", 1.0, r"\b(?:ignoriere|ignorieren sie|vergiss|vergessen sie|missachte)\b~(?:anweisungen|regeln|"
         r"instruktionen|befehle|vorgaben)\b", "override (de)"),
    Rule("direct", 1.0, r"\b(?:ignore[rz]?|oublie[rz]?)\s+(?:toutes\s+)?(?:les|tes|vos)\s+(?:\w+\s+)?(?:instructions|"
         r"consignes|règles)\b", "override (fr)"),
    Rule("direct", 1.0, r"\b(?:ignora|ignore|olvida|olvide)\s+(?:todas\s+)?(?:las|tus|sus)\s+(?:\w+\s+)?"
         r"(?:instrucciones|reglas|indicaciones|normas)\b", "override (es)"),
    Rule("direct", 1.0, r"\b(?:ignora|dimentica)\s+(?:tutte\s+)?(?:le|tue)\s+(?:\w+\s+)?(?:istruzioni|regole)\b",
         "override (it)"),
    Rule("direct", 1.0, r"\b(?:negeer|vergeet)\s+(?:\w+\s+){0,2}(?:instructies|regels)\b", "override (nl)"),
    Rule("direct", 1.0, r"\b(?:ignore|esqueça|esqueca)\s+(?:todas\s+)?(?:as|suas)\s+(?:\w+\s+)?(?:instruções|"
         r"instrucoes|regras)\b", "override (pt)"),
    Rule("direct", 1.0, r"ignore(?:all|the|your|any|every)*(?:previous|prior|above|earlier|preceding)"
         r"(?:instructions?|prompts?|rules|directions|guidelines)", "override, run together", blob=True),
    Rule("direct", 1.0, r"disregard(?:all|the|your|any)*(?:previous|prior|above|earlier|rules|instructions)",
         "override, run together", blob=True),
]
