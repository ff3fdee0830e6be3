"""d4-cited-answers: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
CITATIONS = "citations.py"
ANSWERING = "answering.py"

BROKEN = {
    "outside retrieved lines: only the start checked against the chunk": (CITATIONS, [(
        "    if not any(chunk.start <= citation.start and citation.end <= chunk.end for chunk in sent):",
        "    if not any(chunk.start <= citation.start <= chunk.end for chunk in sent):")]),
    "bad range: an end past the file's last line accepted": (CITATIONS, [(
        "    if not 1 <= citation.start <= citation.end <= len(file_lines):",
        "    if not 1 <= citation.start <= citation.end:")]),
    "not retrieved: a cited file never sent is not flagged": (CITATIONS, [(
        '''    if not sent:
        return "not retrieved"
''', '''    if not sent:
        sent = [chunk for chunk in chunks]
''')]),
    "quote not found: the quote never checked": (CITATIONS, [(
        "    if citation.quote is not None and squeeze(citation.quote) not in squeeze(cited):",
        "    if False:")]),
    "uncited claim: a line without a citation passes": (CITATIONS, [(
        "        if not citations:\n            problems.append(Problem(\"uncited claim\", line))\n", "")]),
    "no evidence: min_score compared with `>`": (ANSWERING, [(
        "    kept = [chunk for chunk in chunks if chunk.score >= min_score]",
        "    kept = [chunk for chunk in chunks if chunk.score > min_score]")]),
    "repair: the repaired answer is returned without a second check": (ANSWERING, [(
        "    problems = check_citations(second, kept, corpus)\n    if problems:",
        "    problems = []\n    if problems:")]),
}

CORRECT = {
    "check: the reasons as a table of (reason, failing test) tried in order": (CITATIONS, [(
        '''    if citation.path not in corpus:
        return "unknown file"
    sent = [chunk for chunk in chunks if chunk.path == citation.path]
    if not sent:
        return "not retrieved"
    file_lines = corpus[citation.path].splitlines()
    if not 1 <= citation.start <= citation.end <= len(file_lines):
        return "bad range"
    if not any(chunk.start <= citation.start and citation.end <= chunk.end for chunk in sent):
        return "outside retrieved lines"
    cited = "\\n".join(file_lines[citation.start - 1:citation.end])
    if citation.quote is not None and squeeze(citation.quote) not in squeeze(cited):
        return "quote not found"
    return None
''', '''    source = corpus.get(citation.path)
    sent = [(chunk.start, chunk.end) for chunk in chunks if chunk.path == citation.path]
    wanted = set(range(citation.start, citation.end + 1))
    def file_lines():
        return source.splitlines()
    checks = [
        ("unknown file", lambda: source is None),
        ("not retrieved", lambda: not sent),
        ("bad range", lambda: citation.start < 1 or citation.end < citation.start
                              or citation.end > len(file_lines())),
        ("outside retrieved lines", lambda: all(not wanted <= set(range(a, b + 1)) for a, b in sent)),
        ("quote not found", lambda: citation.quote is not None and " ".join(citation.quote.split()) not in
            " ".join(" ".join(file_lines()[citation.start - 1:citation.end]).split())),
    ]
    return next((reason for reason, failed in checks if failed()), None)
''')]),
}
