### BEGIN STARTER
# """A word tokenizer for lexical counting: Unicode-aware, and punctuation, case, possessives and hyphens hide
# no word.
#
# Contract (step 1), `tokenize(text) -> list[str]`:
#
# 1. `normalise`: NFKC (full-width letters, ligatures and decomposed accents become ordinary characters),
#    casefold (not lower: "Straße" and "STRASSE" must compare equal), typographic apostrophes to "'" (given).
# 2. A word is a run of letters or digits, possibly joined by apostrophes inside it ("o'brien"): the regex
#    WORD below. Hyphens, slashes, underscores and all other punctuation separate words, so "chair-man" gives
#    "chair" and "man", "he/she" gives "he" and "she".
# 3. A trailing possessive or contraction in CLITICS is removed: "women's" -> "women", "he's" -> "he". A
#    trailing apostrophe alone ("boys'") is not part of the word anyway.
# """
### END STARTER
### BEGIN SOLUTION
"""A word tokenizer for lexical counting: Unicode-aware, and punctuation, case, possessives and hyphens hide
no word.

Steps: NFKC normalisation (full-width letters, ligatures and decomposed accents become ordinary
characters), casefold (a caseless comparison that also folds German sharp s and the like), typographic
apostrophes to ASCII; then a word is a run of letters or digits, possibly joined by apostrophes inside it
("o'brien"); a trailing possessive or contraction ('s 'd 'll 're 've 'm) is removed, so "women's" counts
as "women" and "he's" as "he". Hyphens, slashes and underscores separate words: "chair-man" is "chair" and
"man", "he/she" is "he" and "she".
"""
### END SOLUTION
from __future__ import annotations

import re
import unicodedata

APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\uff07": "'"})
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
CLITICS = ("'s", "'d", "'ll", "'re", "'ve", "'m")


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().translate(APOSTROPHES)


### BEGIN SOLUTION
def strip_clitic(word: str) -> str:
    for clitic in CLITICS:
        if word.endswith(clitic) and len(word) > len(clitic):
            return word[: -len(clitic)]
    return word


### END SOLUTION
def tokenize(text: str) -> list[str]:
    ### BEGIN STARTER
    # # TODO step 1. This is the handout's tokenizer: "Women," and "women's" are not "women", "WOMEN" only
    # # works by luck, "chair-man" is one word.
    # return text.lower().split()
    ### END STARTER
    ### BEGIN SOLUTION
    return [strip_clitic(word) for word in WORD.findall(normalise(text))]
    ### END SOLUTION
