"""An optional LLM classifier: a cheap model labels the request; anything but a valid label falls back to `assess`.

Contract of `LLMClassifier(client)(request)`:

1. Make ONE call: `client.chat(text, system=CLASSIFIER_SYSTEM, max_tokens=CLASSIFIER_MAX_TOKENS)`, where `text` is
   the request's prompt, cut to roughly `max_prompt_tokens` tokens if it is longer (the label needs the gist,
   and classifying must stay cheap).
2. The reply text must be a JSON object that `Label` validates (strip a ```json fence first: `unfenced`). Then
   return Assessment(label.complexity, ("LLM classifier: " + reason,), "llm").
3. On an agentkit.LLMError (no retry), on text that is not JSON, or on JSON that `Label` rejects, return the
   fallback's assessment (`self.fallback(request)`, the heuristic) with one more reason saying the classifier
   failed; its source stays "heuristic".
"""
from __future__ import annotations

### BEGIN STARTER
# import json  # noqa: F401
### END STARTER
### BEGIN SOLUTION
import json
### END SOLUTION
from collections.abc import Callable
from typing import Any, Literal

### BEGIN STARTER
# from pydantic import BaseModel, ValidationError  # noqa: F401
#
# from agentkit import LLMError  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from pydantic import BaseModel, ValidationError

from agentkit import LLMError
### END SOLUTION
from model_router.features import assess
### BEGIN STARTER
# from model_router.requests import Assessment, Request, count_tokens  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from model_router.requests import Assessment, Request, count_tokens
### END SOLUTION

CLASSIFIER_SYSTEM = (
    "You are a request complexity classifier for a model router. Label the user's request:\n"
    "- simple: lookup, extraction, formatting, translation, a short factual answer\n"
    "- moderate: a focused piece of code, a comparison, a summary of a long text, a few connected steps\n"
    "- complex: open-ended design, multi-step reasoning, debugging across components, long structured output\n"
    'Reply with one JSON object and nothing else: {"complexity": "simple|moderate|complex", "reason": "<short>"}'
)
CLASSIFIER_MAX_TOKENS = 80


class Label(BaseModel):
    complexity: Literal["simple", "moderate", "complex"]
    reason: str = ""


def unfenced(text: str) -> str:
    """The JSON inside a ```json ... ``` fence if the model added one, else the text as it is."""
    text = text.strip()
    if text.startswith("```"):
        text = text.split("\n", 1)[-1].rsplit("```", 1)[0]
    return text


class LLMClassifier:
    """`LLMClassifier(Client("anthropic", "claude-haiku-4-5"))(request) -> Assessment`; a Router's classifier."""

    def __init__(self, client: Any, *, fallback: Callable[[Request], Assessment] = assess,
                 max_prompt_tokens: int = 2_000):
        self.client = client
        self.fallback = fallback
        self.max_prompt_tokens = max_prompt_tokens

    ### BEGIN SOLUTION
    def _excerpt(self, prompt: str) -> str:
        # Classifying a 50,000-token document must not cost as much as answering it: the start is enough.
        if count_tokens(prompt) <= self.max_prompt_tokens:
            return prompt
        return prompt[: self.max_prompt_tokens * 3] + "\n[... truncated for classification ...]"

    ### END SOLUTION
    def __call__(self, request: Request) -> Assessment:
        ### BEGIN STARTER
        # # TODO step 4: the three rules of the contract above.
        # raise NotImplementedError("step 4: LLMClassifier.__call__")
        ### END STARTER
        ### BEGIN SOLUTION
        try:
            reply = self.client.chat(self._excerpt(request.prompt), system=CLASSIFIER_SYSTEM,
                                     max_tokens=CLASSIFIER_MAX_TOKENS)
            label = Label.model_validate(json.loads(unfenced(reply.text)))
        except (LLMError, ValueError, ValidationError) as exc:  # json's errors are ValueErrors
            fallen = self.fallback(request)
            why = f"LLM classifier failed ({type(exc).__name__}), used the heuristic"
            return Assessment(fallen.complexity, (*fallen.reasons, why), "heuristic", fallen.score)
        return Assessment(label.complexity, (f"LLM classifier: {label.reason or 'no reason given'}",), "llm")
        ### END SOLUTION
