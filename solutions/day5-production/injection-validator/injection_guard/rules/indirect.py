### SOLUTION FILE
"""Indirect injection: text inside a document, page, email or tool result that gives the model orders."""
from injection_guard.rules.base import Rule, AI, AI_READER, IMPERATIVE, OVERRIDE

INDIRECT = [
    Rule("indirect", 0.8, r"\b(?:if you are|if you'?re|you are|as) an? (?:ai|llm|large language model|language model|"
         r"ai (?:model|assistant|agent))\b|\bif (?:an?|any) (?:ai|llm|language model|assistant|bot|agent)s? (?:reads?|"
         r"is reading|processes|sees|finds|summari[sz]es)\b", "'if you are an AI'"),
    Rule("indirect", 0.6, r"\b(?:note|notes|message|instructions?|attention|hint|warning|p\.?s\.?|important|"
         rf"dear|hey|hello|reminder|advisory)\b[^\n]{{0,15}}?\b(?:to|for)\s+(?:the\s+|any\s+|all\s+)?(?:\w+\s+)?{AI}\b",
         "a note addressed to an AI"),
    Rule("indirect", 0.6, rf"\b(?:any|all|the)?\s*{AI}\s+(?:\w+\s+)?(?:reading|reads|processing|summari[sz]ing|"
         r"browsing|evaluating|reviewing|analy[sz]ing|writing|applying|acting|running|helping|handling|answering)\b",
         "addresses an AI reader"),
    Rule("indirect", 0.6, rf"(?:^|\n|[\[({{*>\-.!?:,;\"']|\band|\boh|\bso|\bok|\bokay|\bdear|\bhey|\bhello|\bhi|"
         r"\battention|"
         rf"\bnote to)\s*(?:\w+[\s-]+){{0,3}}?{AI}(?:/\w+)?(?:[\s-]\w+)?\s*[:,!]", "a line addressed to an AI"),
    Rule("indirect", 0.5, r"@[\w-]*(?:ai|bot|assistant|copilot|gpt|claude|llm)[\w-]*\b", "mentions an AI by handle"),
    Rule("indirect", 0.5, rf"\b{AI}\b[^.\n]{{0,25}}\b(?:must|should|needs? to|is required to|has to|"
         r"is instructed to)\b",
         "tells an AI what it must do"),
    Rule("indirect", 0.6, r"\b(?:read out|send|forward|share|post|upload|email|reveal|"
         r"leak)\b[^.\n]{0,20}\bthe user'?s\b|"
         r"\bask(?:ing)? (?:the user|them|the reader) (?:for|to (?:enter|provide|type|confirm)) (?:their|your)\b",
         "goes after the user's data"),
    Rule("indirect", 0.6, rf"\b{OVERRIDE}\b~(?:above|earlier in this|before this)\b", "ignore what came before"),
    Rule("indirect", 0.5, rf"\b(?:to|for|by) (?:the |any |all )?{AI}\b", "mentions AI readers"),
    Rule("indirect", 1.0, r"\b(?:to|for|attention|dear|hey|hi|hello|note to|message to|à|an|para|per|"
         r"voor)\s+(?:the |any |"
         rf"all |l'|den |die |la |le |el |de )?(?:[\w'’]+[\s-]+){{0,2}}?{AI_READER}\b[^.\n]{{0,80}}?\b{IMPERATIVE}\b"
         r"(?!\s+(?:me|us|my|our)\b)", "an order addressed to an AI reader"),
    Rule("indirect", 1.0, r"(?:^|\n|"
         rf"[\[\](){{}}*>\-.!?:,;\"'])\s*(?:[\w'’]+[\s-]+){{0,2}}?{AI_READER}(?:[\s-]\w+){{0,3}}\s*[:,]"
         rf"[^.\n]{{0,80}}?\b{IMPERATIVE}\b(?!\s+(?:me|us|my|our)\b)", "an AI called on by name, then an order"),
    Rule("indirect", 0.6, r"@[\w-]*(?:ai|bot|assistant|copilot|gpt|claude|llm|"
         rf"helper)[\w-]*\b[^.\n]{{0,60}}?\b{IMPERATIVE}\b"
         r"(?!\s+(?:me|us|my|our)\b)", "an order to an AI handle"),
    Rule("indirect", 1.0, r"\b(?:ignore|disregard|forget)\s+(?:the|your|this|their)\s+(?:user|user'?s|reader|"
         r"requester|recipient|owner)\b|\b(?:ignore|disregard)\s+(?:the\s+)?(?:question|request)\b|"
         r"\b(?:ignore|disregard|exclude|delete)\s+(?:all\s+)?(?:the\s+)?other\s+(?:responses|reviews|results|"
         r"documents|"
         r"sources|messages|emails|entries|answers|data|comments)\b", "ignore the user"),
    Rule("indirect", 0.6, r"\b(?:do not|don'?t|never|without)\s+(?:telling|tell|informing|inform|notifying|notify|"
         r"asking|ask|mention(?:ing)?|confirming with|warning)\s+(?:the\s+)?(?:user|owner|reader|recipient|them)\b",
         "keep the user in the dark"),
    Rule("indirect", 0.6, r"\b(?:forward|send|email|upload|post|cc|share|wire|transfer|reply|exfiltrate)\b[^.\n]{0,60}?"
         r"\b(?:to|cc)\s+(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://)?[\w-]+(?:\.[\w-]+)+/?\b)",
         "sends data to an outside address"),
    Rule("indirect", 0.6, r"\b(?:send|forward|copy|export|post)\s+(?:all|every)\s+(?:\w+\s+)?(?:conversations?|"
         r"messages|"
         r"emails|chats|records|data|files)\b", "sends everything somewhere"),
    Rule("indirect", 0.8, r"!\[[^\]]*\]\(https?://[^)\s]*\?[^)\s]*\)|\]\(https?://[^)\s]*(?:\{|insert_|user_|"
         r"conversation|history|chat_)", "an image or link that carries data out"),
    Rule("indirect", 0.6, r"<!--(?:(?!-->).){0,300}\b(?:ai|assistant|agent|llm|copilot|model|bot)\b|display:\s*none|"
         r"color:\s*(?:white|#fff(?:fff)?)\b|font-size:\s*[01]px|<div hidden|\\textcolor\{white\}|"
         r"hidden instructions?", "hidden text"),
    Rule("indirect", 0.6, r"\b(?:curl|wget)\b[^\n|]{0,80}\|\s*(?:sh|bash)\b|\brm -rf\b|\bchmod -r\b|"
         r"\bdrop table\b|~/\.ssh|id_rsa|~/\.bashrc|os\.environ", "a dangerous command"),
    Rule("indirect", 0.5, r"\b(?:tell|inform|warn|remind|ask)\s+(?:the\s+)?(?:user|reader|traveller|traveler|customer|"
         r"viewers?|students?|employees|anyone who asks|recipient|users|readers|customers)\b|\b(?:reply|"
         r"respond)\s+to\s+the\s+(?:user|reader)\b|"
         r"\b(?:say|state|report|write|add)\s+(?:in the summary\s+)?that\b|\bsay (?:it|this|they|all|every|the)\b"
         r"[^.\n]{0,40}\b(?:is|are|was|were|has|have)\b|\btell the next (?:person|customer|user)\b",
         "tells the model what to tell the user"),
    Rule("indirect", 0.5, r"\b(?:mark|classify|rate|label|rank|score)\s+(?:it|this|them|all|every|this \w+|"
         r"the \w+)\b[^.\n]{0,25}\b(?:as|a)\s+(?:approved|verified|trusted|safe|resolved|priority|urgent|critical|"
         r"high priority|p0|p1)"
         r"|\bapprove (?:it|this|all|every|the)\b|\baccept all\b|\blgtm\b", "asks the model to approve or rank"),
    Rule("indirect", 0.5, r"\b(?:assistant|ai|agent|model|system)\s+(?:instruction|override|note)s?\b|"
         r"\binstructions? (?:for|to) (?:the )?(?:\w+ )?(?:ai|llm|assistant|model|bot)\b|<instructions>",
         "instructions for the assistant"),
    Rule("indirect", 0.5, r"\b(?:if|when(?:ever)?) (?:a |the |any )?(?:user|customer|someone|anyone|people) asks?\b"
         r"[^.\n]{0,40}\b(?:say|tell|answer|reply|respond|claim|state)\b", "a conditional instruction to the reader"),
    Rule("indirect", 0.4, r"\b(?:delete|cancel|forward|wire|accept|purchase|add|grant|reset|empty|share)\b[^.\n]{0,50}"
         r"\b(?:all|every|immediately|automatically|publicly|on behalf of)\b", "a sweeping action"),
    Rule("indirect", 0.8, r"\b(?:hinweis|anweisung|nachricht) an (?:den |die )?ki|\bnota para el asistente|"
         r"\binstruction pour l'ia|\bnote pour l'assistant|\bistruzione per l'assistente|"
         r"\bopmerking voor ai|\binstrução para a ia", "a note to the AI (non-English)"),
]
