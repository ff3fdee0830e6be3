### STARTER FILE: injection_guard/rules.py
### BEGIN STARTER
# """Your rules: weighted, anchored patterns, one family per attack class (step 2 in the README).
#
# A `Rule` is one piece of evidence: if its pattern matches one of the normalised views of a text, its
# weight is added to the score of its category. The validator blocks a text when the summed weights reach
# the threshold (1.0). Give weight 1.0 only to evidence that is an attack by itself; weaker signals ("act
# as", "developer mode", a note addressed to an AI) weigh less, so that they block only together.
#
# Write patterns in lower case (they run on normalised text) and keep them anchored: whole words (`\\b`)
# and bounded gaps between them, never `.*`. In a pattern, `~` stands for "then up to three other words"
# and `~~` for up to eight. Tune on the dev split, and read the rows you miss and the benign rows you flag.
# """
### END STARTER
### BEGIN SOLUTION
"""One rule, the gap shorthand the patterns use, and the word lists several rules share."""
### END SOLUTION
from __future__ import annotations

import re
from dataclasses import dataclass

GAP = r"\W+(?:[\w'’]+\W+){0,3}"        # `~` in a pattern: then up to three other words
LONG_GAP = r"\W+(?:[\w'’]+\W+){0,8}"   # `~~`: then up to eight


@dataclass(frozen=True)
class Rule:
    """One piece of evidence: if `pattern` matches, `weight` is added to the score of `category`."""

    category: str
    weight: float
    pattern: str
    reason: str
    blob: bool = False  # match inside long run-together words ("ignoreallpreviousinstructions") only

    def compiled(self) -> re.Pattern:
        return re.compile(self.pattern.replace("~~", LONG_GAP).replace("~", GAP))


### BEGIN STARTER
# RULES: list[Rule] = [
#     # Two examples to start from. TODO step 2: rules for every class: direct, indirect, jailbreak, data_extraction.
#     Rule("direct", 1.0, r"\b(?:ignore|disregard|forget)\b~(?:previous|prior|above|earlier)\b~(?:instructions|rules)\b",
#          "override of earlier instructions"),
#     Rule("jailbreak", 0.5, r"\bdeveloper mode\b", "developer mode (ordinary on a phone, so not enough alone)"),
# ]
### END STARTER
### BEGIN SOLUTION
OVERRIDE = (r"(?:ignore|ignoring|disregard|forget|override|overrides|overwrite|erase|discard|drop|skip|bypass|"
            r"set aside|pay no attention to|cancel|cancels|delete|clear|wipe|reset|abandon|nevermind|never mind|"
            r"stop following|do not follow|don'?t follow|not follow|replace|replaces|supersedes|revoke|revokes|void)")
EARLIER = r"(?:previous|prior|preceding|earlier|above|former|original|initial|old|existing|last|first|current)"
ORDERS = (r"(?:instructions?|prompts?|rules|directions?|guidelines|commands?|directives?|programming|training|"
          r"system (?:prompt|message)|context|task)")
YOUR = r"(?:your|the|all|any|these|those|its|all of the|all your|all the|all of your)"
AI = (r"(?:ai|a\.i\.|llm|llms|language models?|large language models?|assistants?|chatbots?|bots?|agents?|"
      r"copilot|models?|summari[sz]ers?|reviewers?|recruiters?|"
      r"(?:ai|llm|automated|email|mail|shopping|coding) (?:assistants?|agents?|models?|systems?|tools?|readers?))")
AI_READER = (r"(?:ai|a\.i\.|ia|ki|llms?|(?:large )?language models?|assistants?|chatbots?|bots?|agents?|copilot|"
             r"models?|summari[sz]ers?|summari[sz]ation model|note-?takers?|notetaker|reviewers?|recruiters?|graders?|"
             r"triage bots?|schedulers?|crawlers?|ai (?:systems?|tools?|readers?)|automated (?:\w+ )?(?:systems?|"
         r"tools?|"
             r"readers?)|(?:\w+ )?(?:ai|assistants?|agents?|bots?))")
IMPERATIVE = (r"(?:ignore|disregard|forget|tell|say|reply|respond|send|forward|e-?mail|share|approve|mark|delete|"
              r"cancel|book|buy|purchase|add|run|execute|click|copy|recommend|rate|score|rank|replace|close|grant|"
              r"reset|include|append|write|report|state|leave out|omit|exclude|accept|move|fill|enter|submit|export|"
              r"post|upload|transfer|pay|confirm|ask|instruct|apologi[sz]e|refund|issue|remove|hard-?code|commit|"
              r"classify|label|assign|output|print|reveal|show|answer|describe|call|open|visit|navigate|download|"
              r"install|schedule|decline|subscribe|apply|give|use|treat|must|should|need to|are required to|"
              r"ignoriere|ignora|ignorez|ignore[rz]|sag|schreib|empfiehl|dis|di|écris|envoie|envía|reenvía|"
              r"recomienda|"
              r"inoltra|negeer|zeg)")
RULE_WORDS = (r"(?:instructions?|rules|guidelines|prompts?|system prompt|system message|configuration|setup(?: text)?|"
              r"programming|training|directives?|polic(?:y|ies)|restrictions|logic|orders|commands|persona|criteria)")
HARM = (r"(?:bombs?|explosives?|napalm|meth(?:amphetamine)?|cocaine|nerve agent|ricin|bioweapons?|chloroform|"
        r"thermite|molotov|silencer|ghost gun|untraceable|ransomware|keylogger|malware|phishing|launder(?:ing)?|"
        r"fake (?:id|passport|document|certificate|prescription|doctor'?s note|vaccination card)|poison(?:ing)?|"
        r"hotwire|(?:pick|open) (?:any |a |the )?lock|shoplift(?:ing)?|dox(?:x?ing)?|stalk(?:ing)?|steal(?:ing)?|"
        r"hack(?:ing|ed)?|fentanyl|toxic gas|weapons?|forge|forging|counterfeit|break into|cyberattacks?|scams?|mdma|"
         r"lsd|heroin|ketamine|"
        r"synthesis route|"
        r"bypass(?:es|ing)? (?:a |the )?(?:[\w']+ ){0,2}(?:alarm|lock|immobili[sz]er|security system|2fa|mfa|captcha))")
### END SOLUTION
