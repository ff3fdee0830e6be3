### BEGIN STARTER
# """A prompt built from its parts, each in its place.
#
# Contract (`build_prompt(spec) -> (system, user)`):
#
# 3. The system prompt holds the stable instructions: the role, then the rules, one per line. No supplied text
#    and no task goes there. With no role and no rules, the system prompt is None.
# 4. The user message holds, in this order: every context source as `delimit(source.tag, source.text)`, in the
#    order given; then the task; then, if the spec has one, the format instruction. Parts are separated by a blank
#    line.
# 5. A task that is empty or only whitespace is a ValueError; so are two sources with the same tag (the task
#    could not say which one it means).
# 6. `ask(client, spec)`: one `client.chat(user, system=system, max_tokens=spec.max_tokens)`; returns the Reply.
#    A spec that `build_prompt` refuses sends nothing.
# """
### END STARTER
### BEGIN SOLUTION
"""A prompt built from its parts, each in its place.

The system prompt carries what stays the same from request to request (who the model is, the rules); the user
message carries this request: the supplied material first, each source in its own delimited block, then the
task, then what the answer must look like. Long material before the question is what both providers advise
for long prompts, and the format instruction last is the instruction the model reads just before it writes.
"""
### END SOLUTION
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from agentkit import Reply

from prompt_anatomy.delimiters import delimit


@dataclass(frozen=True)
class Source:
    """One piece of supplied material: a tag name (`log`, `diff`, `ticket`) and its text."""

    tag: str
    text: str


@dataclass(frozen=True)
class PromptSpec:
    """The four parts of a prompt, plus rules and an output limit."""

    task: str                                          # what to do, in one or two sentences
    role: str = ""                                     # who the model is for this work
    context: tuple[Source, ...] = field(default=())    # supplied material, in the order it should be read
    rules: tuple[str, ...] = field(default=())         # constraints that hold for every request
    format: str = ""                                   # what the answer must look like
    max_tokens: int = 1024


def build_prompt(spec: PromptSpec) -> tuple[str | None, str]:
    """(system, user) for `spec`: see the contract in the unit's lesson."""
    ### BEGIN STARTER
    # # TODO steps 3-5
    # raise NotImplementedError("steps 3-5: build_prompt")
    ### END STARTER
    ### BEGIN SOLUTION
    if not spec.task.strip():
        raise ValueError("a prompt needs a task")
    repeated = [tag for tag, n in Counter(s.tag for s in spec.context).items() if n > 1]
    if repeated:
        raise ValueError(f"two sources share the tag {repeated[0]!r}; give each its own name")
    system = "\n".join(part for part in (spec.role.strip(), *(rule.strip() for rule in spec.rules)) if part)
    parts = [delimit(source.tag, source.text) for source in spec.context]
    parts.append(spec.task.strip())
    if spec.format.strip():
        parts.append(spec.format.strip())
    return system or None, "\n\n".join(parts)
    ### END SOLUTION


def ask(client, spec: PromptSpec) -> Reply:
    """One model call with the built prompt; nothing is sent for a spec `build_prompt` refuses."""
    ### BEGIN STARTER
    # # TODO step 6
    # raise NotImplementedError("step 6: ask")
    ### END STARTER
    ### BEGIN SOLUTION
    system, user = build_prompt(spec)
    return client.chat(user, system=system, max_tokens=spec.max_tokens)
    ### END SOLUTION
