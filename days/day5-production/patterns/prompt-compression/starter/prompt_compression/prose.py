"""Rewrites that are safe on prose, and only on prose: the caller masks code, URLs and quotes first.

Each rule removes tokens that carry no instruction: filler phrases, runs of spaces, extra blank lines, and
sentences the prompt already said. None of them removes a negation, a number or a name.
"""
from __future__ import annotations

import re

# (phrase, replacement). A phrase matches case-insensitively as whole words, across any whitespace.
FILLERS: list[tuple[str, str]] = [
    ("it is important to note that", ""),
    ("it is worth noting that", ""),
    ("it should be noted that", ""),
    ("it goes without saying that", ""),
    ("please note that", ""),
    ("please be aware that", ""),
    ("needless to say", ""),
    ("as a matter of fact", ""),
    ("as previously mentioned", ""),
    ("as mentioned above", ""),
    ("i would like you to", ""),
    ("i want you to", ""),
    ("could you please", ""),
    ("can you please", ""),
    ("basically", ""),
    ("actually", ""),
    ("kindly", ""),
    ("in order to", "to"),
    ("due to the fact that", "because"),
    ("in spite of the fact that", "although"),
    ("for the purpose of", "for"),
    ("in the event that", "if"),
    ("at this point in time", "now"),
    ("in the near future", "soon"),
    ("a large number of", "many"),
    ("has the ability to", "can"),
    ("is able to", "can"),
    ("are able to", "can"),
    ("prior to", "before"),
    ("with regard to", "about"),
]

# Whole sentences that say nothing to the model (only with strip_boilerplate=True).
BOILERPLATE = [
    r"(?:hi|hello|hey|dear)(?: there| team| all| assistant)?[,.!]*",
    r"(?:thanks|thank you)(?: so much| very much| a lot)?(?: in advance)?(?: for your help)?[.!]*",
    r"i hope (?:this|that) (?:helps|makes sense)[.!]*",
    r"(?:please )?let me know if you (?:have|need) any (?:other |more |further )?(?:questions|help)[.!]*",
    r"(?:best|kind) regards[,.!]*",
    r"cheers[,.!]*",
]
MIN_DUPLICATE_WORDS = 4  # shorter repeats ("Output: positive.") are often few-shot structure, not redundancy

SENTENCE_SPLIT = re.compile(r"(?<=[.!?] )(?=\S)")   # splits "One. Two." into "One. " and "Two."


def remove_fillers(text: str) -> str:
    """Every FILLERS phrase removed (or replaced by its shorter form), matched as whole words, ignoring case
    and across any whitespace between its words: "In order to  ship" -> "To ship". Keep one space between the
    words around a removed phrase, none before punctuation, and a capital at the start of a sentence that
    began with one ("Please note that the job fails." -> "The job fails."). Repeat until nothing changes."""
    # TODO step 2: a regex per phrase (re.IGNORECASE, \s+ between the words, no word or hyphen either side)
    raise NotImplementedError("step 2: remove_fillers")


def tidy_whitespace(text: str) -> str:
    """Runs of spaces and tabs inside a line become one space; trailing spaces go; at most one blank line in a
    row; no blank lines at the start or end. Keep each line's leading indentation: in prose it is structure."""
    # TODO step 3
    raise NotImplementedError("step 3: tidy_whitespace")


def drop_duplicates(text: str, *, min_words: int = MIN_DUPLICATE_WORDS) -> str:
    """Keep the first copy of every sentence of at least `min_words` words and drop later copies; two sentences
    are the same if they differ only in case, spacing, a leading list marker ("- ", "2. ") or the final
    punctuation. A line whose sentences were all said before goes (no blank line left in its place)."""
    # TODO step 4: split each line with SENTENCE_SPLIT; remember a normalised key per sentence.
    raise NotImplementedError("step 4: drop_duplicates")


def strip_boilerplate(text: str) -> str:
    """Drop sentences that are only a greeting, thanks or sign-off (whole-sentence BOILERPLATE matches,
    ignoring case); a line left empty goes."""
    # TODO step 4
    raise NotImplementedError("step 4: strip_boilerplate")
