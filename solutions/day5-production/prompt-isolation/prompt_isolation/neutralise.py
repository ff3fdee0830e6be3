"""Make sure untrusted text holds nothing a reader could take for a container's tag.

A tag-like sequence is "<", optional spaces, an optional "/", optional spaces, then a container's name, where
the name's "_" may also be written as "-", a space or nothing: `</user_input>`, `< / USER-INPUT id=1>`,
`<user input`, `</documents`. It is looked for in the folded text (see fold.py), so fullwidth brackets,
zero-width characters and Cyrillic look-alikes do not hide it. Only the character that plays "<" is replaced,
by `&lt;`; every other character of the text stays as it was.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from prompt_isolation.fold import fold

ESCAPED_BRACKET = "&lt;"


def tag_pattern(names: Iterable[str]) -> re.Pattern[str]:
    """Matches, in folded text, the "<" that opens a tag-like sequence of any of `names`."""
    spelled = [r"[\s_-]*".join(map(re.escape, re.split(r"[\s_-]+", name.casefold()))) for name in names]
    return re.compile(r"<(?=\s*/?\s*(?:" + "|".join(spelled) + "))")


def neutralise(text: str, names: Iterable[str]) -> str:
    """`text` with the "<" of every tag-like sequence of `names` replaced by `&lt;`."""
    folded, origin = fold(text)
    brackets = sorted({origin[m.start()] for m in tag_pattern(names).finditer(folded)})
    if not brackets:
        return text
    pieces, last = [], 0
    for index in brackets:
        pieces += [text[last:index], ESCAPED_BRACKET]
        last = index + 1
    pieces.append(text[last:])
    return "".join(pieces)
