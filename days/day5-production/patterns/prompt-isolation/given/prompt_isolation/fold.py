"""See text as a lenient reader does: `＜／ＵＳＥＲ_input＞` and `</user_input>` are the same tag to a model.

`fold(text)` returns the folded text and, for each folded character, the index of the original character it
came from, so that a match found in the folded text can be changed in the original.

Folding: drop invisible format characters (zero-width space and joiners, BOM, soft hyphen: Unicode category
Cf), map a few look-alikes that NFKC keeps apart (angle brackets, slashes, Cyrillic and Greek letters), apply
NFKC (fullwidth and small-form characters become ASCII) and casefold.
"""
from __future__ import annotations

import unicodedata

# Characters a model may read as "<" or "/" although NFKC leaves them alone.
LOOKALIKES = {
    "\u2039": "<",  # ‹ single left-pointing angle quotation mark
    "\u3008": "<",  # 〈 left angle bracket (CJK)
    "\u27e8": "<",  # ⟨ mathematical left angle bracket
    "\u276e": "<",  # ❮ heavy left-pointing angle quotation mark ornament
    "\u02c2": "<",  # ˂ modifier letter left arrowhead
    "\u1438": "<",  # ᐸ Canadian syllabics pa
    "\u2329": "<",  # 〈 left-pointing angle bracket
    "\u2044": "/",  # ⁄ fraction slash
    "\u2215": "/",  # ∕ division slash
    "\u29f8": "/",  # ⧸ big solidus
    # Cyrillic and Greek letters that look like the Latin letters of tag names.
    "\u0430": "a", "\u0441": "c", "\u0435": "e", "\u0456": "i", "\u043e": "o", "\u0440": "p", "\u0455": "s",
    "\u0443": "y", "\u0445": "x", "\u0501": "d", "\u03bf": "o", "\u03b9": "i", "\u03c5": "u", "\u03c4": "t",
    "\u043c": "m", "\u043d": "h", "\u0442": "t", "\u0410": "a", "\u0421": "c", "\u0415": "e", "\u041e": "o",
    "\u0420": "p", "\u0405": "s", "\u039f": "o", "\u0399": "i", "\u03a4": "t", "\u041c": "m", "\u041d": "h",
}


def fold(text: str) -> tuple[str, list[int]]:
    """(folded text, origin) where origin[i] is the index in `text` of the character folded[i] came from."""
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if unicodedata.category(char) == "Cf":
            continue
        for out in unicodedata.normalize("NFKC", LOOKALIKES.get(char, char)).casefold():
            folded.append(out)
            origin.append(index)
    return "".join(folded), origin
