"""What a scan reports: the kind of secret and where it is, never the secret itself."""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

# When matches overlap they become one finding, named after the most specific detector that matched
# (earliest in this list): `Authorization: Bearer sk-ant-...` is an Anthropic key, not just a bearer token.
KINDS = ("private_key", "anthropic_api_key", "openai_api_key", "github_token", "slack_token", "stripe_key",
         "google_api_key", "aws_access_key_id", "aws_secret_access_key", "jwt", "connection_password",
         "bearer_token", "password", "secret", "high_entropy", "email", "card_number", "iban", "phone")


@dataclass(frozen=True)
class Finding:
    """One secret in a text: its kind and its span (text[start:end] is the secret). Safe to log."""

    kind: str
    start: int
    end: int

    def as_log(self) -> dict:
        return {"kind": self.kind, "start": self.start, "end": self.end}


class Redaction(NamedTuple):
    text: str                 # the text with every secret replaced by [REDACTED:<kind>]
    findings: list[Finding]   # spans in the ORIGINAL text, sorted, never overlapping


def placeholder(kind: str) -> str:
    return f"[REDACTED:{kind}]"
