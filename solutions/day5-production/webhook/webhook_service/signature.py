"""GitHub's X-Hub-Signature-256: "sha256=" + the hex HMAC-SHA256 of the raw request body, keyed by the secret."""
from __future__ import annotations

import hashlib
import hmac
### BEGIN STARTER
# import re  # noqa: F401 - a regex is one way to check the header's shape
### END STARTER
### BEGIN SOLUTION
import re
### END SOLUTION

PREFIX = "sha256="
### BEGIN SOLUTION
HEX_DIGEST = re.compile(r"[0-9a-f]{64}")
### END SOLUTION


def signature_for(secret: str, body: bytes) -> str:
    """The header value GitHub sends for `body` (what a test, or a replay script, signs with)."""
    return PREFIX + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify_signature(secret: str, body: bytes, header: str | None) -> bool:
    ### BEGIN STARTER
    # """True only if `header` is a well-formed signature of exactly these bytes. Never raises.
    #
    # TODO step 1: return False for a missing header, one without the "sha256=" prefix, and one whose rest is not
    # 64 lowercase hex digits; otherwise compute the expected hex digest and compare with hmac.compare_digest.
    # (compare_digest raises TypeError for None and for str with non-ASCII characters: check the shape first.)
    # """
    # raise NotImplementedError("step 1: verify_signature")
    ### END STARTER
    ### BEGIN SOLUTION
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
    ### END SOLUTION
