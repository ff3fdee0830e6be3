"""Make sure untrusted text holds nothing a reader could take for a container's tag.

Contract:

A tag-like sequence is "<", optional whitespace, an optional "/", optional whitespace, then a container's name,
in which each "_" may also be written as "-", whitespace or nothing (`</user_input>`, `< / USER-INPUT id=1>`,
`<user input`, `</documents`). Look for it in the FOLDED text (`fold` in fold.py, given), so that fullwidth
brackets, zero-width characters and Cyrillic look-alikes cannot hide it.

`neutralise(text, names)` returns `text` with the character that plays "<" in every tag-like sequence of any of
`names` replaced by ESCAPED_BRACKET (`&lt;`). Use the origin list from `fold` to find that character in the
original text. Every other character stays exactly as it was: ordinary `<`, HTML and generics pass unchanged.
"""
from __future__ import annotations

import re  # noqa: F401 - a regex with a lookahead finds the "<" of each tag-like sequence
from collections.abc import Iterable

from prompt_isolation.fold import fold  # noqa: F401

ESCAPED_BRACKET = "&lt;"


def tag_pattern(names: Iterable[str]) -> re.Pattern[str]:
    """Matches, in folded text, the "<" that opens a tag-like sequence of any of `names`."""
    # TODO step 2: for "user_input" the name part is user[\s_-]*input; the match itself should be just the "<".
    raise NotImplementedError("step 2: tag_pattern")


def neutralise(text: str, names: Iterable[str]) -> str:
    """`text` with the "<" of every tag-like sequence of `names` replaced by `&lt;`."""
    # TODO step 2: fold, find the matches, map each one back with `origin`, replace those characters only.
    raise NotImplementedError("step 2: neutralise")
