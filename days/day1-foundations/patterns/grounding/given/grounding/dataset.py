"""A small labelled set: questions about one (fictional) runbook, some it answers and some it does not.

The runbook is invented, so no model can know it from training: an answer given without the document is a guess.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

SOURCE = """Ledgerline runbook, version 3.2.
Service: ledgerline-api, owned by the Payments Platform team.
The on-call rotation changes every Tuesday at 10:00 UTC.
The primary database is Postgres 16 in eu-west-1, with a read replica in eu-central-1.
Deploys are frozen from 20 December to 3 January.
A failed settlement batch is retried 4 times, 15 minutes apart; after that, on-call is paged.
The p99 latency objective for POST /payments is 450 ms.
Secrets rotate every 30 days through Vault.
A severity 1 incident needs a status page update within 20 minutes."""


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    expected: str | None  # None: the runbook does not say, so the right reply is "I don't know"


QUESTIONS = [
    Question("rotation", "On which day of the week does the on-call rotation change?", "Tuesday"),
    Question("retries", "How often is a failed settlement batch retried before on-call is paged?", "4 times"),
    Question("latency", "What is the p99 latency objective for POST /payments?", "450 ms"),
    Question("replica", "In which region is the read replica of the primary database?", "eu-central-1"),
    Question("status", "How soon must a severity 1 incident update the status page?", "20 minutes"),
    Question("fraud", "Which team owns the fraud-scoring service?", None),
    Question("limit", "What is the largest payment amount POST /payments accepts?", None),
    Question("vault", "Which version of Vault does Ledgerline run?", None),
]


def normalise(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def is_correct(answer: str, expected: str) -> bool:
    """The expected answer's words appear, in order, in the answer ("4 times" is in "4 times, 15 minutes apart")."""
    return f" {normalise(expected)} " in f" {normalise(answer)} "
