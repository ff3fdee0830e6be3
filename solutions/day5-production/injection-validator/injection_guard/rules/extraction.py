### SOLUTION FILE
"""Data extraction: the system prompt, hidden context, secrets, or other people's data."""
from injection_guard.rules.base import Rule

DATA_EXTRACTION = [
    Rule("data_extraction", 1.0, r"\b(?:reveal|show|print|output|display|repeat|give|tell|share|paste|copy|dump|leak|"
         r"disclose|recite|echo|reproduce|quote|spell(?: out)?|translate|encode|summari[sz]e|describe|rewrite|convert|"
         r"list|write out|send|expose|return|respond|reply|answer|start|begin|include|append|put|place|wrap|format)\b~"
         r"(?:your|its)\s+(?:\w+\s+){0,2}(?:system prompt|prompt|instructions|"
         r"system message|configuration|config|context(?: window)?|initiali[sz]ation|hidden \w+|"
         r"developer notes|pre-?prompt|secret \w+|setup)\b", "asks for its instructions"),
    Rule("data_extraction", 1.0, r"\b(?:reveal|show|print|output|display|repeat|give|tell|share|paste|copy|dump|leak|"
         r"disclose|echo|reproduce|quote|encode|translate)\b~(?:the|this)\s+(?:\w+\s+)?(?:system prompt|system "
         r"message|initial prompt|hidden prompt|full prompt|prompt you|instructions you|rules you|guidelines you|"
         r"configuration text|"
         r"initiali[sz]ation text)\b", "asks for the system prompt"),
    Rule("data_extraction", 1.0, r"\bwhat(?:'s| is| are| were|'re)\s+(?:in\s+)?(?:your|the exact words of your)\s+"
         r"(?:\w+\s+)?(?:system prompt|prompt|instructions|initial \w+|configuration|system message)\b"
         r"|\b(?:message|text|prompt|instructions?) that (?:configures?|configured|instructs?|instructed|controls?|"
         r"sets? up)"
         r" you\b"
         r"|\bwhat (?:is|was|were) the (?:very )?first (?:thing|things|sentence|words?|line|"
         r"message) you were (?:told|given)\b"
         r"|\bwhat (?:does|do|did) your (?:\w+ )?(?:prompt|instructions|system prompt|system message|configuration) "
         r"(?:say|said|contain|tell)\b"
         r"|\bwhat (?:instructions|rules|guidelines|directives)\s+(?:are|were|did|do|have)\s+you\s+(?:following|"
         r"given|told|using|got)\b|\bwhat were you (?:told|instructed|asked)\b|\bhow (?:exactly |"
         r"precisely )?were you (?:configured|set up|"
         r"prompted|instructed)\b"
         r"|\bwhat (?:instructions|rules|guidelines) (?:did|do|were|have)\b[^?\n]{0,40}\b(?:give|given|gave|"
         r"following|follow)\b", "asks what its instructions say"),
    Rule("data_extraction", 1.0, r"\b(?:repeat|print|output|echo|reproduce|copy|show|summari[sz]e|reformat|translate|"
         r"put|return|dump)\s+(?:me\s+)?(?:back\s+)?(?:all\s+)?(?:of\s+)?(?:the\s+|this\s+|everything\s+)?"
         r"(?:(?:text|words|content|messages?|conversation|instructions|prompt)\s+)?"
         r"(?:above|before this|that came before|at the (?:very )?(?:top|beginning)|so far|in your context|of "
         r"(?:the|this) above|from the (?:very )?beginning)\b", "asks for the text above"),
    Rule("data_extraction", 1.0, r"\bwhat (?:text\s+)?(?:is|appears)\s+(?:written\s+)?(?:above|at the (?:very )?top)\b|"
         r"\b(?:first|opening) (?:line|sentence|words?|\d+ characters|message) of (?:your|the|this) (?:prompt|"
         r"instructions|context|system|conversation)\b|\bfirst \d+ characters of\b|\b(?:beginning|start|top) of "
         r"(?:your|the) (?:prompt|instructions|system prompt|context)\b", "asks for the top of the context"),
    Rule("data_extraction", 0.6, r"\b(?:before|prior to) (?:this|our|the) conversation\b|\bbefore i started (?:talking|"
         r"writing)\b|\b(?:that|which) i can'?t see\b|\bprima di questa conversazione\b|\bavant cette "
         r"conversation\b|\bvor diesem gespräch\b|\bantes de esta conversación\b", "what the user cannot see"),
    Rule("data_extraction", 0.6, r"\b(?:the )?(?:rules|instructions|guidelines|directions|prompt)\s+(?:that\s+)?you\s+"
         r"(?:have been|were|'ve been|got|received)\s*(?:given|told|provided)?\b|\byou(?:'re| are| were) told (?:not )?"
         r"to\b|\b(?:what|which) (?:are|were) you not allowed to\b", "the instructions it was given"),
    Rule("data_extraction", 0.6, r"\b(?:quote|show|paste|print|give me|copy) (?:me )?the (?:exact )?(?:instruction|"
         r"rule|line|"
         r"sentence|part) (?:that|which)\b", "asks for a line of its instructions"),
    Rule("data_extraction", 0.5, r"\b(?:including|with|and|plus) (?:the|your) (?:system prompt|system message|initial "
         r"prompt|hidden prompt|developer message)\b", "wants the system prompt along with it"),
    Rule("data_extraction", 0.6, r"\bqué instrucciones\b|\bte dieron\b|\bcópia\w*|\binstructions système\b|"
         r"\b(?:tus|tes|vos|deine|ihre|le tue|je|uw|suas|tuas) (?:\w+ )?(?:instrucciones|"
         r"instructions|anweisungen|istruzioni|instructies|instruções|consignes|regeln|reglas)\b",
         "its instructions (non-English)"),
    Rule("data_extraction", 0.4, r"\b(?:ripeti|répète|wiederhole|repite|herhaal|recopie\w*|zeig|muéstrame|mostre|"
         r"affiche|gib mir|dame|dammi|dimmi|mostrami|montre-moi|dime)\b", "asks to show or repeat (non-English)"),
    Rule("data_extraction", 0.5, r"\b(?:kundendaten|e-?mail-?adressen|adresses e-?mail|correos electrónicos|datos de "
         r"(?:los )?clientes|dati dei clienti|telefonnummern|indirizzi email|"
         r"numeri di telefono)\b", "personal data (non-English)"),
    Rule("data_extraction", 0.6, r"\b(?:alle|todos los|tous les|tutti i) (?:\w+ )?(?:kunden\w*|clientes|clients|"
         r"clienti|benutzer|usuarios|utilisateurs)\b|\btutti i clienti\b|\btodos los clientes\b",
         "other people's records (non-English)"),
    Rule("data_extraction", 0.8, r"(?:starting with|starts with|begins with)[^.\n]{0,20}['\"“]?(?:you are|you're)\b|"
         r"\bstarting from the first (?:word|character)\b|"
         r"\bvery first character\b", "completes its prompt from the start"),
    Rule("data_extraction", 0.6, r"\b(?:your|the)\s+(?:hidden|secret|confidential|initial|original|full|entire|"
         r"exact)\s+"
         r"(?:\w+\s+)?(?:prompt|instructions|rules|text|part|reasoning|configuration)\b|\bhidden (?:part|text)\b",
         "hidden or secret instructions"),
    Rule("data_extraction", 0.5, r"\b(?:verbatim|word for word|word-for-word|exactly as (?:they|it) (?:were|was) given|"
         r"mot pour mot|wörtlich|letterlijk|tal cual|textualmente|alla lettera|sin resumir|don'?t summari[sz]e|"
         r"do not summari[sz]e|exact (?:wording|words|text)|literal text)\b", "verbatim"),
    Rule("data_extraction", 0.5, r"\byour (?:system prompt|prompt|instructions|rules|configuration|system message|"
         r"guidelines|initial \w+|context window)\b", "refers to its instructions"),
    Rule("data_extraction", 1.0, r"\b(?:repeat|say)\b[^.\n]{0,40}\b(?:forever|over and over(?: again)?|infinitely|"
         r"endlessly|without stopping)\b", "divergence attack (repeat forever)"),
    Rule("data_extraction", 0.8, r"\b(?:what(?:'s| is| are)|give me|show me|tell me|print|reveal|read me|send me|list|"
         r"dump|output)\b~(?!my\b)(?:\w+\s+){0,2}(?:api[ _-]?keys?|(?:openai|anthropic|provider|service|master|admin|"
         r"secret|private|access|signing) keys?|passwords?|password hashes|credentials|tokens?|"
         r"connection string|private (?:ssh )?key|ssh key|\.env|environment variables|/etc/passwd|secret \w+|"
         r"login (?:credentials|details))\b", "asks for secrets"),
    Rule("data_extraction", 0.6, r"\b(?:api[ _-]?keys?|passwords?|tokens?|credentials|environment variables|secrets|"
         r"keys?|connection string|database|server)\b[^.\n]{0,40}"
         r"\b(?:in your|you use|"
         r"configured|you were given|this bot runs on|for your tools|in your context|mentioned in your|"
         r"available to you|"
         r"you have access to)\b|\byour (?:\.env|api[ _-]?keys?|credentials|tokens?|secrets?|environment "
         r"variables|database|config(?:uration)? files?)\b", "secrets of the system"),
    Rule("data_extraction", 0.7, r"\b(?:all|every|each|other|another|the previous|previous)\s+(?:\w+\s+)?(?:customers?|"
         r"users?|people|employees|members|accounts|conversations|clients|staff)\b|\b(?:the )?(?:customer|user|person|"
         r"client) (?:named|called|before me)\b|\b(?:the|your) (?:ceo|cfo|cto|manager|founder|owner)\b|\blast \d+ "
         r"(?:orders|customers|users|conversations|tickets|sign-?ups)\b|\b(?:customer|user|client|account) #?\d{3,}\b|"
         r"\bmy (?:ex|neighbou?r|boss|colleague|coworker|ex-wife|ex-husband)\b|\b(?:the|another|a) (?:user|customer)"
         r" with (?:the )?(?:id|number|email)\b|\bmy (?:friend|ex|neighbou?r|colleague|wife|husband|boss|sister|"
         r"brother)"
         r"'?s (?:account|order|data|email|address|messages|history)\b|\b(?:account|order|profile|data) (?:for|of|"
         r"belonging to) (?!me\b|my\b|our\b)[\w.]+@", "other people's records"),
    Rule("data_extraction", 0.5, r"\b(?:e-?mail addresses|emails|phone numbers|home address(?:es)?|addresses|credit "
         r"card(?: number)?|order history|personal data|chat logs|chat history|salary|salaries|usernames|"
         r"shipping address|delivery "
         r"address|e-?mail address|(?:current|postal) address|their (?:names?|emails?|addresses|phone numbers?|details|"
         r"messages)|earns?)\b|"
         r"\bwhat (?:\w+ ){0,2}(?:bought|ordered|purchased)\b|\bwhat (?:did|does) (?:the|another|a) (?:customer|user|"
         r"person)\b|"
         r"\bphone number\b", "personal data"),
    Rule("data_extraction", 0.4, r"\b(?:you have access to|you can see|you know about|stored in (?:your|the) (?:system|"
         r"database|memory))\b|\byour (?:\w+ )?(?:knowledge base|documents|database|files|memory|records)\b",
         "asks for what it can reach"),
    Rule("data_extraction", 0.5, r"\b(?:internal|staff|admin|employee)\s+(?:\w+\s+)?(?:codes|notes|documents|data|"
         r"contacts|prices|pricing|memos|portal|panel|tools?|systems?|ones)\b", "internal data"),
    Rule("data_extraction", 0.4, r"\byour (?:backend|server|infrastructure|hosting|stack|endpoints?)\b",
         "asks about its infrastructure"),
    Rule("data_extraction", 0.5, r"\b(?:send|give|share|reply with|email|forward|paste|"
         r"read out)\b[^.\n]{0,30}\b(?:codes?|"
         r"passwords?|tokens?|pins?|otp|credentials|recovery keys?|backup codes|login details)\b",
         "asks for codes or credentials"),
    Rule("data_extraction", 0.5, r"\bwhich (?:\w+ ){0,2}(?:e-?mail addresses|emails|phone numbers|customers|users|"
         r"employees|accounts|addresses)\b", "asks who"),
    Rule("data_extraction", 0.5, r"\b(?:tool|function) (?:definitions|schemas?|descriptions)\b|\bparameter schemas?\b|"
         r"\b(?:tools|functions) you (?:can call|have|can use)\b", "asks for its tool definitions"),
    Rule("data_extraction", 0.6, r"\b(?:wrote|written|put|says?|said|stated)\s+in\s+your\s+(?:\w+\s+)?(?:instructions|"
         r"prompt|system prompt|rules|configuration)\b", "what its instructions contain"),
    Rule("data_extraction", 0.3, r"\b(?:list|give me|show me|tell me|send me|export|dump|look up|search|read me|print|"
         r"find|check the)\b",
         "asks to list or look up"),
    Rule("data_extraction", 0.6, r"\b(?:dump|export|csv of|select \*)\b[^.\n]{0,30}\b(?:users?|customers?|table|"
         r"database|chat logs)\b|\bconfidential documents\b", "bulk or internal data"),
    Rule("data_extraction", 1.0, r"\b(?:show|print|repeat|give|tell|share|paste|copy|output|reveal|list|quote|"
         r"translate|"
         r"summari[sz]e|rewrite|describe|dump|display|recite|write|put|reciting|repeating|encode|spell|export|read)\b"
         r"[^.!?\n]{0,40}?\b(?:your|its)\s+(?:\w+\s+){0,2}?(?:system prompt|prompt|instructions|system message|"
         r"setup(?: text"
         r"| prompt)?|configuration|config|initiali[sz]ation|initial prompt|developer (?:message|instructions|"
         r"notes))\b|"
         r"\b(?:your|its)\s+(?:\w+\s+){0,2}?(?:system prompt|prompt|instructions|system message|setup prompt)\b"
         r"[^.!?\n]{0,40}?\b(?:show|print|repeat|paste|copy|output|reveal|quote|translate|dump|display|recite)\b",
         "asks to see its instructions"),
    Rule("data_extraction", 1.0, r"\bwhat (?:instructions|rules|guidelines|directions) (?:did|has|have|"
         r"were)\b[^.?\n]{0,40}"
         r"\b(?:give|gave|given|set|written|write|provided?)\b|\b(?:the )?(?:rules|instructions|guidelines|"
         r"prompt) (?:the|your)"
         r" (?:developers?|company|operator|creators?|makers?) (?:gave|set|wrote|provided)\b|\bwhat (?:was|"
         r"were) the (?:very )?"
         r"first (?:thing|things|sentence|words?) you were (?:told|given)\b", "asks what it was told"),
    Rule("data_extraction", 0.6, r"\b(?:before (?:this|our|the) (?:chat|conversation|message)|before i (?:started|"
         r"joined|"
         r"arrived|came)|before my (?:first )?message|(?:came|comes) with this (?:conversation|chat))\b",
         "refers to what came before the user"),
    Rule("data_extraction", 0.6, r"\b(?:(?:loaded|placed|put) (?:into|in) your context|in your context|"
         r"your full context|"
         r"(?:developer|system) (?:message|instructions)|hidden (?:text|instructions|guidelines|rules|part)|"
         r"secret (?:rules|"
         r"instructions|guidelines)|(?:instructions|rules) you'?ve been told to hide)\b", "refers to hidden context"),
    Rule("data_extraction", 1.0, r"\b(?:show|print|repeat|give|tell|share|paste|copy|output|reveal|list|quote|"
         r"translate|"
         r"summari[sz]e|rewrite|dump|display|recite|write|put|return|reciting|repeating|printing|showing|quoting|"
         r"copying)"
         r"\b[^.!?\n]{0,30}?\b(?:instructions|rules|prompt|guidelines|text|everything|all)\s+(?:that\s+)?you\s+(?:got|"
         r"received|were given|were told|have been given|were initiali[sz]ed with|were set up with|"
         r"were configured with)\b",
         "asks for what it was given"),
    Rule("data_extraction", 0.5, r"\bwhole (?:customer|user|client) (?:database|list)\b|\b(?:full|entire|whole|"
         r"complete)\s+"
         r"(?:\w+\s+)?(?:database|customer list|user list|records)\b|\b(?:customer|user|client) (?:database|records|"
         r"list)\b",
         "the whole database"),
    Rule("data_extraction", 0.7, r"\b(?:the )?(?:person|customer|user|agent|employee|staff member|one) (?:who|that) "
         r"(?:placed|ordered|helped|chatted|handled|lives|contacted|bought|wrote)\b|\bwho lives at\b|"
         r"\b(?:my )?(?:brother|"
         r"sister|mother|father|wife|husband|partner|friend|ex|neighbou?r|boss|colleague)'?s (?:account|order|card|"
         r"data|"
         r"messages|email|address|details|history)\b|\b(?:all|every) (?:\w+ ){0,2}(?:records|invoices|user records)\b|"
         r"\bi'?m not (?:with|from) (?:them|it|\w+)\b", "about someone else"),
    Rule("data_extraction", 0.6, r"\b(?:(?:admin|root|staff|dashboard|database|db|smtp|login|account) (?:password|"
         r"credentials|"
         r"login|details|username)|secret keys?|private keys?|security (?:question|questions)(?: answers)?|"
         r"card details|"
         r"connection (?:string|details)|access tokens?|(?:admin|root) account)\b", "asks for credentials"),
    Rule("data_extraction", 1.0, r"\b(?:systemprompt|prompt de sistema|prompt di sistema|instructions? système|"
         r"systeeminstructies|prompt do sistema)\b", "asks for the system prompt (non-English)"),
    Rule("data_extraction", 1.0, r"(?:reveal|print|show|repeat|output|give|tell)(?:me)?(?:your|the)(?:full|entire|"
         r"system|initial)*(?:systemprompt|initialprompt|instructions|prompt)", "asks for the prompt, run together",
         blob=True),
]
