"""GitHub's webhook signature: X-Hub-Signature-256 = "sha256=" + hex HMAC-SHA256 of the raw body."""
from __future__ import annotations

import hashlib
import hmac


def signature_for(secret: str, body: bytes) -> str:
    """The header value GitHub sends for `body` (use it to sign test deliveries)."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify_signature(secret: str, body: bytes, header: str | None) -> bool:
    """True only if `header` is the signature of exactly these bytes. Never raises."""
    # TODO: False for a missing header, a wrong prefix, anything but 64 lowercase hex digits; only then
    # compare with hmac.compare_digest (it raises TypeError on None and on non-ASCII text: a 500, not a 401).
