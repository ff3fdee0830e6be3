### BEGIN STARTER
# """Files, diffs and logs injected into the user message, each in a delimited block it cannot close.
#
# Contract:
#
# 2. `inject(artifacts) -> str`: one block per artifact, in the order given, separated by a blank line. A block is
#    the opening tag `<KIND ATTR="NAME">` (KIND is the artifact's kind, ATTR is KINDS[kind], NAME passed through
#    `quote_attribute`), a newline, the body, a newline, the closing tag `</KIND>`. The body is the text with
#    `neutralise(text)` applied (given: it escapes every file, diff and log tag in it). A file's body is numbered:
#    each line (of the neutralised text, split on "\n") becomes `f"{number}| {line}"`, numbered from 1, so the
#    model can cite lines. Diffs and logs are not numbered. A kind not in KINDS is a ValueError.
# 3. `user_message(artifacts, request) -> str`: the injected artifacts, a blank line, then the request (the
#    request alone when there are no artifacts).
# """
### END STARTER
### BEGIN SOLUTION
"""Files, diffs and logs injected into the user message, each in a delimited block it cannot close.

Each block says what it is and where it comes from (`<file path="src/billing.py">`), so the request and the reply
can refer to it by name. A file is numbered line by line: a model counts lines badly, and a reviewer who cites
`billing.py:14` must mean the line the reader sees as 14. Every tag of the three kinds inside the text is escaped,
not only the block's own: a file may well contain `</diff>`, and a reader could take it for the end of a block.
"""
### END SOLUTION
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

KINDS = {"file": "path", "diff": "name", "log": "source"}  # kind -> the attribute that names it


@dataclass(frozen=True)
class Artifact:
    kind: str   # "file", "diff" or "log"
    name: str   # the file's path, the diff's name, the log's source
    text: str


def neutralise(text: str, tags=tuple(KINDS)) -> str:
    """`text` with the "<" of every opening or closing tag named in `tags` (any case, spaces around "/") as `&lt;`."""
    names = "|".join(map(re.escape, tags))
    return re.sub(rf"<(?=\s*/?\s*(?:{names})(?![a-z0-9_-]))", "&lt;", text, flags=re.IGNORECASE)


def quote_attribute(value: str) -> str:
    """`value` fit to stand between double quotes in a tag."""
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def inject(artifacts: Sequence[Artifact]) -> str:
    """Every artifact in its own delimited block, in order (see the contract in the lesson)."""
    ### BEGIN STARTER
    # # TODO step 2
    # raise NotImplementedError("step 2: inject")
    ### END STARTER
    ### BEGIN SOLUTION
    blocks = []
    for artifact in artifacts:
        if artifact.kind not in KINDS:
            raise ValueError(f"unknown kind {artifact.kind!r}; one of {sorted(KINDS)}")
        body = neutralise(artifact.text)
        if artifact.kind == "file":
            body = "\n".join(f"{number}| {line}" for number, line in enumerate(body.split("\n"), start=1))
        opening = f'<{artifact.kind} {KINDS[artifact.kind]}="{quote_attribute(artifact.name)}">'
        blocks.append(f"{opening}\n{body}\n</{artifact.kind}>")
    return "\n\n".join(blocks)
    ### END SOLUTION


def user_message(artifacts: Sequence[Artifact], request: str) -> str:
    """The injected artifacts, then the request."""
    ### BEGIN STARTER
    # # TODO step 3
    # raise NotImplementedError("step 3: user_message")
    ### END STARTER
    ### BEGIN SOLUTION
    return "\n\n".join(filter(None, [inject(artifacts), request]))
    ### END SOLUTION
