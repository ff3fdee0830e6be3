"""GitHub's X-Hub-Signature-256: "sha256=" + the hex HMAC-SHA256 of the raw request body, keyed by the secret."""
from __future__ import annotations

import hashlib
import hmac
import re  # noqa: F401 - a regex is one way to check the header's shape

PREFIX = "sha256="


def signature_for(secret: str, body: bytes) -> str:
    """The header value GitHub sends for `body` (what a test, or a replay script, signs with)."""
    return PREFIX + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify_signature(secret: str, body: bytes, header: str | None) -> bool:
    """True only if `header` is a well-formed signature of exactly these bytes. Never raises.

    TODO step 1: return False for a missing header, one without the "sha256=" prefix, and one whose rest is not
    64 lowercase hex digits; otherwise compute the expected hex digest and compare with hmac.compare_digest.
    (compare_digest raises TypeError for None and for str with non-ASCII characters: check the shape first.)
    """
    raise NotImplementedError("step 1: verify_signature")
