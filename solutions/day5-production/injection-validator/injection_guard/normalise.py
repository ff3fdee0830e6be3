### BEGIN STARTER
# """Undo the cheap disguises before any pattern looks at the text.
#
# Attackers hide words from a regex in ways a reader, or a model, does not notice: zero-width characters
# inside words, fullwidth letters, Cyrillic letters that look Latin, leetspeak digits, letters spaced
# apart, invisible Unicode "tag" characters that carry a whole hidden sentence, and base64. The helpers and
# tables below are given; `normalise` is yours (step 1 in the README).
#
# `views(text)` returns every form your rules should be tried on: the normalised text, the same with
# separators inside words dropped ("ign-ore" -> "ignore"), a leetspeak reading, and decoded payloads.
# """
### END STARTER
### BEGIN SOLUTION
"""Undo the cheap disguises before any pattern looks at the text.

Attackers (and some copy-pasted text) hide words from a regex in ways a reader, or a model, does not
notice: zero-width characters inside words, fullwidth or other compatibility forms, Cyrillic letters
that look Latin, leetspeak digits, letters spaced or dotted apart, invisible Unicode "tag" characters
that carry a whole hidden sentence, and base64. `views(text)` returns the forms the rules run on:

* `folded`: NFKC, format characters removed, look-alikes mapped to Latin, case-folded, spaced-out
  letters joined, blanks tidied (newlines kept);
* `joined`: `folded` with separators inside words dropped ("ign-ore" -> "ignore");
* `deleeted`: `folded` with digits inside words read as letters ("1gn0r3" -> "ignore"); a separate view,
  because doing it everywhere would also turn "base64" into "base6a";
* `payloads`: base64 and ROT13 texts decoded from the input, folded the same way.

None of this is shown to the model: it only decides what the patterns see.
"""
### END SOLUTION
from __future__ import annotations

import base64
import binascii
import codecs
import re
import unicodedata
from dataclasses import dataclass

### BEGIN STARTER
# # Cyrillic and Greek letters that render like Latin ones (apply after case folding).
### END STARTER
### BEGIN SOLUTION
# Cyrillic and Greek letters that render like Latin ones (after NFKC and case folding).
### END SOLUTION
LOOK_ALIKES = str.maketrans({
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ɡ": "g", "һ": "h",
    "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x",
})
LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t"})
MIXED_WORD = re.compile(r"\b(?=\w*[^\W\d_])(?=\w*\d)\w+\b")      # letters and digits in one word
### BEGIN STARTER
# SPACED_LETTERS = re.compile(r"(?<!\w)(?:[^\W\d_][ .\-_*·,]){2,}[^\W\d_](?!\w)")  # "i g n o r e", "i.g.n.o.r.e"
### END STARTER
### BEGIN SOLUTION
SPACED_LETTERS = re.compile(r"(?<!\w)(?:[^\W\d_][ .\-_*·,]){2,}[^\W\d_](?!\w)")
### END SOLUTION
INNER_SEPARATOR = re.compile(r"(?<=[^\W\d_])[-_.*·'](?=[^\W\d_])")
BASE64_RUN = re.compile(r"[A-Za-z0-9+/]{16,}={0,2}")
TAG_BLOCK = range(0xE0020, 0xE007F)  # invisible "tag" copies of printable ASCII


def reveal_tags(text: str) -> str:
    """Turn invisible tag characters back into the ASCII they encode (they are removed otherwise)."""
    return "".join(chr(ord(c) - 0xE0000) if ord(c) in TAG_BLOCK else c for c in text)


def without_format_characters(text: str) -> str:
    """Drop zero-width spaces and joiners, soft hyphens, bidi controls, BOMs (Unicode category Cf)."""
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def normalise(text: str) -> str:
    ### BEGIN STARTER
    # """The form the rules see. TODO step 1, in this order:
    #
    # 1. `reveal_tags`, then `unicodedata.normalize("NFKC", ...)` (fullwidth and other compatibility forms);
    # 2. `without_format_characters` (zero-width and other Cf characters);
    # 3. `.casefold()`, then `.translate(LOOK_ALIKES)` (fold first, so a capital Cyrillic letter is mapped too);
    # 4. join letters that are spaced or dotted apart: replace each SPACED_LETTERS match by its letters only;
    # 5. tidy blanks: runs of spaces and tabs become one space, keep newlines, strip the ends.
    # """
    # raise NotImplementedError("step 1: normalise")
    ### END STARTER
    ### BEGIN SOLUTION
    """The form the rules see: tags revealed, NFKC, no Cf characters, case-folded, look-alikes mapped,
    spaced-out letters joined, blanks tidied (newlines kept)."""
    text = unicodedata.normalize("NFKC", reveal_tags(text))
    text = without_format_characters(text).casefold().translate(LOOK_ALIKES)  # fold first: А -> а -> a
    text = SPACED_LETTERS.sub(lambda m: re.sub(r"[ .\-_*·,]", "", m.group()), text)
    text = re.sub(r"[^\S\n]+", " ", text)
    return re.sub(r" ?\n[\s]*", "\n", text).strip()
    ### END SOLUTION


def deleet(folded: str) -> str:
    """Digits inside words read as letters; in text that is mostly leetspeak, short numbers too."""
    if len(MIXED_WORD.findall(folded)) >= 3:
        return re.sub(r"\b\d{1,2}\b|" + MIXED_WORD.pattern, lambda m: m.group().translate(LEET), folded)
    return MIXED_WORD.sub(lambda m: m.group().translate(LEET), folded)


def decoded_payloads(text: str) -> list[str]:
    """Readable text hidden as base64 (any long run that decodes to text), or as ROT13 when named."""
    found = []
    for run in BASE64_RUN.findall(text):
        try:
            ### BEGIN STARTER
            # decoded = base64.b64decode(run + "=" * (-len(run) % 4), validate=True).decode("utf-8")
            ### END STARTER
            ### BEGIN SOLUTION
            raw = base64.b64decode(run + "=" * (-len(run) % 4), validate=True)
            decoded = raw.decode("utf-8")
            ### END SOLUTION
        except (binascii.Error, ValueError):
            continue
        if " " in decoded and sum(c.isprintable() for c in decoded) >= 0.95 * len(decoded):
            found.append(decoded)
    if re.search(r"\brot[- ]?13\b", text, re.IGNORECASE):
        found.append(codecs.decode(text, "rot13"))
    return found


@dataclass(frozen=True)
class Views:
    folded: str
    joined: str
    deleeted: str
    payloads: tuple[str, ...]

    def texts(self) -> tuple[str, ...]:
        """Every distinct form a rule should be tried on."""
        return tuple(dict.fromkeys((self.folded, self.joined, self.deleeted, *self.payloads)))


def views(text: str) -> Views:
    folded = normalise(text)
    payloads = tuple(normalise(p) for p in decoded_payloads(unicodedata.normalize("NFKC", text)))
    return Views(folded, INNER_SEPARATOR.sub("", folded), deleet(folded), payloads)
