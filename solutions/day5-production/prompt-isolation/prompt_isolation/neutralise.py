### BEGIN STARTER
# """Make sure untrusted text holds nothing a reader could take for a container's tag.
#
# Contract:
#
# A tag-like sequence is "<", optional whitespace, an optional "/", optional whitespace, then a container's name,
# in which each "_" may also be written as "-", whitespace or nothing (`</user_input>`, `< / USER-INPUT id=1>`,
# `<user input`, `</documents`). Look for it in the FOLDED text (`fold` in fold.py, given), so that fullwidth
# brackets, zero-width characters and Cyrillic look-alikes cannot hide it.
#
# `neutralise(text, names)` returns `text` with the character that plays "<" in every tag-like sequence of any of
# `names` replaced by ESCAPED_BRACKET (`&lt;`). Use the origin list from `fold` to find that character in the
# original text. Every other character stays exactly as it was: ordinary `<`, HTML and generics pass unchanged.
# """
### END STARTER
### BEGIN SOLUTION
"""Make sure untrusted text holds nothing a reader could take for a container's tag.

A tag-like sequence is "<", optional spaces, an optional "/", optional spaces, then a container's name, where
the name's "_" may also be written as "-", a space or nothing: `</user_input>`, `< / USER-INPUT id=1>`,
`<user input`, `</documents`. It is looked for in the folded text (see fold.py), so fullwidth brackets,
zero-width characters and Cyrillic look-alikes do not hide it. Only the character that plays "<" is replaced,
by `&lt;`; every other character of the text stays as it was.
"""
### END SOLUTION
from __future__ import annotations

### BEGIN STARTER
# import re  # noqa: F401 - a regex with a lookahead finds the "<" of each tag-like sequence
### END STARTER
### BEGIN SOLUTION
import re
### END SOLUTION
from collections.abc import Iterable

### BEGIN STARTER
# from prompt_isolation.fold import fold  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from prompt_isolation.fold import fold
### END SOLUTION

ESCAPED_BRACKET = "&lt;"


def tag_pattern(names: Iterable[str]) -> re.Pattern[str]:
    """Matches, in folded text, the "<" that opens a tag-like sequence of any of `names`."""
    ### BEGIN STARTER
    # # TODO step 2: for "user_input" the name part is user[\s_-]*input; the match itself should be just the "<".
    # raise NotImplementedError("step 2: tag_pattern")
    ### END STARTER
    ### BEGIN SOLUTION
    spelled = [r"[\s_-]*".join(map(re.escape, re.split(r"[\s_-]+", name.casefold()))) for name in names]
    return re.compile(r"<(?=\s*/?\s*(?:" + "|".join(spelled) + "))")
    ### END SOLUTION


def neutralise(text: str, names: Iterable[str]) -> str:
    """`text` with the "<" of every tag-like sequence of `names` replaced by `&lt;`."""
    ### BEGIN STARTER
    # # TODO step 2: fold, find the matches, map each one back with `origin`, replace those characters only.
    # raise NotImplementedError("step 2: neutralise")
    ### END STARTER
    ### BEGIN SOLUTION
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
    ### END SOLUTION
