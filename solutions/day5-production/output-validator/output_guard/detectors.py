### BEGIN STARTER
# """The detectors: each finds candidate secrets of one kind and reports the span of the secret part only.
#
# Contract (README "What counts as a secret" has the table and the examples):
#
# A detector is anything with a `kind` and a `find(text) -> Iterator[Finding]` method. `ALL` lists them;
# `scan` (scan.py) runs them all and merges what they find. Report only the secret part: for
# `password=hunter2` the span of `hunter2`, for `postgres://app:s3cret@db` the span of `s3cret`.
#
# Known formats (no context needed):
#     anthropic_api_key   sk-ant-... (20+ of [A-Za-z0-9_-]; hyphens and underscores are part of the key)
#     openai_api_key      sk-... and sk-proj-/sk-svcacct-/sk-admin-... (20+ key characters, with a digit and
#                         a letter; not after a letter, digit, '_' or '-', so "risk-assessment" is no key)
#     github_token        ghp_/gho_/ghu_/ghs_/ghr_ + 36+ letters or digits, or github_pat_ + 50+
#     slack_token         xoxb-/xoxp-/xoxa-/xoxs-... ; stripe_key: sk_live_/rk_live_/sk_test_/rk_test_ + 16+
#     google_api_key      AIza + 35 of [0-9A-Za-z_-]
#     aws_access_key_id   AKIA or ASIA + 16 of [A-Z0-9]
#     aws_secret_access_key  40 of [A-Za-z0-9/+] shortly after "aws ... secret" or "secret access key"
#     jwt                 eyJ....eyJ....signature
#     private_key         the whole -----BEGIN ... PRIVATE KEY----- block to its END line (or to the end of
#                         the text when the END line is missing: a reply cut off by max_tokens)
# Assignments (only the value; skip references and placeholders, see `is_reference`):
#     password            a name ending in password/passwd/passphrase, then = : := or => (not ==), then a
#                         quoted or bare value; a bare value after ":" only if it has a digit or symbol or
#                         ends the line ("Password: at least 12 characters" is prose)
#     secret              the same for names ending in secret/api_key/apikey/token/access_key/private_key,
#                         values of 8+ characters
#     connection_password the password in scheme://user:password@host
#     bearer_token        the token after "Bearer " (letters and digits; 16+ characters, or 8+ right after an
#                         Authorization header)
# High entropy:
#     high_entropy        a token of 20+ [A-Za-z0-9+/=_-] with letters and digits, Shannon entropy >= 3.5
#                         (>= 3.0 if hex), within 40 characters after a secret word (key, secret, token,
#                         password, credential, auth, bearer, cookie, session, private) on the same line; not a
#                         UUID, a slug (pricing-tier-2026-eu), a path, a data: URI's base64 payload, or a hex hash
#                         next to commit/sha/hash/digest/id.
# """
### END STARTER
### BEGIN SOLUTION
"""The detectors: each finds candidate secrets of one kind and reports the span of the secret part only.

Three families:

* **Known formats** (provider keys, JWTs, PEM blocks): a prefix and a shape. Precise, so they need no context.
* **Assignments** (`password=...`, `"password": "..."`, `api_key: ...`, `postgres://user:pass@host`,
  `Authorization: Bearer ...`): the label says the value is a secret; only the value is reported, and values
  that are clearly references or placeholders (`os.environ[...]`, `${DB_PASSWORD}`, `<your key>`, `****`)
  are skipped.
* **High entropy near a secret word**: a long random-looking token within 40 characters after a word such as
  "key", "token" or "secret" on the same line, to catch formats nobody wrote a rule for.
"""
### END SOLUTION
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

### BEGIN STARTER
# from output_guard.entropy import shannon_entropy  # noqa: F401 - for the high-entropy detector
### END STARTER
### BEGIN SOLUTION
from output_guard.entropy import shannon_entropy
### END SOLUTION
from output_guard.findings import Finding

Check = Callable[[str, re.Match[str], str], bool]  # (value, match, whole text) -> is it a secret?


@dataclass(frozen=True)
class Detector:
    ### BEGIN STARTER
    # """A regex detector: the span of the named group `secret` if the pattern has one, else the whole match."""
    #
    ### END STARTER
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


### BEGIN STARTER
# # Values that are not secrets: placeholders, names of variables, code that reads the secret from elsewhere.
### END STARTER
### BEGIN SOLUTION
# --- values that are not secrets -------------------------------------------------------------------------------

### END SOLUTION
PLACEHOLDER = re.compile(r"""(?ix)^(?:
      \*+ | x{3,} | \.{3} | …                          # ****  xxxx  ...
    | <[^>]*> | \[[^\]]*\] | \{\{.*\}\} | \{\w*\}      # <your key>  [REDACTED]  {{ secret }}  {key}
    | \$\{?[A-Za-z_]\w*\}? | %\(?\w+\)?s               # $DB_PASSWORD  ${DB_PASSWORD}  %(pw)s
    | none | null | nil | true | false | undefined | empty | redacted
    | str | string | bytes | int | bool | any | secretstr | optional\[str\]
)$""")
ENV_NAME = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$")            # DB_PASSWORD: a name, not a value
DOTTED = re.compile(r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$")             # settings.db_password
### BEGIN SOLUTION
IDENTIFIER = re.compile(r"^[A-Za-z_]+$")
### END SOLUTION


def is_reference(value: str) -> bool:
    """A placeholder, an environment variable's name, or code that reads the secret from somewhere else."""
    return bool(PLACEHOLDER.match(value) or ENV_NAME.match(value) or DOTTED.match(value)
                or any(c in value for c in "()[]{}"))


def has_digit_and_letter(value: str) -> bool:
    return any(c.isdigit() for c in value) and any(c.isalpha() for c in value)


### BEGIN STARTER
# # TODO steps 1-3: the known formats (Detector with a regex, and a check where the shape alone is not enough),
# # the assignments (only the value; a small class of your own is easiest), and the high-entropy detector.
# ALL: list = []
### END STARTER
### BEGIN SOLUTION
# --- known formats ---------------------------------------------------------------------------------------------

def _key_body_check(prefix: re.Pattern[str]) -> Check:
    """Random key bodies mix letters and digits; `sk-learn-style-names` do not."""
    return lambda value, match, text: has_digit_and_letter(prefix.sub("", value, count=1))


NOT_AFTER_KEY_CHAR = r"(?<![A-Za-z0-9_-])"

KNOWN_FORMATS = [
    Detector("private_key", re.compile(
        r"-----BEGIN (?P<label>[A-Z0-9]+(?: [A-Z0-9]+)* )?PRIVATE KEY(?: BLOCK)?-----"
        r"(?:.*?-----END (?P=label)?PRIVATE KEY(?: BLOCK)?-----|.*\Z)", re.S)),   # no END: cut off, redact to the end
    Detector("anthropic_api_key", re.compile(NOT_AFTER_KEY_CHAR + r"sk-ant-[A-Za-z0-9_-]{20,}"),
             _key_body_check(re.compile(r"^sk-ant-(?:api|admin)\d\d-"))),
    Detector("openai_api_key", re.compile(
        NOT_AFTER_KEY_CHAR + r"sk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}"),
             _key_body_check(re.compile(r"^sk-(?:proj-|svcacct-|admin-)?"))),
    Detector("github_token", re.compile(
        r"(?<![A-Za-z0-9_])(?:(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{50,255})"
        r"(?![A-Za-z0-9_])")),
    Detector("slack_token", re.compile(r"(?<![A-Za-z0-9-])xox[abposr]-[A-Za-z0-9-]{10,}[A-Za-z0-9]")),
    Detector("stripe_key", re.compile(r"(?<![A-Za-z0-9_])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}")),
    Detector("google_api_key", re.compile(NOT_AFTER_KEY_CHAR + r"AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])")),
    Detector("aws_access_key_id", re.compile(r"(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])")),
    Detector("aws_secret_access_key", re.compile(
        r"(?i:aws.{0,20}?secret|secret.?access.?key)[^\n]{0,30}?"
        r"(?<![A-Za-z0-9/+=])(?P<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"),
             lambda value, match, text: not re.fullmatch(r"[0-9a-fA-F]+", value) and has_digit_and_letter(value)),
    Detector("jwt", re.compile(NOT_AFTER_KEY_CHAR + r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*")),
]


# --- assignments ---------------------------------------------------------------------------------------------

def _assignment(words: str) -> re.Pattern[str]:
    """`<name ending in one of words>` then an optional quote, an operator (= : := =>, not ==), then a value:
    double-quoted, single-quoted or bare (up to whitespace, a quote, `,;&<>` or a backtick)."""
    return re.compile(
        r"(?i)(?<![A-Za-z0-9_.-])[A-Za-z0-9_.-]*(?:" + words + r")[\"']?[ \t]*(?P<op>:=|=>|[:=])(?!=)[ \t]*"
        r"(?:\"(?P<dq>[^\"\n]{1,300})\"|'(?P<sq>[^'\n]{1,300})'|(?P<bare>[^\s\"'`,;&<>]{1,300}))")


TRAILING_PUNCTUATION = ".,;:)]}"


@dataclass(frozen=True)
class Assignment:
    """A value assigned to a name that says "secret"; reports only the value (see `plausible`)."""

    kind: str
    pattern: re.Pattern[str]
    min_length: int

    def find(self, text: str) -> Iterator[Finding]:
        for match in self.pattern.finditer(text):
            group = next(g for g in ("dq", "sq", "bare") if match.group(g) is not None)
            start, end = match.span(group)
            if group == "bare":
                while end > start and text[end - 1] in TRAILING_PUNCTUATION:
                    end -= 1
            if self.plausible(text, start, end, match.group("op"), bare=group == "bare"):
                yield Finding(self.kind, start, end)

    def plausible(self, text: str, start: int, end: int, op: str, *, bare: bool) -> bool:
        value = text[start:end]
        if len(value) < self.min_length or is_reference(value):
            return False
        if not bare:
            return True
        if op == ":":
            # "Password: at least 12 characters" is prose. A bare value after ":" counts when it looks like a
            # credential (a digit or a symbol in it) or when it is the last thing on its line (config style).
            token_like = len(value) >= 4 and any(not c.isalpha() for c in value)
            rest_of_line = text[end:].split("\n", 1)[0]
            return token_like or not rest_of_line.strip(" \t.")
        # `password = password_from_vault` is code reading a variable; `PASSWORD=hunter2` is a value.
        code_style = text[start - 1] in " \t"
        return not (code_style and IDENTIFIER.match(value))


PASSWORD_WORDS = r"password|passwd|passphrase|pass_?word"
SECRET_WORDS = r"secret|api[_-]?key|apikey|token|access[_-]?key|private[_-]?key"

ASSIGNMENTS = [
    Assignment("password", _assignment(PASSWORD_WORDS), min_length=1),
    Assignment("secret", _assignment(SECRET_WORDS), min_length=8),
    Detector("connection_password", re.compile(
        r"(?i)(?<![A-Za-z0-9+.-])[a-z][a-z0-9+.-]{1,30}://[^\s:/@?#]*:(?P<secret>[^\s@/?#]+)@"),
             lambda value, match, text: not is_reference(value)),
    Detector("bearer_token", re.compile(r"(?i)(?<![A-Za-z0-9])bearer[ \t]+(?P<secret>[A-Za-z0-9._~+/-]+=*)"),
             lambda value, match, text: _bearer_token(value, text[:match.start()])),
]
AUTHORIZATION_HEADER = re.compile(r"(?i)authorization[\"']?[ \t]*[:=][ \t]*[\"']?$")


def _bearer_token(value: str, before: str) -> bool:
    """Tokens mix letters and digits ("Bearer authentication" does not); right after an Authorization header
    8 characters are enough, elsewhere 16."""
    if is_reference(value) or not has_digit_and_letter(value):
        return False
    return len(value) >= (8 if AUTHORIZATION_HEADER.search(before) else 16)


def _line_before(text: str, index: int) -> str:
    return text[text.rfind("\n", 0, index) + 1:index]


# --- high entropy near a secret word ---------------------------------------------------------------------------

TOKEN = re.compile(r"(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/=_-]{20,}")
SECRET_WORD = re.compile(r"(?i)(?<![a-z])(?:api[ _-]?key|key|secret|token|passw(?:or)?d|passphrase|credential|auth"
                         r"|bearer|cookie|session|private)s?(?![a-z])")
HASH_WORD = re.compile(r"(?i)(?<![a-z])(?:commit|sha\d*|hash|digest|checksum|revision|rev|merge|fingerprint|etag|id)"
                       r"(?![a-z])")
UUID = re.compile(r"(?i)^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
SLUG = re.compile(r"^(?:[a-z]+|[0-9]+)(?:[-_](?:[a-z]+|[0-9]+))+$")   # pricing-tier-2026-eu-west-1
HEX = re.compile(r"^[0-9a-fA-F]+$")
WINDOW = 40
MIN_ENTROPY, MIN_HEX_ENTROPY = 3.5, 3.0


class HighEntropy:
    """A random-looking token of 20+ characters within WINDOW characters after a secret word, same line."""

    kind = "high_entropy"

    def find(self, text: str) -> Iterator[Finding]:
        for match in TOKEN.finditer(text):
            token = match.group(0)
            if self.random_looking(token) and self.near_secret_word(text, match.start(), token):
                yield Finding(self.kind, match.start(), match.end())

    @staticmethod
    def random_looking(token: str) -> bool:
        if not has_digit_and_letter(token) or UUID.match(token) or SLUG.match(token):
            return False
        if "/" in token and not any(c.isupper() for c in token):
            return False  # a path such as /home/app/.ssh/id_ed25519_backup, not base64
        threshold = MIN_HEX_ENTROPY if HEX.match(token) else MIN_ENTROPY
        return shannon_entropy(token) >= threshold

    @staticmethod
    def near_secret_word(text: str, start: int, token: str) -> bool:
        if text[max(0, start - 7):start] == "base64,":
            return False  # the payload of a data: URI (an inline image), not a credential
        window = _line_before(text, start)[-(WINDOW + 20):]
        words = [m for m in SECRET_WORD.finditer(window) if len(window) - m.end() <= WINDOW
                 and not window[:m.start()].lower().endswith(("public ", "public_", "public-"))]
        if not words:
            return False
        if HEX.match(token) and HASH_WORD.search(window[words[-1].start():]):
            return False  # "the key rotation landed in commit 9fceb02...": a hash, not a secret
        return True


ALL = [*KNOWN_FORMATS, *ASSIGNMENTS, HighEntropy()]
### END SOLUTION
