"""The checks that keep the report honest: a claim must cite a passage the analyst was shown and say what it
says; a contradiction must be between two accepted claims' passages; a summary line must cite accepted passages
and add no numbers of its own. Each check returns why it fails, or None."""
from __future__ import annotations

from research_desk.corpus import Passage
from research_desk.evidence import citations, numbers, squeeze
from research_desk.models import Claim, Contradiction


def check_claim(claim: Claim, shown: dict[str, Passage]) -> str | None:
    """`shown`: the passages sent to the analyst that made the claim, by id. Reasons, first that applies:
    "not shown" (the id is not one of them), "quote not found" (the quote, squeezed, is not in the passage,
    squeezed; an empty quote is not found), "number not in passage" (a number of the claim's text that the
    passage does not have)."""
    ### BEGIN STARTER
    # # TODO 2
    # raise NotImplementedError("TODO 2: check_claim")
    ### END STARTER
    ### BEGIN SOLUTION
    passage = shown.get(claim.passage_id.strip().strip("[]"))
    if passage is None:
        return "not shown"
    if not squeeze(claim.quote) or squeeze(claim.quote) not in squeeze(passage.text):
        return "quote not found"
    if not numbers(claim.text) <= numbers(passage.text):
        return "number not in passage"
    return None
    ### END SOLUTION


def check_contradiction(item: Contradiction, accepted: dict[str, Passage]) -> str | None:
    """`accepted`: the passages of accepted claims, by id. Reasons: "unknown passage" (either id is not one of
    them), "same document" (both from one document), "number not in passages" (the explanation has a number
    neither passage has)."""
    ### BEGIN STARTER
    # # TODO 4
    # raise NotImplementedError("TODO 4: check_contradiction")
    ### END STARTER
    ### BEGIN SOLUTION
    a, b = accepted.get(item.passage_a.strip("[] ")), accepted.get(item.passage_b.strip("[] "))
    if a is None or b is None:
        return "unknown passage"
    if a.doc_id == b.doc_id:
        return "same document"
    if not numbers(item.explanation) <= numbers(a.text) | numbers(b.text):
        return "number not in passages"
    return None
    ### END SOLUTION


def check_summary_line(line: str, accepted: dict[str, Passage]) -> str | None:
    """One line of the writer's summary. Reasons: "uncited" (no citation), "cites a passage with no accepted
    claim" (any citation not in `accepted`), "number not in cited passages"."""
    ### BEGIN STARTER
    # # TODO 5
    # raise NotImplementedError("TODO 5: check_summary_line")
    ### END STARTER
    ### BEGIN SOLUTION
    cited = citations(line)
    if not cited:
        return "uncited"
    if any(c not in accepted for c in cited):
        return "cites a passage with no accepted claim"
    if not numbers(line) <= set().union(*(numbers(accepted[c].text) for c in cited)):
        return "number not in cited passages"
    return None
    ### END SOLUTION
