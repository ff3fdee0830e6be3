"""How the capstone D tests read a trace and judge a report.

A trace holds what the driver returned (the submission's own word) and what the grader recorded outside the
submission's process: each request sent (`sent`) and what answered it (`served`). The corpus is read by the
grader itself. A report is judged against both: every citation must name a passage of the corpus that was sent
to an analyst, and every number on a line that cites must be in the passages that line cites.

Calls are told apart by their system prompt: it contains exactly one of the role words "supervisor", "analyst",
"critic", "writer" (anything else is "unknown").
"""
from __future__ import annotations

import re
from pathlib import Path

ROLE_WORD = re.compile(r"\b(supervisor|analyst|critic|writer)s?\b")
CITATION = re.compile(r"\[([a-z0-9][a-z0-9-]*#\d+)\]")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
CORPUS_DIR = Path(__file__).resolve().parent / "corpus"


def documents(folder: Path = CORPUS_DIR) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt")) if not p.name.startswith("_")}


def passages(docs: dict[str, str]) -> dict[str, str]:
    """{"doc-id#n": paragraph text} by the brief's rule: first line the title, paragraphs split on blank lines."""
    found = {}
    for doc_id, text in docs.items():
        body = text.strip().partition("\n")[2]
        for n, paragraph in enumerate((p for p in body.split("\n\n") if p.strip()), start=1):
            found[f"{doc_id}#{n}"] = " ".join(paragraph.split())
    return found


def numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in NUMBER.findall(CITATION.sub(" ", text))}


def role_of(request: dict) -> str:
    roles = set(ROLE_WORD.findall((request.get("system") or "").lower()))
    return roles.pop() if len(roles) == 1 else "unknown"


def kinds(trace: dict) -> list[str]:
    return [role_of(request) for request in trace["sent"]]


def calls_made(trace: dict) -> str:
    return "calls the grader saw: " + (", ".join(kinds(trace)) or "none")


def requests(trace: dict, role: str) -> list[dict]:
    return [request for request in trace["sent"] if role_of(request) == role]


def prompt_text(request: dict) -> str:
    parts = [request.get("system") or "", *(text for _, text in request["messages"]), *request["tool_results"]]
    return " ".join(" ".join(parts).split()).lower()


def carries(request: dict, text: str) -> bool:
    return " ".join(text.split()).lower() in prompt_text(request)


def passages_sent(request: dict, corpus: dict[str, str]) -> set[str]:
    """The corpus passages whose text a request carried."""
    text = prompt_text(request)
    return {pid for pid, passage in corpus.items() if passage.lower() in text}


def spent(trace: dict) -> float:
    return sum(served.get("cost_usd") or 0.0 for served in trace["served"])


def citation_problems(markdown: str, corpus: dict[str, str], shown: set[str]) -> list[str]:
    """Each line of the report that cites a passage that does not exist, one no analyst was sent, or that has a
    number none of its cited passages has."""
    problems = []
    for line in markdown.splitlines():
        cited = CITATION.findall(line)
        if not cited:
            continue
        missing = [c for c in cited if c not in corpus]
        unseen = [c for c in cited if c in corpus and c not in shown]
        extra = numbers(line) - set().union(*(numbers(corpus[c]) for c in cited if c in corpus))
        if missing or unseen or extra:
            problems.append(f"{line.strip()!r}: " + "; ".join(filter(None, [
                missing and f"no such passage {missing}", unseen and f"not sent to any analyst {unseen}",
                extra and f"numbers not in the cited passages {sorted(extra)}"])))
    return problems


def lines_citing(markdown: str, passage_id: str) -> list[str]:
    return [line for line in markdown.splitlines() if f"[{passage_id}]" in line]


def section(markdown: str, title: str) -> str:
    """The text under `## title` up to the next `## ` heading ("" if there is no such section)."""
    match = re.search(rf"^## {re.escape(title)}[ \t]*$(.*?)(?=^## |\Z)", markdown, re.S | re.M | re.I)
    return match.group(1) if match else ""


REPORT_TYPES = {"markdown": str, "status": str, "stop_reason": (str, type(None)), "calls": int,
                "cost_usd": (int, float)}


def report_of(trace: dict) -> dict:
    """What `ask` returned, once it is known to be a Report whose fields have the brief's types."""
    assert trace["ok"], f"ask() did not return a Report: {trace['error']}"
    report = trace["result"]
    wrong = [f"Report.{name} is {report[name]!r}" for name, kind in REPORT_TYPES.items()
             if not isinstance(report[name], kind) or isinstance(report[name], bool)]
    assert not wrong, "fields of the wrong type (see the brief): " + "; ".join(wrong)
    assert (report["stop_reason"] is None) == (report["status"] == "complete"), \
        f"status {report['status']!r} with stop_reason {report['stop_reason']!r}"
    return report
