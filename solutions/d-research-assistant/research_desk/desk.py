"""The research desk: a supervisor decomposes the question, the searcher retrieves passages for each part, an
analyst extracts cited claims, a critic flags contradictions, a writer summarises; code checks every claim and
assembles the Markdown report. Every model call goes through one `Ledger`, checked before the call.

Calls, in order (the brief's contract; the grader tells them apart by their system prompts' role words):
  supervisor  client.structured(question, Decomposition): one repair when it does not validate, then the
              question itself as the only sub-question
  analyst     one per sub-question that found passages: the sub-question and its passages under `[id]` headers
  critic      once, when the accepted claims come from two documents or more
  writer      once: the question, the accepted claims with their citations, the contradictions
"""
from __future__ import annotations

import logging
from typing import Any, TypeVar

from agentkit import LLMError, Reply, StructuredOutputError

from research_desk import prompts
from research_desk.checking import check_claim, check_contradiction, check_summary_line
from research_desk.corpus import Corpus, Passage, default_corpus
from research_desk.evidence import CITATION
from research_desk.models import Budget, Claim, Contradiction, Critique, Decomposition, Findings, Report
from research_desk.search import Searcher

T = TypeVar("T")
log = logging.getLogger("research_desk")
MAX_QUESTION_CHARS = 2000


class BudgetStop(Exception):
    """Raised instead of making a call the budget does not allow; `reason` is "max_steps" or "max_cost"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class Ledger:
    """What one run has spent: model calls started, and dollars. Checked before every call."""

    def __init__(self, client, budget: Budget):
        self.client = client
        self.budget = budget
        self.calls = 0
        self.cost_usd = 0.0
        client.require_price(purpose="the run's max_cost_usd budget")  # an unpriced model is not free

    def stop_reason(self) -> str | None:
        """"max_steps" or "max_cost" once that budget is used up, else None."""
        ### BEGIN STARTER
        # # TODO 3: compare self.calls and self.cost_usd with the budget.
        # raise NotImplementedError("TODO 3: Ledger.stop_reason")
        ### END STARTER
        ### BEGIN SOLUTION
        if self.calls >= self.budget.max_steps:
            return "max_steps"
        if self.cost_usd >= self.budget.max_cost_usd:
            return "max_cost"
        return None
        ### END SOLUTION

    def chat(self, messages, **options: Any) -> Reply:
        """One call, or BudgetStop before it if the budget is used up. A call that raises still used a step."""
        ### BEGIN STARTER
        # # TODO 3: check, count, call self.client.chat, add reply.cost_usd.
        # raise NotImplementedError("TODO 3: Ledger.chat")
        ### END STARTER
        ### BEGIN SOLUTION
        if stop := self.stop_reason():
            raise BudgetStop(stop)
        self.calls += 1
        reply = self.client.chat(messages, **options)
        self.cost_usd += reply.cost_usd or 0.0
        return reply
        ### END SOLUTION

    def structured(self, messages, schema: type[T], *, retries: int = 0, **options: Any) -> T:
        """client.structured within the budget: its repairs (up to `retries`, fewer if the steps left are fewer)
        are calls too, read back from `client.calls` and `client.total_cost_usd`."""
        ### BEGIN STARTER
        # # TODO 3: like chat, but client.structured may make 1 + retries calls (each repair is a call).
        # raise NotImplementedError("TODO 3: Ledger.structured")
        ### END STARTER
        ### BEGIN SOLUTION
        if stop := self.stop_reason():
            raise BudgetStop(stop)
        retries = max(0, min(retries, self.budget.max_steps - self.calls - 1))
        calls_before, cost_before = len(self.client.calls), self.client.total_cost_usd or 0.0
        failed = 0
        try:
            return self.client.structured(messages, schema, retries=retries, **options)
        except StructuredOutputError:
            raise
        except LLMError:
            failed = 1  # the request that raised never reached client.calls
            raise
        finally:
            self.calls += len(self.client.calls) - calls_before + failed
            self.cost_usd += (self.client.total_cost_usd or 0.0) - cost_before
        ### END SOLUTION


class Desk:
    """`Desk(client, Budget(...), corpus).ask(question) -> Report`. The corpus defaults to the course's."""

    max_tokens = 1024

    def __init__(self, client, budget: Budget = Budget(), corpus: Corpus | None = None, *, k: int = 5):
        self.client = client
        self.budget = budget
        self.corpus = corpus if corpus is not None else default_corpus()
        self.searcher = Searcher(self.corpus)
        self.k = k

    def ask(self, question: str) -> Report:
        ### BEGIN STARTER
        # # TODO 6: validate the question (ValueError, before any call); then one Ledger for the run:
        # # decompose, for each sub-question search + analyse (keep the claims that pass check_claim),
        # # criticise (when the claims come from two documents or more), write; on BudgetStop or LLMError stop
        # # making calls and still return a Report (partial, with its stop_reason) built from what you have.
        # raise NotImplementedError("TODO 6: Desk.ask")
        ### END STARTER
        ### BEGIN SOLUTION
        if not isinstance(question, str) or not question.strip():
            raise ValueError("the question is empty")
        if len(question) > MAX_QUESTION_CHARS:
            raise ValueError(f"the question has {len(question)} characters; at most {MAX_QUESTION_CHARS}")
        question = " ".join(question.split())
        ledger = Ledger(self.client, self.budget)
        notes: list[str] = []
        sub_questions: list[str] = []
        findings: dict[str, list[Claim]] = {}
        accepted: dict[str, Passage] = {}
        contradictions: list[Contradiction] = []
        summary: list[str] | None = None
        stop: str | None = None
        try:
            sub_questions = self.decompose(question, ledger, notes)
            for sub_question in sub_questions:
                findings[sub_question] = []
                shown = {p.id: p for p in self.searcher.search(sub_question, self.k)}
                if not shown:
                    notes.append(f"no passage matches {sub_question!r}")
                    continue
                for claim in self.analyse(sub_question, list(shown.values()), ledger, notes):
                    if reason := check_claim(claim, shown):
                        notes.append(f"claim dropped ({reason}): {claim.text} [{claim.passage_id}]")
                        continue
                    claim = Claim(text=one_line(CITATION.sub("", claim.text)),
                                  passage_id=claim.passage_id.strip().strip("[]"), quote=claim.quote)
                    findings[sub_question].append(claim)
                    accepted[claim.passage_id] = shown[claim.passage_id]
            claims = [c for found in findings.values() for c in found]
            if len({p.doc_id for p in accepted.values()}) >= 2:
                contradictions = self.criticise(claims, accepted, ledger, notes)
            if claims:
                summary = self.write(question, claims, contradictions, accepted, ledger, notes)
        except BudgetStop as budget_stop:
            stop = budget_stop.reason
            notes.append(f"stopped: {stop} after {ledger.calls} calls, ${ledger.cost_usd:.4f}")
        except LLMError as error:
            stop = "llm_error"
            notes.append(f"stopped: a model call failed: {type(error).__name__}: {error}")
        log.info("run done: %s", "; ".join(notes) or "nothing dropped")
        claims = [c for found in findings.values() for c in found]
        status = "complete" if stop is None else "partial"
        markdown = render(question, findings, contradictions, summary, accepted, status, stop, ledger)
        return Report(question, sub_questions, claims, contradictions, markdown, status, stop,
                      ledger.calls, ledger.cost_usd, notes)
        ### END SOLUTION

    def decompose(self, question: str, ledger: Ledger, notes: list[str]) -> list[str]:
        """1 to 5 sub-questions; after a reply that does not validate, one repair; then [question]."""
        ### BEGIN SOLUTION
        try:
            plan = ledger.structured(question, Decomposition, retries=1, system=prompts.SUPERVISOR,
                                     max_tokens=self.max_tokens)
        except StructuredOutputError as error:
            notes.append(f"decomposition did not validate, so the question is the only sub-question: {error}")
            return [question]
        sub_questions = [one_line(q) for q in plan.sub_questions if q.strip()]
        return sub_questions or [question]
        ### END SOLUTION

    def analyse(self, sub_question: str, passages: list[Passage], ledger: Ledger, notes: list[str]) -> list[Claim]:
        ### BEGIN SOLUTION
        listing = "\n\n".join(f"[{p.id}] ({p.title})\n{p.text}" for p in passages)
        message = f"Sub-question: {sub_question}\n\nPassages:\n\n{listing}"
        try:
            return ledger.structured(message, Findings, system=prompts.ANALYST, max_tokens=self.max_tokens).claims
        except StructuredOutputError as error:
            notes.append(f"the analyst's reply for {sub_question!r} did not validate: {error}")
            return []
        ### END SOLUTION

    def criticise(self, claims: list[Claim], accepted: dict[str, Passage], ledger: Ledger,
                  notes: list[str]) -> list[Contradiction]:
        ### BEGIN SOLUTION
        listing = "\n".join(f"- [{c.passage_id}] {c.text} (quote: \"{c.quote}\")" for c in claims)
        try:
            critique = ledger.structured(f"Claims:\n{listing}", Critique, system=prompts.CRITIC,
                                         max_tokens=self.max_tokens)
        except StructuredOutputError as error:
            notes.append(f"the critic's reply did not validate: {error}")
            return []
        kept = []
        for item in critique.contradictions:
            if reason := check_contradiction(item, accepted):
                notes.append(f"contradiction dropped ({reason}): {item.passage_a} vs {item.passage_b}")
                continue
            kept.append(Contradiction(passage_a=item.passage_a.strip("[] "), passage_b=item.passage_b.strip("[] "),
                                      explanation=one_line(CITATION.sub("", item.explanation))))
        return kept
        ### END SOLUTION

    def write(self, question: str, claims: list[Claim], contradictions: list[Contradiction],
              accepted: dict[str, Passage], ledger: Ledger, notes: list[str]) -> list[str]:
        """The writer's summary, line by line, keeping only the lines that pass check_summary_line."""
        ### BEGIN SOLUTION
        parts = [f"Research question: {question}",
                 "Claims:\n" + "\n".join(f"- {c.text} [{c.passage_id}]" for c in claims)]
        if contradictions:
            parts.append("Contradictions between sources:\n" + "\n".join(
                f"- [{c.passage_a}] vs [{c.passage_b}]: {c.explanation}" for c in contradictions))
        reply = ledger.chat("\n\n".join(parts), system=prompts.WRITER, max_tokens=self.max_tokens)
        kept = []
        for line in reply.text.splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if reason := check_summary_line(line, accepted):
                notes.append(f"summary line dropped ({reason}): {line}")
            else:
                kept.append(line)
        return kept
        ### END SOLUTION


def one_line(text: str) -> str:
    return " ".join(text.split())


def render(question: str, findings: dict[str, list[Claim]], contradictions: list[Contradiction],
           summary: list[str] | None, accepted: dict[str, Passage], status: str, stop: str | None,
           ledger: Ledger) -> str:
    """The report: title, run line, Summary, Findings (per sub-question), Contradictions, Sources."""
    ### BEGIN SOLUTION
    run = f"Status: {status}" + (f" (stopped: {stop})" if stop else "") + \
        f"; {ledger.calls} model calls; ${ledger.cost_usd:.4f}"
    lines = [f"# Research report: {question}", "", run, "", "## Summary", ""]
    if summary:
        lines += [f"{line}\n" for line in summary]
    else:
        lines += ["_No summary: " + (f"the run stopped early ({stop})._" if stop else "no supported claims._"), ""]
    lines += ["## Findings", ""]
    for sub_question, claims in findings.items():
        lines += [f"### {sub_question}", ""]
        lines += [f"- {c.text} [{c.passage_id}]" for c in claims] or ["- _No supported claims._"]
        lines.append("")
    lines += ["## Contradictions", ""]
    lines += [f"- [{c.passage_a}] vs [{c.passage_b}]: {c.explanation}" for c in contradictions] or ["_None found._"]
    lines += ["", "## Sources", ""]
    lines += [f"- {pid}: {p.title}" for pid, p in sorted(accepted.items())] or ["_None._"]
    return "\n".join(lines) + "\n"
    ### END SOLUTION
