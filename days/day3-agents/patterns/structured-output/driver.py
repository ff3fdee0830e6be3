"""What the graders call: run the student's `structured_output` package and hand back plain JSON data only.

The schema is the grader's own (an incident triage record); the model is the official SDK, answered by the
scenario the test names; what was sent is read on the grader's side.
"""

from typing import Literal

import anthropic
import openai
from pydantic import BaseModel, Field, model_validator

from agentkit.models import DEFAULT_MODELS

KEY = "replay-key"
SYSTEM = "You triage incident reports for the on-call engineer. Reply with the triage record only."


class Action(BaseModel):
    owner: str
    task: str
    due: str | None = None  # a field with a default: strict mode still lists it as required


class Triage(BaseModel):
    """An incident report, triaged."""

    service: str
    severity: Literal["sev1", "sev2", "sev3"]
    affected_users: int = Field(ge=0)
    summary: str = Field(max_length=120)
    actions: list[Action]

    @model_validator(mode="after")
    def sev1_has_an_owner(self):
        if self.severity == "sev1" and not self.actions:
            raise ValueError("a sev1 needs at least one action with an owner")
        return self


def triage(submission, provider: str, report: str, max_attempts: int = 3) -> dict:
    sdk = anthropic.Anthropic(api_key=KEY, max_retries=0) if provider == "anthropic" else \
        openai.OpenAI(api_key=KEY, max_retries=0)
    try:
        found = submission.extract(provider, sdk, DEFAULT_MODELS[provider], report, Triage, system=SYSTEM,
                                   max_attempts=max_attempts)
    except Exception as exc:  # noqa: BLE001 - the test reads which error
        return {"raised": type(exc).__name__, "message": str(exc)[:500]}
    if not isinstance(found, Triage):
        return {"raised": "NotATriage", "message": f"extract returned a {type(found).__name__}"}
    return {"value": Triage.model_validate(found.model_dump()).model_dump(mode="json")}
