"""A small labelled set: eight operations word problems with one numeric answer each, and a pool of worked
examples of the same four kinds (error budgets, capacity, retry timing, storage) for few-shot prompts."""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    id: str
    kind: str
    text: str
    expected: str


@dataclass(frozen=True)
class Example:
    id: str
    kind: str
    question: str
    working: str
    answer: str


PROBLEMS = [
    Problem("budget-1", "budget", "Our availability SLO is 99.9% over a rolling 30-day window. How many minutes "
            "of downtime does the error budget allow per window?", "43.2"),
    Problem("budget-2", "budget", "The checkout API promises 99.95% availability per month. Using the team's "
            "convention for a month, how many minutes of downtime may it have?", "21.6"),
    Problem("pods-1", "capacity", "Each pod serves at most 150 requests per second and we run pods at 60% of "
            "that. Peak traffic is 1,800 requests per second. How many pods do we need at peak?", "20"),
    Problem("pods-2", "capacity", "A worker processes 40 jobs per minute at full load; we plan for 75% "
            "utilisation and keep 2 spare workers for deploys. The queue peaks at 2,400 jobs per minute. How "
            "many workers do we run?", "82"),
    Problem("backoff-1", "retry", "A client retries a failed call 5 times with exponential backoff: it waits "
            "200 ms before the first retry and doubles the wait each time, with no jitter. What is the total "
            "time spent waiting, in ms?", "6200"),
    Problem("backoff-2", "retry", "Each attempt times out after 2 s. A call is tried 3 times in all, waiting "
            "500 ms before the second attempt and 1,000 ms before the third. What is the worst-case time from "
            "the first attempt to giving up, in ms?", "7500"),
    Problem("logs-1", "storage", "A service writes 2,000 log lines per second, 250 bytes each. How many GB "
            "(10^9 bytes) of logs does it write per day?", "43.2"),
    Problem("logs-2", "storage", "Each request stores a 120 KB trace (1 KB = 1,000 bytes), at 50 requests per "
            "second, and traces are kept for 7 days. How many GB (10^9 bytes) do the kept traces take?",
            "3628.8"),
]

# The pool's order is arbitrary: a few-shot prompt that takes the first k examples gets two storage ones.
EXAMPLES = [
    Example("ex-disk", "storage", "A metrics agent sends 500 samples per second of 16 bytes each. How many MB "
            "(10^6 bytes) is that per hour?", "500 * 16 = 8,000 bytes/s; 8,000 * 3,600 = 28,800,000 bytes.",
            "28.8"),
    Example("ex-backup", "storage", "A nightly backup is 80 GB and we keep 14 of them. How many TB (10^12 "
            "bytes) of backups do we hold?", "80 GB * 14 = 1,120 GB = 1.12 TB.", "1.12"),
    Example("ex-slo-week", "budget", "An SLO of 99.5% availability over a 7-day window allows how many minutes "
            "of downtime?", "7 days = 10,080 minutes; 0.5% of 10,080 = 50.4 minutes.", "50.4"),
    Example("ex-slo-month", "budget", "With a 99.99% monthly availability target, how many minutes of downtime "
            "are allowed in a month?", "A month here is 30 days = 43,200 minutes; 0.01% of 43,200 = 4.32 "
            "minutes.", "4.32"),
    Example("ex-slo-quarter", "budget", "A 99% quarterly uptime objective allows how many hours of downtime per "
            "quarter (90 days)?", "90 days = 2,160 hours; 1% of 2,160 = 21.6 hours.", "21.6"),
    Example("ex-threads", "capacity", "A thread handles 25 requests per second. At 80% target utilisation, how "
            "many threads serve 1,000 requests per second?", "Each thread at 80% handles 20 requests/s; "
            "1,000 / 20 = 50 threads.", "50"),
    Example("ex-consumers", "capacity", "A queue consumer handles 300 jobs per minute at full load. We run "
            "consumers at 2/3 of that and keep 1 standby. How many consumers do we run for 4,000 jobs per minute?",
            "At 2/3 of full load a consumer handles 200 jobs/min; 4,000 / 200 = 20; plus 1 standby = 21.", "21"),
    Example("ex-nodes", "capacity", "A node holds 64 GB of cache and we fill nodes to 75%. How many nodes hold a "
            "1,440 GB working set?", "75% of 64 = 48 GB per node; 1,440 / 48 = 30 nodes.", "30"),
    Example("ex-retry-linear", "retry", "A job retries 4 times, waiting 3 s before each retry. How many seconds "
            "does it spend waiting?", "4 waits of 3 s = 12 s.", "12"),
    Example("ex-retry-exp", "retry", "Backoff starts at 1 s and doubles: the job retries 3 times. Total wait in "
            "seconds?", "Waits of 1, 2 and 4 s: 7 s.", "7"),
    Example("ex-retry-timeout", "retry", "Each attempt times out after 5 s and there are 2 attempts with a 1 s "
            "pause between them. Worst-case seconds until failure?", "Two timeouts of 5 s plus one 1 s pause: "
            "11 s.", "11"),
    Example("ex-egress", "storage", "A CDN serves 2 TB (10^12 bytes) a day. How many GB (10^9 bytes) is that "
            "per hour?", "2,000 GB / 24 = 83.33 GB per hour.", "83.33"),
]

NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?|-?\.\d+")


def canonical(answer: str | None) -> str | None:
    """The answer's first number, written one way ("6,200 ms" and "6200.0" -> "6200"); text without a number
    is lower-cased and trimmed; None stays None. Two answers vote together when their canonical forms match."""
    if answer is None:
        return None
    found = NUMBER.search(answer)
    if found is None:
        return answer.strip().lower() or None
    return format(float(found.group().replace(",", "")), "g")


def is_correct(answer: str | None, expected: str) -> bool:
    return answer is not None and canonical(answer) == canonical(expected)
