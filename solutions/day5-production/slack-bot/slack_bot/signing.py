### BEGIN STARTER
# """Slack's request signing: X-Slack-Signature = "v0=" + hex HMAC-SHA256(signing secret, "v0:{timestamp}:{body}").
#
# The timestamp is inside the signed string, so it cannot be changed without breaking the signature; refusing
# requests whose timestamp is more than five minutes from now makes a captured request useless later (a replay).
# """
### END STARTER
### BEGIN SOLUTION
"""Slack's request signing: X-Slack-Signature = "v0=" + hex HMAC-SHA256(signing secret, "v0:{timestamp}:{body}").

The timestamp is inside the signed string, so it cannot be changed without breaking the signature; refusing
requests whose timestamp is more than five minutes from now makes a captured request useless later (a replay).
slack_sdk has the same check as `slack_sdk.signature.SignatureVerifier(signing_secret).is_valid(body, timestamp,
signature)`; this is what it does.
"""
### END SOLUTION
from __future__ import annotations

### BEGIN STARTER
# import hashlib  # noqa: F401
# import hmac  # noqa: F401
# import re  # noqa: F401 - one way to check the shape of the headers
### END STARTER
### BEGIN SOLUTION
import hashlib
import hmac
import re
### END SOLUTION
import time
from collections.abc import Callable

VERSION = "v0"
### BEGIN SOLUTION
SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")
TIMESTAMP = re.compile(r"[0-9]{1,12}")
### END SOLUTION


def slack_signature(signing_secret: str, timestamp: str, body: bytes) -> str:
    ### BEGIN STARTER
    # """The X-Slack-Signature value Slack would send for this timestamp and raw body.
    #
    # TODO step 1: "v0=" + hex HMAC-SHA256 keyed by the signing secret over b"v0:" + timestamp + b":" + body."""
    # raise NotImplementedError("step 1: slack_signature")
    ### END STARTER
    ### BEGIN SOLUTION
    """The X-Slack-Signature value Slack would send for this timestamp and raw body."""
    base = f"{VERSION}:{timestamp}:".encode() + body
    return f"{VERSION}=" + hmac.new(signing_secret.encode(), base, hashlib.sha256).hexdigest()
    ### END SOLUTION


class SlackVerifier:
    def __init__(self, signing_secret: str, *, max_age_s: float = 300, clock: Callable[[], float] = time.time):
        self._secret, self.max_age_s, self._clock = signing_secret, max_age_s, clock

    def is_valid(self, body: bytes, timestamp: str | None, signature: str | None) -> bool:
        ### BEGIN STARTER
        # """True only for a well-formed, fresh, correctly signed request. Never raises.
        #
        # TODO step 1: False if either header is missing, the timestamp is not digits, or the signature is not "v0="
        # and 64 hex digits; False if the timestamp is more than max_age_s away from self._clock() (either way);
        # otherwise hmac.compare_digest(slack_signature(...), signature)."""
        # raise NotImplementedError("step 1: SlackVerifier.is_valid")
        ### END STARTER
        ### BEGIN SOLUTION
        """True only for a well-formed, fresh, correctly signed request. Never raises."""
        if not timestamp or not signature or not TIMESTAMP.fullmatch(timestamp) or not SIGNATURE.fullmatch(signature):
            return False
        if abs(self._clock() - int(timestamp)) > self.max_age_s:  # too old (a replay), or from the future
            return False
        return hmac.compare_digest(slack_signature(self._secret, timestamp, body), signature)
        ### END SOLUTION
