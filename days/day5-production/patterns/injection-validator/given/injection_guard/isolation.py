"""Containers that untrusted text cannot close: a random per-request boundary, and no tag-like look-alikes.

The same approach as the prompt-isolation unit (../../prompt-isolation/README.md), in brief:

* every container tag ends in a boundary of 32 random hex digits drawn for each request after the text is
  known, and a draw that occurs in the text is thrown away. A closing tag the text could type, in any
  spelling, lacks the boundary;
* in case a model still reads a bare `</document>` as a tag, the `<` of every tag-like sequence of a
  container's name is replaced by `&lt;`. Tag-like is judged as a lenient reader sees it: case, spaces,
  fullwidth brackets (U+FF1C), zero-width characters and look-alike letters do not hide it.
"""
from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Iterable

CONTAINERS = ("user_input", "document")
MAX_DRAWS = 100
# Characters a model may read as "<", "/" or a Latin letter although NFKC keeps them apart.
LOOKALIKES = str.maketrans({
    "\u2039": "<", "\u3008": "<", "\u27e8": "<", "\u276e": "<", "\u02c2": "<", "\u1438": "<", "\u2329": "<",
    "\u2044": "/", "\u2215": "/", "\u29f8": "/",
    "\u0430": "a", "\u0441": "c", "\u0435": "e", "\u0456": "i", "\u043e": "o", "\u0440": "p", "\u0455": "s",
    "\u0443": "y", "\u0445": "x", "\u0501": "d", "\u03bf": "o", "\u03b9": "i", "\u03c5": "u", "\u03c4": "t",
    "\u043c": "m", "\u043d": "h", "\u0442": "t", "\u0410": "a", "\u0421": "c", "\u0415": "e", "\u041e": "o",
    "\u0420": "p", "\u0405": "s", "\u039f": "o", "\u0399": "i", "\u03a4": "t", "\u041c": "m", "\u041d": "h",
})
TAG_LIKE = re.compile(r"<(?=\s*/?\s*(?:user[\s_-]*input|document))")


def fold(text: str) -> tuple[str, list[int]]:
    """(text as a lenient reader sees it, index in `text` of the character each folded character came from)."""
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if unicodedata.category(char) == "Cf":
            continue
        for out in unicodedata.normalize("NFKC", char.translate(LOOKALIKES)).casefold():
            folded.append(out)
            origin.append(index)
    return "".join(folded), origin


def neutralise(text: str) -> str:
    """`text` with the "<" (or look-alike) opening every tag-like sequence of a container's name made `&lt;`."""
    folded, origin = fold(text)
    brackets = sorted({origin[m.start()] for m in TAG_LIKE.finditer(folded)})
    for index in reversed(brackets):
        text = f"{text[:index]}&lt;{text[index + 1:]}"
    return text


def choose_boundary(texts: Iterable[str]) -> str:
    """32 random hex digits that occur in none of `texts` (ignoring case and the disguises `fold` undoes)."""
    folded = [fold(t)[0] for t in texts]
    for _ in range(MAX_DRAWS):
        boundary = secrets.token_hex(16)
        if not any(boundary in t for t in folded):
            return boundary
    raise RuntimeError(f"no boundary absent from the text in {MAX_DRAWS} draws; is the random source broken?")
