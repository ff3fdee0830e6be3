"""Rewrites that are safe on prose, and only on prose: the caller masks code, URLs and quotes first.

Each rule removes tokens that carry no instruction: filler phrases, runs of spaces, extra blank lines, and
sentences the prompt already said. None of them removes a negation, a number or a name.
"""
from __future__ import annotations

import re

# (phrase, replacement). A phrase matches case-insensitively as whole words, across any whitespace.
### BEGIN STARTER
# FILLERS: list[tuple[str, str]] = [
#     ("it is important to note that", ""),
#     ("it is worth noting that", ""),
#     ("it should be noted that", ""),
#     ("it goes without saying that", ""),
#     ("please note that", ""),
#     ("please be aware that", ""),
#     ("needless to say", ""),
#     ("as a matter of fact", ""),
#     ("as previously mentioned", ""),
#     ("as mentioned above", ""),
#     ("i would like you to", ""),
#     ("i want you to", ""),
#     ("could you please", ""),
#     ("can you please", ""),
#     ("basically", ""),
#     ("actually", ""),
#     ("kindly", ""),
#     ("in order to", "to"),
#     ("due to the fact that", "because"),
#     ("in spite of the fact that", "although"),
#     ("for the purpose of", "for"),
#     ("in the event that", "if"),
#     ("at this point in time", "now"),
#     ("in the near future", "soon"),
#     ("a large number of", "many"),
#     ("has the ability to", "can"),
#     ("is able to", "can"),
#     ("are able to", "can"),
#     ("prior to", "before"),
#     ("with regard to", "about"),
# ]
### END STARTER
### BEGIN SOLUTION
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
    ("i would like you to", ""),     # only at the start of a sentence: "what I want you to do" must stay
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
### END SOLUTION

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

### BEGIN STARTER
# SENTENCE_SPLIT = re.compile(r"(?<=[.!?] )(?=\S)")   # splits "One. Two." into "One. " and "Two."
### END STARTER
### BEGIN SOLUTION
SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|\n[ \t]*(?:[-*+>]\s+|\d+[.)]\s+)?)$")
SENTENCE_SPLIT = re.compile(r"(?<=[.!?] )(?=\S)")
LIST_MARKER = re.compile(r"^\s*(?:[-*+>]\s+|\d+[.)]\s+)")
_BOILERPLATE = re.compile(r"(?:" + "|".join(BOILERPLATE) + r")", re.IGNORECASE)


def _filler_pattern(phrase: str) -> re.Pattern:
    words = r"\s+".join(map(re.escape, phrase.split()))
    # comma/lead/trail: what surrounds the phrase; next: the character after it (capitalised at a sentence start)
    return re.compile(rf"(?P<comma>,?)(?P<lead>[ \t]*)(?<![-\w])(?P<phrase>{words})(?![-\w]),?(?P<trail>[ \t]*)"
                      r"(?P<next>[^\s.,;:!?)\]}]?)", re.IGNORECASE)


SENTENCE_START_ONLY = {"i would like you to", "i want you to"}
_FILLERS = [(_filler_pattern(phrase), replacement, phrase in SENTENCE_START_ONLY) for phrase, replacement in FILLERS]


def _replace(found: re.Match, replacement: str, start_only: bool) -> str:
    before = found.string[:found.start("lead")]
    at_line_start = not before or before.endswith("\n")
    at_sentence_start = SENTENCE_START.search(before[-40:] + found["lead"]) is not None
    if start_only and not at_sentence_start:
        return found.group()
    capital = at_sentence_start and found["phrase"][0].isupper()
    comma, lead, trail, after = found["comma"], found["lead"], found["trail"], found["next"]
    if replacement:
        word = replacement[0].upper() + replacement[1:] if capital else replacement
        return comma + lead + word + trail + after
    if capital:
        after = after[:1].upper()
    if after:                      # a word (or code) follows: keep one gap between it and what came before
        return comma + (lead if at_line_start else " " if lead else "") + after
    return lead if at_line_start else ""   # punctuation or the line's end follows: no gap, no comma before it
### END SOLUTION


def remove_fillers(text: str) -> str:
    ### BEGIN STARTER
    # """Every FILLERS phrase removed (or replaced by its shorter form), matched as whole words, ignoring case
    # and across any whitespace between its words: "In order to  ship" -> "To ship". Keep one space between the
    # words around a removed phrase, none before punctuation, and a capital at the start of a sentence that
    # began with one ("Please note that the job fails." -> "The job fails."). Repeat until nothing changes."""
    # # TODO step 2: a regex per phrase (re.IGNORECASE, \s+ between the words, no word or hyphen either side)
    # raise NotImplementedError("step 2: remove_fillers")
    ### END STARTER
    ### BEGIN SOLUTION
    """Drop or shorten filler phrases; a sentence that started with one starts with a capital again."""
    previous = None
    while text != previous:  # removing one phrase can bring another to the start of the sentence
        previous = text
        for pattern, replacement, start_only in _FILLERS:
            text = pattern.sub(lambda found, r=replacement, s=start_only: _replace(found, r, s), text)
    return text
    ### END SOLUTION


def tidy_whitespace(text: str) -> str:
    ### BEGIN STARTER
    # """Runs of spaces and tabs inside a line become one space; trailing spaces go; at most one blank line in a
    # row; no blank lines at the start or end. Keep each line's leading indentation: in prose it is structure."""
    # # TODO step 3
    # raise NotImplementedError("step 3: tidy_whitespace")
    ### END STARTER
    ### BEGIN SOLUTION
    """Runs of spaces and tabs inside a line become one space; trailing spaces go; at most one blank line in a
    row. A line's leading indentation stays: in prose it is structure (nested lists, unfenced snippets)."""
    lines = []
    for line in text.split("\n"):
        indent = line[:len(line) - len(line.lstrip(" \t"))]
        lines.append(indent + re.sub(r"[ \t]+", " ", line[len(indent):]).rstrip())
    tidy = "\n".join(lines)
    tidy = re.sub(r"\n{3,}", "\n\n", tidy)
    return tidy.strip("\n")
    ### END SOLUTION
### BEGIN SOLUTION


def _key(sentence: str) -> str:
    """What makes two sentences the same: the words, ignoring case, spacing, list markers and end punctuation."""
    sentence = LIST_MARKER.sub("", sentence)
    return re.sub(r"\s+", " ", sentence).strip().rstrip(".!?;:").lower()
### END SOLUTION


def drop_duplicates(text: str, *, min_words: int = MIN_DUPLICATE_WORDS) -> str:
    ### BEGIN STARTER
    # """Keep the first copy of every sentence of at least `min_words` words and drop later copies; two sentences
    # are the same if they differ only in case, spacing, a leading list marker ("- ", "2. ") or the final
    # punctuation. A line whose sentences were all said before goes (no blank line left in its place)."""
    # # TODO step 4: split each line with SENTENCE_SPLIT; remember a normalised key per sentence.
    # raise NotImplementedError("step 4: drop_duplicates")
    ### END STARTER
    ### BEGIN SOLUTION
    """Keep the first copy of every sentence (and so of every line) of at least `min_words` words."""
    seen: set[str] = set()
    kept_lines = []
    for line in text.split("\n"):
        indent = line[:len(line) - len(line.lstrip(" \t"))]
        sentences = SENTENCE_SPLIT.split(line[len(indent):])
        kept = []
        for sentence in sentences:
            key = _key(sentence)
            if len(key.split()) >= min_words:
                if key in seen:
                    continue
                seen.add(key)
            kept.append(sentence)
        if line.strip() and not kept:
            continue  # every sentence of this line was said before: drop the whole line
        kept_lines.append(indent + "".join(kept).rstrip())
    return "\n".join(kept_lines)
    ### END SOLUTION


def strip_boilerplate(text: str) -> str:
    ### BEGIN STARTER
    # """Drop sentences that are only a greeting, thanks or sign-off (whole-sentence BOILERPLATE matches,
    # ignoring case); a line left empty goes."""
    # # TODO step 4
    # raise NotImplementedError("step 4: strip_boilerplate")
    ### END STARTER
    ### BEGIN SOLUTION
    """Drop sentences that are only a greeting, thanks or sign-off."""
    kept_lines = []
    for line in text.split("\n"):
        indent = line[:len(line) - len(line.lstrip(" \t"))]
        sentences = [s for s in re.split(r"(?<=[.!?,] )(?=\S)", line[len(indent):])
                     if not _BOILERPLATE.fullmatch(s.strip())]
        if line.strip() and not sentences:
            continue
        kept_lines.append(indent + "".join(sentences).rstrip())
    return "\n".join(kept_lines)
    ### END SOLUTION
