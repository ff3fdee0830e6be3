### BEGIN STARTER
# """Supplied text goes between XML-style tags, in a block it cannot close.
#
# Contract:
#
# 1. `neutralise(text, tag)`: every "<" that opens a tag of that name, opening or closing, in any case and with
#    spaces allowed around the "/" (`<log>`, `</log>`, `</LOG >`, `< / log>`), becomes ESCAPED_BRACKET (`&lt;`).
#    Every other character stays exactly as it was: `</div>`, `List<String>` and `a < b` pass unchanged.
# 2. `delimit(tag, text)`: `<tag>`, a newline, the neutralised text, a newline, `</tag>`. A tag name that does not
#    fullmatch TAG_NAME (lower-case letter, then lower-case letters, digits, "_" or "-") is a ValueError.
# """
### END STARTER
### BEGIN SOLUTION
"""Supplied text goes between XML-style tags, in a block it cannot close.

The closing tag is fixed and visible in the prompt, so the supplied text can contain it: a log line, a web page or
a file that holds `</log>` ends the block early, and whatever follows reads as the prompt's own words. Escaping
the "<" of every tag of the block's name (opening or closing, any case, spaces around the "/") keeps the whole
text inside. Only those characters change, so code such as `List<String>` reaches the model as it was.
Day 5's prompt-isolation unit goes further (look-alike characters, random boundaries) for hostile input.
"""
### END SOLUTION
from __future__ import annotations

import re

TAG_NAME = re.compile(r"[a-z][a-z0-9_-]*")
ESCAPED_BRACKET = "&lt;"


def neutralise(text: str, tag: str) -> str:
    """`text` with the "<" of every opening or closing `tag` (any case, spaces around "/") replaced by `&lt;`."""
    ### BEGIN STARTER
    # # TODO step 1: one regex whose match is only the "<", followed (lookahead) by spaces, an optional "/",
    # # spaces and the tag name, case-insensitively, and not followed by another name character.
    # raise NotImplementedError("step 1: neutralise")
    ### END STARTER
    ### BEGIN SOLUTION
    opening = re.compile(r"<(?=\s*/?\s*" + re.escape(tag) + r"(?![a-z0-9_-]))", re.IGNORECASE)
    return opening.sub(ESCAPED_BRACKET, text)
    ### END SOLUTION


def delimit(tag: str, text: str) -> str:
    """`<tag>`, newline, the neutralised text, newline, `</tag>`; ValueError for a tag name that is not TAG_NAME."""
    ### BEGIN STARTER
    # # TODO step 2: check the tag name, then wrap the neutralised text.
    # raise NotImplementedError("step 2: delimit")
    ### END STARTER
    ### BEGIN SOLUTION
    if not isinstance(tag, str) or not TAG_NAME.fullmatch(tag):
        raise ValueError(f"not a tag name: {tag!r} (a lower-case letter, then letters, digits, '_' or '-')")
    return f"<{tag}>\n{neutralise(text, tag)}\n</{tag}>"
    ### END SOLUTION
