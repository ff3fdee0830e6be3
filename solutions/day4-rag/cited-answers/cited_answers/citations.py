"""Citations: `[click/core.py:744-754]`, `[click/core.py:750]`, or with a quote the cited lines must contain,
`` [click/core.py:748-750 `return node.obj`] ``. Parsed out of the answer, then checked against the corpus."""
from __future__ import annotations

import re
from dataclasses import dataclass

from cited_answers.sources import Chunk

# One citation: [PATH:START-END] or [PATH:LINE], optionally with a quote in backticks after a space.
CITATION = re.compile(r"\[(?P<path>[^\s:\[\]`]+):(?P<start>\d+)(?:-(?P<end>\d+))?(?:\s+`(?P<quote>[^`]+)`)?\]")


@dataclass(frozen=True)
class Citation:
    path: str
    start: int
    end: int
    quote: str | None  # text the cited lines must contain, or None
    text: str          # the citation as written in the answer


@dataclass(frozen=True)
class Problem:
    reason: str  # one of REASONS
    where: str   # the citation as written, or the uncited line


REASONS = ("unknown file", "not retrieved", "bad range", "outside retrieved lines", "quote not found",
           "uncited claim")


def parse_citations(text: str) -> list[Citation]:
    """Every citation in `text`, in order. `[path:N]` is the one line N (start = end = N)."""
    ### BEGIN SOLUTION
    found = []
    for match in CITATION.finditer(text):
        start = int(match["start"])
        end = int(match["end"]) if match["end"] else start
        found.append(Citation(match["path"], start, end, match["quote"], match.group(0)))
    return found
    ### END SOLUTION


def squeeze(text: str) -> str:
    return " ".join(text.split())


def check_citations(text: str, chunks: list[Chunk], corpus: dict[str, str]) -> list[Problem]:
    """The problems of an answer, in the order they appear: each non-empty line must hold at least one citation
    (else `uncited claim`, where = the line, stripped), and each citation gets the first reason that applies:
    `unknown file` (not in the corpus), `not retrieved` (no chunk from that file was sent), `bad range` (start
    below 1, start after end, or end past the file's last line), `outside retrieved lines` (no one sent chunk of
    that file holds all of start..end), `quote not found` (the quote is not in lines start..end of the file,
    comparing with runs of whitespace squeezed to one space). An empty answer is one `uncited claim` of ""."""
    ### BEGIN SOLUTION
    problems = []
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return [Problem("uncited claim", "")]
    for line in lines:
        citations = parse_citations(line)
        if not citations:
            problems.append(Problem("uncited claim", line))
        for citation in citations:
            reason = citation_problem(citation, chunks, corpus)
            if reason:
                problems.append(Problem(reason, citation.text))
    return problems
    ### END SOLUTION


def citation_problem(citation: Citation, chunks: list[Chunk], corpus: dict[str, str]) -> str | None:
    ### BEGIN SOLUTION
    if citation.path not in corpus:
        return "unknown file"
    sent = [chunk for chunk in chunks if chunk.path == citation.path]
    if not sent:
        return "not retrieved"
    file_lines = corpus[citation.path].splitlines()
    if not 1 <= citation.start <= citation.end <= len(file_lines):
        return "bad range"
    if not any(chunk.start <= citation.start and citation.end <= chunk.end for chunk in sent):
        return "outside retrieved lines"
    cited = "\n".join(file_lines[citation.start - 1:citation.end])
    if citation.quote is not None and squeeze(citation.quote) not in squeeze(cited):
        return "quote not found"
    return None
    ### END SOLUTION
