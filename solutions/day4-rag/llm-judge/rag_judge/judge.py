"""A model judges an answer against a rubric: faithfulness (to the retrieved context), relevance (to the
question), and which of two answers is better, asked in both orders. Every reply is validated; a reply that is
not a valid verdict is no verdict (`passed=None`), never a pass."""
from __future__ import annotations

import re
from typing import Literal, TypeVar

from pydantic import BaseModel, ValidationError

from rag_judge.verdicts import FaithfulnessVerdict, Judgement, PairwiseVerdict, RelevanceVerdict

Verdict = TypeVar("Verdict", bound=BaseModel)
MAX_TOKENS = 400
FENCE = re.compile(r"^```(?:json)?\s*\n(?P<body>.*?)\n?```$", re.DOTALL)

### BEGIN STARTER
# # TODO step 1: the rubrics. Each says what to judge, how (claim by claim for faithfulness), and the exact JSON
# # to answer with: the field names of FaithfulnessVerdict, RelevanceVerdict and PairwiseVerdict.
# FAITHFULNESS_RUBRIC = "TODO"
# RELEVANCE_RUBRIC = "TODO"
# PAIRWISE_RUBRIC = "TODO"
### END STARTER
### BEGIN SOLUTION
FAITHFULNESS_RUBRIC = """You check whether an answer is faithful to the retrieved context it was written from.
Split the answer into its claims. A claim is supported only if the context states it or it follows directly
from what the context states; your own knowledge does not count, even when the claim is true.
Reply with JSON only: {"unsupported_claims": ["each claim the context does not support"], "faithful": true or false}
faithful is true exactly when unsupported_claims is empty."""

RELEVANCE_RUBRIC = """You check whether an answer addresses the question that was asked.
Relevant means it answers this question; a correct statement about something else is not relevant. Do not judge
whether it is true. Reply with JSON only: {"reason": "one sentence", "relevant": true or false}"""

PAIRWISE_RUBRIC = """You compare two answers, A and B, to the same question, given the retrieved context.
The better answer is the one that answers the question correctly from the context. Length, confidence and style do
not count; if neither is better, say tie.
Reply with JSON only: {"reason": "one sentence", "winner": "A" or "B" or "tie"}"""
### END SOLUTION


def ask(client, rubric: str, prompt: str) -> str:
    return client.chat(prompt, system=rubric, max_tokens=MAX_TOKENS).text


def parse_verdict(text: str, schema: type[Verdict]) -> Verdict | None:
    """The reply as a `schema` instance: the whole reply is the JSON, or it sits in one ```json fence. Anything
    else (prose, invalid JSON, JSON that fails the schema or its validators) is None."""
    ### BEGIN SOLUTION
    text = text.strip()
    fenced = FENCE.match(text)
    try:
        return schema.model_validate_json(fenced["body"] if fenced else text)
    except ValidationError:
        return None
    ### END SOLUTION


def judge_faithfulness(client, question: str, context: str, answer: str) -> Judgement:
    """Is every claim of `answer` supported by `context`? The rubric is the system prompt; the question, the
    context and the answer, each in its own tags, are the user turn."""
    ### BEGIN SOLUTION
    prompt = f"<question>\n{question}\n</question>\n<context>\n{context}\n</context>\n<answer>\n{answer}\n</answer>"
    text = ask(client, FAITHFULNESS_RUBRIC, prompt)
    verdict = parse_verdict(text, FaithfulnessVerdict)
    if verdict is None:
        return Judgement(passed=None, reason=f"not a valid verdict: {text[:200]}")
    return Judgement(passed=verdict.faithful, reason="; ".join(verdict.unsupported_claims),
                     unsupported_claims=verdict.unsupported_claims)
    ### END SOLUTION


def judge_relevance(client, question: str, answer: str) -> Judgement:
    """Does `answer` address `question`? (The context is not needed, and not sent.)"""
    ### BEGIN SOLUTION
    text = ask(client, RELEVANCE_RUBRIC, f"<question>\n{question}\n</question>\n<answer>\n{answer}\n</answer>")
    verdict = parse_verdict(text, RelevanceVerdict)
    if verdict is None:
        return Judgement(passed=None, reason=f"not a valid verdict: {text[:200]}")
    return Judgement(passed=verdict.relevant, reason=verdict.reason)
    ### END SOLUTION


### BEGIN STARTER
# def compare(client, question: str, context: str, first: str, second: str) -> Literal["first", "second", "tie"]:
#     """Which answer is better? Asked twice, with the answers in both positions (A then B, then swapped)."""
#     # TODO step 4: ask with first as A and second as B, then with second as A and first as B; map each winner
#     # back to "first"/"second"; the same winner both times wins; anything else (disagreement, a tie, a reply that
#     # is not a verdict) is "tie"
#     raise NotImplementedError("step 4: compare")
### END STARTER
### BEGIN SOLUTION
def pairwise_prompt(question: str, context: str, a: str, b: str) -> str:
    return (f"<question>\n{question}\n</question>\n<context>\n{context}\n</context>\n"
            f"<answer_a>\n{a}\n</answer_a>\n<answer_b>\n{b}\n</answer_b>")


def compare(client, question: str, context: str, first: str, second: str) -> Literal["first", "second", "tie"]:
    """Which answer is better? Asked twice, with the answers in both positions (A then B, then swapped)."""
    winners = []
    for a, b, names in ((first, second, {"A": "first", "B": "second"}),
                        (second, first, {"A": "second", "B": "first"})):
        verdict = parse_verdict(ask(client, PAIRWISE_RUBRIC, pairwise_prompt(question, context, a, b)),
                                PairwiseVerdict)
        winners.append(names.get(verdict.winner, "tie") if verdict else "tie")
    return winners[0] if winners[0] == winners[1] else "tie"
### END SOLUTION
