"""A word tokenizer for lexical counting: Unicode-aware, and punctuation, case, possessives and hyphens hide
no word.

Steps: NFKC normalisation (full-width letters, ligatures and decomposed accents become ordinary
characters), casefold (a caseless comparison that also folds German sharp s and the like), typographic
apostrophes to ASCII; then a word is a run of letters or digits, possibly joined by apostrophes inside it
("o'brien"); a trailing possessive or contraction ('s 'd 'll 're 've 'm) is removed, so "women's" counts
as "women" and "he's" as "he". Hyphens, slashes and underscores separate words: "chair-man" is "chair" and
"man", "he/she" is "he" and "she".
"""
from __future__ import annotations

import re
import unicodedata

APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\uff07": "'"})
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
CLITICS = ("'s", "'d", "'ll", "'re", "'ve", "'m")


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().translate(APOSTROPHES)


def strip_clitic(word: str) -> str:
    for clitic in CLITICS:
        if word.endswith(clitic) and len(word) > len(clitic):
            return word[: -len(clitic)]
    return word


def tokenize(text: str) -> list[str]:
    return [strip_clitic(word) for word in WORD.findall(normalise(text))]
