"""Slack's request signing: X-Slack-Signature = "v0=" + hex HMAC-SHA256(signing secret, "v0:{timestamp}:{body}").

The timestamp is inside the signed string, so it cannot be changed without breaking the signature; refusing
requests whose timestamp is more than five minutes from now makes a captured request useless later (a replay).
"""
from __future__ import annotations

import hashlib  # noqa: F401
import hmac  # noqa: F401
import re  # noqa: F401 - one way to check the shape of the headers
import time
from collections.abc import Callable

VERSION = "v0"


def slack_signature(signing_secret: str, timestamp: str, body: bytes) -> str:
    """The X-Slack-Signature value Slack would send for this timestamp and raw body.

    TODO step 1: "v0=" + hex HMAC-SHA256 keyed by the signing secret over b"v0:" + timestamp + b":" + body."""
    raise NotImplementedError("step 1: slack_signature")


class SlackVerifier:
    def __init__(self, signing_secret: str, *, max_age_s: float = 300, clock: Callable[[], float] = time.time):
        self._secret, self.max_age_s, self._clock = signing_secret, max_age_s, clock

    def is_valid(self, body: bytes, timestamp: str | None, signature: str | None) -> bool:
        """True only for a well-formed, fresh, correctly signed request. Never raises.

        TODO step 1: False if either header is missing, the timestamp is not digits, or the signature is not "v0="
        and 64 hex digits; False if the timestamp is more than max_age_s away from self._clock() (either way);
        otherwise hmac.compare_digest(slack_signature(...), signature)."""
        raise NotImplementedError("step 1: SlackVerifier.is_valid")
