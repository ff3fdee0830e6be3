### BEGIN STARTER
# """Find the parts of a prompt that compression must not touch, and hide them while the prose is rewritten.
#
# Protected: fenced code blocks, inline code spans, URLs, the markers the budget step leaves, and optionally
# "double-quoted strings". Everything else is prose.
#
# `mask()` (given) swaps each protected part for a placeholder made of a private-use character the prompt does
# not contain, so the prose rules can run over whole lines and sentences and never see a protected byte;
# `Masked.restore()` puts the originals back. It relies on your `split_protected`.
# """
### END STARTER
### BEGIN SOLUTION
"""Find the parts of a prompt that compression must not touch, and hide them while the prose is rewritten.

Protected: fenced code blocks (``` or ~~~, any indentation, closed only by a fence of the same character at
least as long, so a ``` inside a ```` block stays inside it; an unclosed fence runs to the end of the text),
inline code spans, URLs, the markers the budget step leaves, and optionally "double-quoted strings".
Everything else is prose.

`mask()` swaps each protected part for a placeholder such as \\ue0003\\ue000 (a private-use character that
the prompt does not contain), so the prose rules can run over whole lines and sentences and still never see
a protected byte; `Masked.restore()` puts the originals back.
"""
### END SOLUTION
from __future__ import annotations

import re
from dataclasses import dataclass, field

### BEGIN STARTER
# # Given patterns for the parts inside prose (the fences are yours to find, line by line).
### END STARTER
### BEGIN SOLUTION
QUOTE_PREFIX = r"[ \t]*(?:>[ \t]*)*"  # indentation, and the "> " of a quoted block, before a fence
FENCE_OPEN = re.compile(rf"(?P<indent>{QUOTE_PREFIX})(?P<fence>`{{3,}}|~{{3,}})(?P<info>[^\n]*)")
FENCE_CLOSE = re.compile(rf"{QUOTE_PREFIX}(?P<fence>`{{3,}}|~{{3,}})[ \t]*")
### END SOLUTION
INLINE_CODE = r"(?<!`)(?P<ticks>`+)(?!`)(?:(?!\n[ \t]*\n)[\s\S])+?(?<!`)(?P=ticks)(?!`)"
URL = r"\b(?:https?|ftp)://[^\s<>\"'`]+"
MARKER = r"\[\.\.\. \d+ tokens? omitted \.\.\.\]"
QUOTED = r"\"[^\"\n]*\"|\u201c[^\u201d\n]*\u201d"
TRAILING_PUNCTUATION = ".,;:!?'\""


@dataclass(frozen=True)
class Segment:
    kind: str   # "prose", "code" (a fenced block), "inline" (code span), "url", "marker" or "quote"
    text: str

    @property
    def protected(self) -> bool:
        return self.kind != "prose"


### BEGIN SOLUTION
def _fence_end(lines: list[str], start: int) -> int | None:
    """Index of the line after the fenced block opening at lines[start], or None if it is not a fence."""
    opening = FENCE_OPEN.fullmatch(lines[start].rstrip("\r\n"))
    if not opening:
        return None
    fence = opening["fence"]
    if fence[0] == "`" and "`" in opening["info"]:
        return None  # ```like this``` on one line is an inline span, not a fence
    for number in range(start + 1, len(lines)):
        closing = FENCE_CLOSE.fullmatch(lines[number].rstrip("\r\n"))
        if closing and closing["fence"][0] == fence[0] and len(closing["fence"]) >= len(fence):
            return number + 1
    return len(lines)  # never closed: everything after the opening fence is code


### END SOLUTION
def trim_url(url: str) -> str:
    ### BEGIN STARTER
    # """A URL pattern match without the sentence punctuation (or unmatched closing bracket) after it."""
    ### END STARTER
    ### BEGIN SOLUTION
    """Leave sentence punctuation, and a closing bracket that has no opening one in the URL, outside it."""
    ### END SOLUTION
    while url and (url[-1] in TRAILING_PUNCTUATION or (url[-1] == ")" and url.count(")") > url.count("("))):
        url = url[:-1]
    return url


### BEGIN SOLUTION
def _split_prose(text: str, inline: re.Pattern) -> list[Segment]:
    segments, done = [], 0
    for found in inline.finditer(text):
        kind = found.lastgroup
        part = trim_url(found.group()) if kind == "url" else found.group()
        start, end = found.start(), found.start() + len(part)
        if start > done:
            segments.append(Segment("prose", text[done:start]))
        segments.append(Segment(kind, part))
        done = end
    if done < len(text):
        segments.append(Segment("prose", text[done:]))
    return segments


### END SOLUTION
def split_protected(text: str, *, quotes: bool = False) -> list[Segment]:
    ### BEGIN STARTER
    # """The text as prose and protected segments, in order; joining their texts must give `text` back exactly.
    #
    # A "code" segment is a whole fenced block, from the start of its opening line (indentation included) to the
    # end of its closing fence line (the newline after it belongs to the prose):
    # - it opens with a line of optional spaces or tabs, then ``` or ~~~ (3 or more), then an optional info
    #   string such as `python` (a backtick fence's info string has no backtick: ```x``` is inline code);
    # - it closes only with a line holding the same character, at least as many times, and nothing else but
    #   spaces: so ``` inside a ```` block, or ~~~ inside a ``` block, does not close it;
    # - if it never closes, it runs to the end of the text.
    # In the prose between blocks, INLINE_CODE ("inline"), URL ("url", trimmed with trim_url), MARKER ("marker")
    # and, when quotes=True, QUOTED ("quote") matches are protected segments too.
    # """
    # # TODO step 1
    # raise NotImplementedError("step 1: split_protected")
    ### END STARTER
    ### BEGIN SOLUTION
    """The text as prose and protected segments, in order; joining their texts gives `text` back exactly."""
    alternatives = [f"(?P<inline>{INLINE_CODE})", f"(?P<url>{URL})", f"(?P<marker>{MARKER})"]
    if quotes:
        alternatives.append(f"(?P<quote>{QUOTED})")
    inline = re.compile("|".join(alternatives))

    lines = re.findall(r"[^\n]*\n|[^\n]+$", text)  # only \n ends a line (str.splitlines also splits at \x0c...)
    segments: list[Segment] = []
    prose: list[str] = []
    number = 0
    while number < len(lines):
        end = _fence_end(lines, number)
        if end is None:
            prose.append(lines[number])
            number += 1
            continue
        segments += _split_prose("".join(prose), inline)
        prose = []
        block = "".join(lines[number:end])
        body = block.rstrip("\r\n")  # the newline after the closing fence belongs to the prose around it
        segments.append(Segment("code", body))
        if len(body) < len(block):
            prose.append(block[len(body):])
        number = end
    segments += _split_prose("".join(prose), inline)
    return [s for s in segments if s.text]
    ### END SOLUTION


@dataclass
class Masked:
    """Prose with a placeholder where each protected part was. Identical parts share one placeholder, so two
    copies of a sentence that quote the same `name` are still recognised as duplicates."""
    text: str
    sentinel: str
    originals: dict[str, str] = field(default_factory=dict)   # placeholder -> the protected text
    blocks: set[str] = field(default_factory=set)              # placeholders of fenced code blocks

    def restore(self, text: str | None = None) -> str:
        if not self.originals:
            return self.text if text is None else text
        pattern = re.escape(self.sentinel) + r"\d+" + re.escape(self.sentinel)
        return re.sub(pattern, lambda m: self.originals[m.group()], self.text if text is None else text)

    def is_block(self, line: str) -> bool:
        """True for a line that is nothing but the placeholder of a fenced code block."""
        return line.strip() in self.blocks


def _free_sentinel(text: str) -> str:
    for code in range(0xE000, 0xF8FF):  # Unicode private use area: not in ordinary prompts
        if chr(code) not in text:
            return chr(code)
    raise ValueError("the prompt uses every private-use character; cannot mask it")


def mask(text: str, *, quotes: bool = False) -> Masked:
    sentinel = _free_sentinel(text)
    masked = Masked("", sentinel)
    ids: dict[str, str] = {}
    parts = []
    for segment in split_protected(text, quotes=quotes):
        if not segment.protected:
            parts.append(segment.text)
            continue
        if segment.text not in ids:
            ids[segment.text] = f"{sentinel}{len(ids)}{sentinel}"
            masked.originals[ids[segment.text]] = segment.text
        if segment.kind == "code":
            masked.blocks.add(ids[segment.text])
        parts.append(ids[segment.text])
    masked.text = "".join(parts)
    return masked
