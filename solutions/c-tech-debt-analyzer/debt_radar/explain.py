"""The model's part: explain the top findings and propose fixes, citing lines it was shown (checked), within a
money budget."""
from __future__ import annotations

import logging
import re

import agentkit
from debt_radar import prompts
from debt_radar.index import CodeIndex
from debt_radar.models import Advice, Explained, Finding, Span
from debt_radar.settings import Settings

log = logging.getLogger("debt_radar")
CITATION = re.compile(r"^\s*`?(?P<path>[^\s:`]+):(?P<start>\d+)(?:-(?P<end>\d+))?`?\s*$")


def context_spans(finding: Finding, index: CodeIndex, settings: Settings) -> list[Span]:
    """What the model is shown for a finding: its own span, its copies (a duplicate's), then up to
    `settings.related_chunks` chunks the index finds for its symbol (none overlapping the finding)."""
    spans = [finding.span, *finding.related]
    if finding.symbol and finding.kind != "outdated-dependency":
        query = finding.symbol.rsplit(".", 1)[-1]
        spans += [s for s in index.search(query, settings.related_chunks, exclude=finding.span) if s not in spans]
    return spans


def user_message(finding: Finding, spans: list[Span], texts: dict[str, str]) -> str:
    blocks = [prompts.numbered(s.path, s.start, texts[s.path].splitlines()[s.start - 1:s.end]) for s in spans]
    return (f"Finding: {finding.kind} in {finding.symbol or finding.span.path} at {finding.span}: {finding.detail}\n\n"
            + "\n\n".join(blocks))


def checked_citations(citations: list[str], shown: list[Span]) -> list[Span]:
    """The citations that name a path shown and lie wholly inside one span shown, as Spans, once each, in order.
    `path:line` is `path:line-line`; anything else is dropped."""
    ### BEGIN SOLUTION
    kept: list[Span] = []
    for text in citations:
        found = CITATION.match(text)
        if not found:
            continue
        start = int(found["start"])
        span = Span(found["path"], start, int(found["end"] or start))
        inside = any(s.path == span.path and s.start <= span.start <= span.end <= s.end for s in shown)
        if inside and span not in kept:
            kept.append(span)
    return kept
    ### END SOLUTION


def explain(client: agentkit.Client, findings: list[Finding], texts: dict[str, str], settings: Settings = Settings(),
            index: CodeIndex | None = None) -> list[Explained]:
    """One Explained per finding of `findings[:settings.explain_top]`, in order. For each: no call if the run
    has spent `settings.max_cost_usd` or more (status over-budget); else one `client.structured(..., Advice)`
    call (max_tokens=settings.max_reply_tokens) shown `context_spans` as numbered code; an LLMError gives
    status model-error (the run goes on); otherwise the citations are checked against what was shown:
    explained if at least one holds, else ungrounded. `texts` = {path: text} of every file a span can name."""
    ### BEGIN SOLUTION
    client.require_price()  # a budget on spend needs a price for the model
    index = index or CodeIndex({p: t for p, t in texts.items() if p.endswith(".py")})
    start = client.total_cost_usd or 0.0
    results = []
    for finding in findings[:settings.explain_top]:
        spent = (client.total_cost_usd or 0.0) - start
        if spent >= settings.max_cost_usd:
            results.append(Explained(finding, "over-budget",
                                     note=f"over budget: spent ${spent:.4f} of ${settings.max_cost_usd:.4f}"))
            continue
        shown = context_spans(finding, index, settings)
        try:
            advice = client.structured(user_message(finding, shown, texts), Advice, system=prompts.SYSTEM,
                                       max_tokens=settings.max_reply_tokens, retries=0)
        except agentkit.LLMError as error:
            log.warning("no explanation for %s: %s", finding.span, error)
            results.append(Explained(finding, "model-error", note=f"the model call failed: {str(error)[:200]}"))
            continue
        cited = checked_citations(advice.citations, shown)
        status = "explained" if cited else "ungrounded"
        note = "" if cited else "none of the model's citations lies in the code it was shown"
        results.append(Explained(finding, status, advice.explanation.strip(), advice.fix.strip(), cited, note))
    return results
    ### END SOLUTION
