### BEGIN STARTER
# """The reviewer's reply, parsed and checked against the files it was shown.
#
# Contract:
#
# 4. `ask(client, persona, artifacts, request, max_tokens=1024)`: one
#    `client.chat(user_message(artifacts, request), system=system_prompt(persona), max_tokens=max_tokens)`;
#    returns the Reply.
# 5. `parse_review(text, artifacts) -> Review`:
#    - a finding line is a line that starts (after spaces) with `FINDING:` (any case), then three fields
#      separated by `|`: severity, `path:line`, message (the message may itself contain `|`);
#    - a finding is kept when its severity (any case, stored lower-case) is one of SEVERITIES, its path is the
#      name of a `file` artifact that was sent, and its line is a whole number from 1 to that file's number of
#      lines; fields are stripped of spaces. Every other finding line is counted in `rejected`; other lines
#      are prose and ignored;
#    - the verdict is read from the last non-empty line only: `VERDICT: APPROVE` gives "approve",
#      `VERDICT: REQUEST_CHANGES` gives "request_changes" (any case), anything else gives None. An "approve"
#      while a kept finding is critical or major becomes "request_changes".
# 6. `review(client, artifacts, request, persona=REVIEWER)`: `ask`, then `parse_review` of the reply's text.
# """
### END STARTER
### BEGIN SOLUTION
"""The reviewer's reply, parsed and checked against the files it was shown.

A model's reply is text it chose: a finding may cite a file it was never shown or a line past the end of one, and a
verdict may contradict the findings above it. The parser keeps only what the request can support, counts what it
threw away (a rising count is worth an alert), and never lets "approve" stand next to a serious finding.
"""
### END SOLUTION
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from agentkit import Reply

from personas.context import Artifact, user_message
from personas.persona import REVIEWER, Persona, system_prompt

SEVERITIES = ("critical", "major", "minor", "nit")
BLOCKING = ("critical", "major")


@dataclass(frozen=True)
class Finding:
    severity: str
    path: str
    line: int
    message: str


@dataclass
class Review:
    findings: list[Finding] = field(default_factory=list)
    verdict: str | None = None   # "approve", "request_changes", or None when the reply gave none
    rejected: int = 0            # finding lines that were malformed or cited what was not sent


def ask(client, persona: Persona, artifacts: Sequence[Artifact], request: str, max_tokens: int = 1024) -> Reply:
    ### BEGIN STARTER
    # # TODO step 4
    # raise NotImplementedError("step 4: ask")
    ### END STARTER
    ### BEGIN SOLUTION
    return client.chat(user_message(artifacts, request), system=system_prompt(persona), max_tokens=max_tokens)
    ### END SOLUTION


def parse_review(text: str, artifacts: Sequence[Artifact]) -> Review:
    ### BEGIN STARTER
    # # TODO step 5
    # raise NotImplementedError("step 5: parse_review")
    ### END STARTER
    ### BEGIN SOLUTION
    lines_in = {a.name: len(a.text.split("\n")) for a in artifacts if a.kind == "file"}
    result = Review()
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.upper().startswith("FINDING:"):
            continue
        finding = _finding(stripped[len("FINDING:"):], lines_in)
        if finding is None:
            result.rejected += 1
        else:
            result.findings.append(finding)
    last = next((line.strip() for line in reversed(text.splitlines()) if line.strip()), "")
    verdict = {"VERDICT: APPROVE": "approve", "VERDICT: REQUEST_CHANGES": "request_changes"}.get(
        " ".join(last.upper().split()))
    if verdict == "approve" and any(f.severity in BLOCKING for f in result.findings):
        verdict = "request_changes"
    result.verdict = verdict
    return result


def _finding(fields: str, lines_in: dict[str, int]) -> Finding | None:
    parts = fields.split("|", 2)
    if len(parts) != 3:
        return None
    severity, location, message = (part.strip() for part in parts)
    path, _, number = (part.strip() for part in location.rpartition(":"))
    severity = severity.lower()
    if severity not in SEVERITIES or path not in lines_in or not re.fullmatch(r"[0-9]+", number):
        return None
    if not 1 <= int(number) <= lines_in[path]:
        return None
    return Finding(severity, path, int(number), message)
    ### END SOLUTION


def review(client, artifacts: Sequence[Artifact], request: str, persona: Persona = REVIEWER) -> Review:
    ### BEGIN STARTER
    # # TODO step 6
    # raise NotImplementedError("step 6: review")
    ### END STARTER
    ### BEGIN SOLUTION
    return parse_review(ask(client, persona, artifacts, request).text, artifacts)
    ### END SOLUTION
