"""Answer a problem with one of five prompting techniques, and read the answer from its tag.

The contract's fixed strings (word the rest of the prompts as you like):
- Every technique's final call asks for the answer inside `<answer>` and `</answer>`.
- Direct: the system prompt asks for the answer only; it does not mention `<thinking>`.
- Chain of thought: the system prompt asks for the working inside `<thinking>` tags, then the answer.
- Few-shot: chain of thought, with each chosen example as a user turn (its question) and an assistant turn
  (`<thinking>working</thinking>` then `<answer>answer</answer>`), most similar example nearest the question,
  then the problem as the last user turn.
- Chaining: a first call whose system prompt asks for the quantities given and the quantity asked inside
  `<facts>` tags (not the answer); a second whose user message holds those facts between `<facts>` and
  `</facts>`, then the problem, and asks for the answer. No facts, no second call.
"""
from __future__ import annotations

import re

import agentkit
from reasoning.dataset import Example

ANSWER = re.compile(r"<answer>(.*?)</answer>", re.DOTALL | re.IGNORECASE)
FACTS = re.compile(r"<facts>(.*?)</facts>", re.DOTALL | re.IGNORECASE)
DIRECT_SYSTEM = ("You solve operations arithmetic. Reply with only the final number inside <answer></answer> tags, "
                 "with no working.")
COT_SYSTEM = ("You solve operations arithmetic. First work through the problem step by step inside "
              "<thinking></thinking> tags; then give only the final number inside <answer></answer> tags.")
FACTS_SYSTEM = ("Read the problem. List every quantity it gives, with its unit, and the quantity it asks for, one "
                "per line, inside <facts></facts> tags. Do not solve it.")


def last_tagged(pattern: re.Pattern, text: str) -> str | None:
    found = pattern.findall(text or "")
    value = found[-1].strip() if found else ""
    return value or None


def extract_answer(text: str) -> str | None:
    """The content of the reply's last `<answer>...</answer>`, trimmed; None when there is none or it is empty.
    Never a search of the prose ("the answer is ..."): a reply without the tag has no answer."""
    ### BEGIN SOLUTION
    return last_tagged(ANSWER, text)
    ### END SOLUTION


def direct_request(problem: str) -> tuple[str, list[dict]]:
    """(system, messages) asking for the bare answer."""
    return DIRECT_SYSTEM, [{"role": "user", "content": problem}]


def cot_request(problem: str) -> tuple[str, list[dict]]:
    """(system, messages) asking for the working in `<thinking>` tags, then the answer in `<answer>` tags."""
    ### BEGIN SOLUTION
    return COT_SYSTEM, [{"role": "user", "content": problem}]
    ### END SOLUTION


def few_shot_request(problem: str, examples: list[Example]) -> tuple[str, list[dict]]:
    """Chain of thought with worked examples as earlier turns. `examples` come most similar first; the most
    similar goes last, nearest the problem."""
    ### BEGIN SOLUTION
    messages = []
    for example in reversed(examples):
        messages.append({"role": "user", "content": example.question})
        messages.append({"role": "assistant", "content": f"<thinking>{example.working}</thinking>\n"
                                                         f"<answer>{example.answer}</answer>"})
    messages.append({"role": "user", "content": problem})
    return COT_SYSTEM, messages
    ### END SOLUTION


def ask(client: agentkit.Client, request: tuple[str, list[dict]], max_tokens: int = 600) -> str | None:
    system, messages = request
    return extract_answer(client.chat(messages, system=system, max_tokens=max_tokens).text)


def chain(client: agentkit.Client, problem: str) -> str | None:
    """Two calls: extract the facts, then solve from them. A first reply without `<facts>` stops the chain
    (None, and no second call)."""
    ### BEGIN SOLUTION
    facts = last_tagged(FACTS, client.chat(problem, system=FACTS_SYSTEM, max_tokens=400).text)
    if facts is None:
        return None
    return ask(client, (COT_SYSTEM, [{"role": "user", "content": f"<facts>\n{facts}\n</facts>\n\n{problem}"}]))
    ### END SOLUTION
