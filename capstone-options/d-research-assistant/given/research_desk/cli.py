"""`python -m research_desk ask "QUESTION" --out report.md`: the command line, given whole.

Live with a key in the environment (ANTHROPIC_API_KEY or OPENAI_API_KEY), or offline with `--replay SCENARIO`
(a recorded or authored scenario answers every model call: the demo that works without a network)."""
from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from pathlib import Path

from agentkit import Client, LLMError, replay

from research_desk.corpus import CORPUS_DIR, Corpus
from research_desk.desk import Desk
from research_desk.models import Budget

log = logging.getLogger("research_desk")


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(prog="python -m research_desk", description=__doc__.splitlines()[0])
    commands = cli.add_subparsers(dest="command", required=True)
    ask = commands.add_parser("ask", help="research a question and write a Markdown report")
    ask.add_argument("question")
    ask.add_argument("--out", type=Path, required=True, help="where to write the report (Markdown)")
    ask.add_argument("--corpus", type=Path, default=CORPUS_DIR, help="folder of *.txt documents")
    ask.add_argument("--provider", default=None, help="anthropic or openai (default: COURSE_PROVIDER or the key)")
    ask.add_argument("--model", default=None)
    ask.add_argument("--max-steps", type=int, default=Budget.max_steps)
    ask.add_argument("--max-cost", type=float, default=Budget.max_cost_usd, help="US dollars")
    ask.add_argument("--replay", type=Path, default=None, help="answer model calls from this scenario file")
    ask.add_argument("-v", "--verbose", action="store_true")
    return cli


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        corpus = Corpus.from_folder(args.corpus)
        with replay.scenario(args.replay) if args.replay else contextlib.nullcontext():
            client = Client(args.provider, args.model, max_retries=0)
            desk = Desk(client, Budget(args.max_steps, args.max_cost), corpus)
            report = desk.ask(args.question)
    except NotImplementedError as missing:
        print(f"research_desk: not built yet: {missing} (see the TODOs and the brief)", file=sys.stderr)
        return 2
    except (ValueError, FileNotFoundError, LLMError) as error:
        print(f"research_desk: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    args.out.write_text(report.markdown, encoding="utf-8")
    print(f"{report.status}" + (f" ({report.stop_reason})" if report.stop_reason else "")
          + f": {len(report.claims)} claims, {len(report.contradictions)} contradictions, {report.calls} calls, "
            f"${report.cost_usd:.4f}; report written to {args.out}")
    return 0
