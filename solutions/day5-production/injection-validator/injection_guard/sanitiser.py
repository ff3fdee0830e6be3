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
from __future__ import annotations

import re
import unicodedata

DEFAULT_MAX_LENGTH = 8000
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


def sanitise(text: str, max_length: int = DEFAULT_MAX_LENGTH) -> str:
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
