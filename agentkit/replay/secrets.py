"""What must never reach a fixture: credential headers are dropped, and a cassette still holding a secret is refused."""
from __future__ import annotations

import os
import re

REQUEST_HEADERS = ["authorization", "x-api-key", "api-key", "openai-organization", "openai-project",
                   "anthropic-organization-id", "cookie"]
RESPONSE_HEADERS = {"set-cookie", "openai-organization", "openai-project", "anthropic-organization-id"}
KEY_VARIABLES = ("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "GROQ_API_KEY")
SECRET_PATTERNS = [
    re.compile(r"\bsk-[A-Za-z0-9_-]{16,}"),               # OpenAI and Anthropic key shapes
    re.compile(r"\bBearer\s+[A-Za-z0-9._~+/=-]{8,}"),
    re.compile(r"\borg-[A-Za-z0-9]{8,}"),                  # OpenAI organisation ids
    re.compile(r"(?i)\"(authorization|x-api-key|set-cookie|cookie)\"\s*:"),
]


class SecretInFixtureError(RuntimeError):
    """A cassette about to be written (or already in the repo) holds something that looks like a credential."""


def scrub_response(response: dict) -> dict:
    """vcrpy `before_record_response` hook: drop headers that identify an account or session."""
    response["headers"] = {k: v for k, v in response["headers"].items() if k.lower() not in RESPONSE_HEADERS}
    return response


def find_secrets(text: str) -> list[str]:
    """Everything in `text` that looks like a secret, including the values of the key variables now set."""
    found = [m.group(0)[:24] + "..." for pattern in SECRET_PATTERNS for m in pattern.finditer(text)]
    for name in KEY_VARIABLES:
        value = os.environ.get(name, "")
        if len(value) >= 8 and value in text:
            found.append(f"the value of ${name}")
    return found


def refuse_secrets(text: str, where: str) -> None:
    found = find_secrets(text)
    if found:
        raise SecretInFixtureError(f"refusing to write {where}: it would hold {', '.join(found)}")
