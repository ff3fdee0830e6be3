"""The detectors: each finds candidate secrets of one kind and reports the span of the secret part only.

Contract (README "What counts as a secret" has the table and the examples):

A detector is anything with a `kind` and a `find(text) -> Iterator[Finding]` method. `ALL` lists them;
`scan` (scan.py) runs them all and merges what they find. Report only the secret part: for
`password=hunter2` the span of `hunter2`, for `postgres://app:s3cret@db` the span of `s3cret`.

Known formats (no context needed):
    anthropic_api_key   sk-ant-... (20+ of [A-Za-z0-9_-]; hyphens and underscores are part of the key)
    openai_api_key      sk-... and sk-proj-/sk-svcacct-/sk-admin-... (20+ key characters, with a digit and
                        a letter; not after a letter, digit, '_' or '-', so "risk-assessment" is no key)
    github_token        ghp_/gho_/ghu_/ghs_/ghr_ + 36+ letters or digits, or github_pat_ + 50+
    slack_token         xoxb-/xoxp-/xoxa-/xoxs-... ; stripe_key: sk_live_/rk_live_/sk_test_/rk_test_ + 16+
    google_api_key      AIza + 35 of [0-9A-Za-z_-]
    aws_access_key_id   AKIA or ASIA + 16 of [A-Z0-9]
    aws_secret_access_key  40 of [A-Za-z0-9/+] shortly after "aws ... secret" or "secret access key"
    jwt                 eyJ....eyJ....signature
    private_key         the whole -----BEGIN ... PRIVATE KEY----- block to its END line (or to the end of
                        the text when the END line is missing: a reply cut off by max_tokens)
Assignments (only the value; skip references and placeholders, see `is_reference`):
    password            a name ending in password/passwd/passphrase, then = : := or => (not ==), then a
                        quoted or bare value; a bare value after ":" only if it has a digit or symbol or
                        ends the line ("Password: at least 12 characters" is prose)
    secret              the same for names ending in secret/api_key/apikey/token/access_key/private_key,
                        values of 8+ characters
    connection_password the password in scheme://user:password@host
    bearer_token        the token after "Bearer " (letters and digits; 16+ characters, or 8+ right after an
                        Authorization header)
High entropy:
    high_entropy        a token of 20+ [A-Za-z0-9+/=_-] with letters and digits, Shannon entropy >= 3.5
                        (>= 3.0 if hex), within 40 characters after a secret word (key, secret, token,
                        password, credential, auth, bearer, cookie, session, private) on the same line; not a
                        UUID, a slug (pricing-tier-2026-eu), a path, a data: URI's base64 payload, or a hex hash
                        next to commit/sha/hash/digest/id.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from output_guard.entropy import shannon_entropy  # noqa: F401 - for the high-entropy detector
from output_guard.findings import Finding

Check = Callable[[str, re.Match[str], str], bool]  # (value, match, whole text) -> is it a secret?


@dataclass(frozen=True)
class Detector:
    """A regex detector: the span of the named group `secret` if the pattern has one, else the whole match."""

    kind: str
    pattern: re.Pattern[str]
    check: Check | None = None   # extra test on the matched value; None accepts every match

    def find(self, text: str) -> Iterator[Finding]:
        for match in self.pattern.finditer(text):
            group = "secret" if "secret" in self.pattern.groupindex else 0
            start, end = match.span(group)
            value = text[start:end]
            if start < end and (self.check is None or self.check(value, match, text)):
                yield Finding(self.kind, start, end)


# Values that are not secrets: placeholders, names of variables, code that reads the secret from elsewhere.
PLACEHOLDER = re.compile(r"""(?ix)^(?:
      \*+ | x{3,} | \.{3} | …                          # ****  xxxx  ...
    | <[^>]*> | \[[^\]]*\] | \{\{.*\}\} | \{\w*\}      # <your key>  [REDACTED]  {{ secret }}  {key}
    | \$\{?[A-Za-z_]\w*\}? | %\(?\w+\)?s               # $DB_PASSWORD  ${DB_PASSWORD}  %(pw)s
    | none | null | nil | true | false | undefined | empty | redacted
    | str | string | bytes | int | bool | any | secretstr | optional\[str\]
)$""")
ENV_NAME = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$")            # DB_PASSWORD: a name, not a value
DOTTED = re.compile(r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$")             # settings.db_password


def is_reference(value: str) -> bool:
    """A placeholder, an environment variable's name, or code that reads the secret from somewhere else."""
    return bool(PLACEHOLDER.match(value) or ENV_NAME.match(value) or DOTTED.match(value)
                or any(c in value for c in "()[]{}"))


def has_digit_and_letter(value: str) -> bool:
    return any(c.isdigit() for c in value) and any(c.isalpha() for c in value)


# TODO steps 1-3: the known formats (Detector with a regex, and a check where the shape alone is not enough),
# the assignments (only the value; a small class of your own is easiest), and the high-entropy detector.
ALL: list = []
