"""GitHub's webhook signature: X-Hub-Signature-256 = "sha256=" + hex HMAC-SHA256 of the raw body."""
from __future__ import annotations

import hashlib
import hmac
### BEGIN SOLUTION
import re

WELL_FORMED = re.compile(r"sha256=[0-9a-f]{64}")
### END SOLUTION


def signature_for(secret: str, body: bytes) -> str:
    """The header value GitHub sends for `body` (use it to sign test deliveries)."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify_signature(secret: str, body: bytes, header: str | None) -> bool:
    """True only if `header` is the signature of exactly these bytes. Never raises."""
    ### BEGIN STARTER
    # # TODO: False for a missing header, a wrong prefix, anything but 64 lowercase hex digits; only then
    # # compare with hmac.compare_digest (it raises TypeError on None and on non-ASCII text: a 500, not a 401).
    ### END STARTER
    ### BEGIN SOLUTION
    if not isinstance(header, str) or not WELL_FORMED.fullmatch(header):
        return False
    return hmac.compare_digest(signature_for(secret, body), header)
    ### END SOLUTION
