"""Make untrusted text safe to place inside a prompt, without losing what it says."""
from __future__ import annotations

import re  # noqa: F401
import unicodedata  # noqa: F401

DEFAULT_MAX_LENGTH = 8000


def sanitise(text: str, max_length: int = DEFAULT_MAX_LENGTH) -> str:
    """TODO step 4. Return the text with:

    * CRLF and lone CR turned into LF; characters of Unicode category Cc (controls) removed except newline and
      tab, and every character of category Cf (zero-width spaces and joiners, bidi controls, tag characters);
    * delimiter-like tokens escaped with HTML entities, not deleted: chat-template tokens such as `<|im_start|>`,
      container tags such as `<document ...>`, `</document>`, `<user_input>`, `<system>`, and `[INST]`, `[/INST]`,
      `<<SYS>>` (`<` -> `&lt;`, `>` -> `&gt;`, `[` -> `&#91;`, `]` -> `&#93;`), so the text cannot close the
      container it is placed in, and a reader still sees it;
    * if longer than `max_length` (after removing invisible characters, before escaping): the first `max_length`
      characters, then a marker on its own line such as `[truncated: 380 more characters not shown]`.

    Everything else, words, case and order, stays as the user wrote it. Raise ValueError if max_length < 1.
    """
    raise NotImplementedError("step 4: sanitise")
