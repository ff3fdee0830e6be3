"""GitHub's X-Hub-Signature-256: "sha256=" + the hex HMAC-SHA256 of the raw request body, keyed by the secret."""
from __future__ import annotations

import hashlib
import hmac
import re

PREFIX = "sha256="
HEX_DIGEST = re.compile(r"[0-9a-f]{64}")


def signature_for(secret: str, body: bytes) -> str:
    """The header value GitHub sends for `body` (what a test, or a replay script, signs with)."""
    return PREFIX + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify_signature(secret: str, body: bytes, header: str | None) -> bool:
    """True only if `header` is a well-formed signature of exactly these bytes. Never raises.

    A missing or malformed header is simply not valid: it must become a 401, never a TypeError (compare_digest
    refuses None, and refuses str with non-ASCII characters) that the framework turns into a 500.
    """
    if not header or not header.startswith(PREFIX):
        return False
    given = header[len(PREFIX):]
    if not HEX_DIGEST.fullmatch(given):
        return False
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, given)  # constant time: no timing hint about how much matched
