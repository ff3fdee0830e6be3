"""`python -m doc_agent docs SRC OUT`: analyse SRC, document each module under a budget, check, write OUT.

Exit status: 0 every module was tried (problems, if any, are flagged in OUT/index.md); 3 the run stopped early
(budget or model error) and OUT holds a partial index; 2 bad input (nothing written); 1 a part is not built yet."""
from __future__ import annotations

import argparse
import logging
import sys
import traceback
from pathlib import Path

log = logging.getLogger("doc_agent")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m doc_agent", description=__doc__.splitlines()[0])
    commands = top.add_subparsers(dest="command", required=True)
    docs = commands.add_parser("docs", help="document the Python codebase in SRC into OUT")
    docs.add_argument("src", type=Path, help="the codebase's folder")
    docs.add_argument("out", type=Path, help="where to write the Markdown (created if missing)")
    docs.add_argument("--max-calls", type=int, help="model calls in this run (env DOC_AGENT_MAX_CALLS)")
    docs.add_argument("--max-tokens", type=int, help="tokens in this run (env DOC_AGENT_MAX_TOKENS)")
    docs.add_argument("--max-reply-tokens", type=int, help="reply cap per call (env DOC_AGENT_MAX_REPLY_TOKENS)")
    docs.add_argument("--provider", help="anthropic or openai (env COURSE_PROVIDER)")
    docs.add_argument("--model", help="the model id (env COURSE_MODEL); the course's default otherwise")
    docs.add_argument("-v", "--verbose", action="store_true", help="log every step")
    return top


def settings_from(args: argparse.Namespace):
    from doc_agent.settings import Settings
    base = Settings.from_env()
    given = {name: value for name in ("max_calls", "max_tokens", "max_reply_tokens")
             if (value := getattr(args, name)) is not None}
    for name, value in given.items():
        if value < 1:
            raise ValueError(f"--{name.replace('_', '-')} must be at least 1")
    return type(base)(**{**base.__dict__, **given})


def not_built(exc: NotImplementedError) -> str:
    frame = traceback.extract_tb(exc.__traceback__)[-1]
    return f"not built yet: {frame.name} in {Path(frame.filename).name} (line {frame.lineno}): {exc}"


def main(argv: list[str] | None = None, client=None) -> int:
    """Run the CLI; `client` (an agentkit.Client) replaces the one made from --provider and --model."""
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    from doc_agent import analyze, document, verify, write_docs
    from doc_agent.errors import InputError
    try:
        settings = settings_from(args)
        analysis = analyze(args.src)
    except (InputError, ValueError) as exc:
        print(f"doc_agent: {exc}", file=sys.stderr)
        return 2
    except NotImplementedError as exc:
        print(f"doc_agent: {not_built(exc)}", file=sys.stderr)
        return 1
    for path, why in analysis.skipped.items():
        print(f"doc_agent: skipped {path}: {why}", file=sys.stderr)
    try:
        if client is None:
            import agentkit
            client = agentkit.Client(args.provider, args.model)
        run = document(client, analysis, settings)
        problems = verify(analysis, run)
        write_docs(analysis, run, problems, args.out)
    except NotImplementedError as exc:
        print(f"doc_agent: {not_built(exc)}", file=sys.stderr)
        return 1
    print(f"doc_agent: {len(run.docs)} of {len(analysis.modules)} modules documented in {run.calls} calls "
          f"({run.tokens} tokens); {len(problems)} problems flagged; see {args.out / 'index.md'}")
    if run.stopped:
        print(f"doc_agent: stopped early ({run.stopped}); the index is partial", file=sys.stderr)
        return 3
    return 0
