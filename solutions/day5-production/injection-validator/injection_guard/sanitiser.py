### BEGIN STARTER
# """Make untrusted text safe to place inside a prompt, without losing what it says."""
### END STARTER
### BEGIN SOLUTION
"""Make untrusted text safe to place inside a prompt, without losing what it says.

* Invisible characters go: zero-width spaces and joiners, bidi controls, tag characters (Unicode
  category Cf), and C0/C1 control characters other than newline and tab. They carry nothing a reader
  sees, and they are how hidden instructions and broken-up keywords travel.
* Delimiter-like tokens are escaped, not deleted: `</document>`, `<|im_start|>`, `[INST]` or `<<SYS>>`
  in the text become `&lt;/document&gt;`, `&lt;|im_start|&gt;`, `&#91;INST&#93;`, `&lt;&lt;SYS&gt;&gt;`, so the
  text cannot close the container it is placed in or open a fake turn, and the reader still sees them.
* Text longer than `max_length` is cut there and a visible marker says how much was left out.

Nothing else changes: the words, their case and their order are the user's.
"""
### END SOLUTION
from __future__ import annotations

### BEGIN STARTER
# import re  # noqa: F401
# import unicodedata  # noqa: F401
### END STARTER
### BEGIN SOLUTION
import re
import unicodedata
### END SOLUTION

DEFAULT_MAX_LENGTH = 8000
### BEGIN SOLUTION
TAG_NAMES = r"(?:system|user|assistant|human|ai|user_input|document|documents|instructions?|context|tool_result|" \
            r"tool|data|untrusted|input|output|prompt|admin|developer)"
DELIMITERS = re.compile(
    rf"<\|[\w\-]{{1,30}}\|>"            # chat-template special tokens: <|im_start|>, <|endoftext|>
    rf"|</?{TAG_NAMES}\b[^<>]{{0,60}}>"  # tags a prompt might use as containers: <document index="1">, </user_input>
    r"|<</?SYS>>"                        # Llama 2 system markers
    r"|\[/?INST\]",                      # Llama / Mistral instruction markers
    re.IGNORECASE)
ENTITIES = str.maketrans({"<": "&lt;", ">": "&gt;", "[": "&#91;", "]": "&#93;"})


def strip_invisible(text: str) -> str:
    """Drop format (Cf) and control (Cc) characters, keeping newlines and tabs; CRLF becomes LF."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c) not in ("Cc", "Cf"))


def escape_delimiters(text: str) -> str:
    return DELIMITERS.sub(lambda m: m.group().translate(ENTITIES), text)
### END SOLUTION


def sanitise(text: str, max_length: int = DEFAULT_MAX_LENGTH) -> str:
    ### BEGIN STARTER
    # """TODO step 4. Return the text with:
    #
    # * CRLF and lone CR turned into LF; characters of Unicode category Cc (controls) removed except newline and
    #   tab, and every character of category Cf (zero-width spaces and joiners, bidi controls, tag characters);
    # * delimiter-like tokens escaped with HTML entities, not deleted: chat-template tokens such as `<|im_start|>`,
    #   container tags such as `<document ...>`, `</document>`, `<user_input>`, `<system>`, and `[INST]`, `[/INST]`,
    #   `<<SYS>>` (`<` -> `&lt;`, `>` -> `&gt;`, `[` -> `&#91;`, `]` -> `&#93;`), so the text cannot close the
    #   container it is placed in, and a reader still sees it;
    # * if longer than `max_length` (after removing invisible characters, before escaping): the first `max_length`
    #   characters, then a marker on its own line such as `[truncated: 380 more characters not shown]`.
    #
    # Everything else, words, case and order, stays as the user wrote it. Raise ValueError if max_length < 1.
    # """
    # raise NotImplementedError("step 4: sanitise")
    ### END STARTER
    ### BEGIN SOLUTION
    """Invisible characters removed, delimiter-like tokens escaped, cut at `max_length` with a marker."""
    if max_length < 1:
        raise ValueError("max_length must be at least 1")
    text = strip_invisible(text)
    dropped = len(text) - max_length
    if dropped > 0:
        text = text[:max_length]
    text = escape_delimiters(text)
    if dropped > 0:
        text += f"\n[truncated: {dropped} more characters not shown]"
    return text
    ### END SOLUTION
