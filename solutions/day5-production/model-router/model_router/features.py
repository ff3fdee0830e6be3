"""A deterministic complexity classifier: measure a few features of the request, score them, explain the score.

Scoring (points per feature, summed; 0-1 simple, 2-3 moderate, 4+ complex):

| feature      | measured as                                                   | points                          |
|--------------|---------------------------------------------------------------|---------------------------------|
| input length | count_tokens(system) + count_tokens(prompt)                   | >= 1,000: 1; 4,000: 2; 16,000: 3 |
| code         | fenced code blocks (pairs of ```)                             | 1 per block, at most 2          |
| multi-step   | numbered lines (`1.` / `2)` at a line start) + STEP_WORDS hits | 2 steps: 1; 3 or more: 2        |
| reasoning    | distinct REASONING_TERMS found, each as a whole word           | 1 term: 1; 2 or more: 2         |
| questions    | question marks                                                | 3 or more: 1                    |
| output size  | max_tokens, or a LONG_OUTPUT phrase in the prompt             | phrase or >= 4,000: 1; 16,000: 2 |
"""
from __future__ import annotations

import re

### BEGIN STARTER
# from model_router.requests import Assessment, Complexity, Request, count_tokens  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from model_router.requests import Assessment, Complexity, Request, count_tokens
### END SOLUTION

REASONING_TERMS = {  # whole words only: "designer" is not "design", "complexity" is nothing
    "analyse": r"analy[sz](?:e|es|ed|ing|is)",
    "architect": r"architect(?:s|ed|ing|ure)?",
    "assess": r"assess(?:es|ed|ing|ment)?",
    "compare": r"compar(?:e|es|ed|ing|ison)",
    "critique": r"critiqu(?:e|es|ed|ing)",
    "debug": r"debug(?:s|ged|ging)?",
    "derive": r"deriv(?:e|es|ed|ing|ation)",
    "design": r"design(?:s|ed|ing)?",
    "diagnose": r"diagnos(?:e|es|ed|ing|is)",
    "evaluate": r"evaluat(?:e|es|ed|ing|ion)",
    "explain why": r"explain (?:why|how)",
    "investigate": r"investigat(?:e|es|ed|ing|ion)",
    "optimise": r"optimi[sz](?:e|es|ed|ing|ation)",
    "prove": r"prov(?:e|es|ed|ing)",
    "recommend": r"recommend(?:s|ed|ing|ation)?",
    "refactor": r"refactor(?:s|ed|ing)?",
    "root cause": r"root[- ]causes?",
    "trade-off": r"trade[- ]?offs?",
    "justify": r"justif(?:y|ies|ied|ying|ication)",
}
STEP_WORDS = r"\b(?:first(?:ly)?|then|next|after that|afterwards|finally|step by step)\b"
NUMBERED_LINE = r"^\s*\d+[.)]\s+\S"
LONG_OUTPUT = (r"\b(?:detailed|in-depth|comprehensive|thorough|full)\s+"
               r"(?:report|analysis|explanation|review|write-?up|plan|guide|document)\b")

_TERMS = {name: re.compile(rf"\b{pattern}\b", re.IGNORECASE) for name, pattern in REASONING_TERMS.items()}
_STEPS = re.compile(STEP_WORDS, re.IGNORECASE)
_NUMBERED = re.compile(NUMBERED_LINE, re.MULTILINE)
_LONG_OUTPUT = re.compile(LONG_OUTPUT, re.IGNORECASE)


### BEGIN SOLUTION
def _length(tokens: int) -> int:
    return 3 if tokens >= 16_000 else 2 if tokens >= 4_000 else 1 if tokens >= 1_000 else 0


def _output(max_tokens: int, asks_for_long_text: bool) -> int:
    return 2 if max_tokens >= 16_000 else 1 if max_tokens >= 4_000 or asks_for_long_text else 0


def _label(score: int) -> Complexity:
    return "complex" if score >= 4 else "moderate" if score >= 2 else "simple"


### END SOLUTION
def assess(request: Request) -> Assessment:
    """Score `request` on the six features of the table above and label it: 0-1 points simple, 2-3 moderate,
    4 or more complex. Return Assessment(label, reasons, "heuristic", score) with one short reason per feature
    that scored (say what was measured, e.g. "long input: 5,175 tokens"), or one reason saying nothing scored.

    Use the compiled patterns above; reasoning terms count once each however often they appear.
    """
    ### BEGIN STARTER
    # # TODO step 2: measure the six features (count_tokens for the length, "```" pairs for code blocks,
    # # _NUMBERED and _STEPS for steps, _TERMS for reasoning, "?" for questions, max_tokens and _LONG_OUTPUT).
    # # TODO step 2: then turn each measurement into points, sum them, pick the label, collect the reasons.
    # raise NotImplementedError("step 2: assess")
    ### END STARTER
    ### BEGIN SOLUTION
    prompt = request.prompt
    tokens = count_tokens(request.system) + count_tokens(prompt)
    blocks = prompt.count("```") // 2
    steps = len(_NUMBERED.findall(prompt)) + len(_STEPS.findall(prompt))
    terms = sorted(name for name, pattern in _TERMS.items() if pattern.search(prompt))
    questions = prompt.count("?")
    long_phrase = _LONG_OUTPUT.search(prompt)

    scored = [
        (_length(tokens), f"long input: {tokens:,} tokens"),
        (min(blocks, 2), f"{blocks} code block(s)"),
        (2 if steps >= 3 else 1 if steps == 2 else 0, f"multi-step request: {steps} steps or sequencing words"),
        (min(len(terms), 2), f"reasoning asked for: {', '.join(terms)}"),
        (1 if questions >= 3 else 0, f"{questions} questions in one request"),
        (_output(request.max_tokens, bool(long_phrase)),
         f"long output: max_tokens {request.max_tokens:,}" + (f", asks for {long_phrase[0]!r}" if long_phrase else "")),
    ]
    score = sum(points for points, _ in scored)
    reasons = tuple(reason for points, reason in scored if points)
    return Assessment(_label(score), reasons or ("short, single request: no complexity signals",), "heuristic", score)
    ### END SOLUTION
