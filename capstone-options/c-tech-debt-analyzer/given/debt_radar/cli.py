"""`python -m debt_radar report SRC OUT.md` (and `snapshot`, which refreshes the latest-versions snapshot)."""
from __future__ import annotations

import argparse
import datetime
import json
import logging
import re
import subprocess
import sys
from pathlib import Path

import agentkit

log = logging.getLogger("debt_radar")


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(prog="python -m debt_radar", description=__doc__)
    commands = cli.add_subparsers(dest="command", required=True)
    report = commands.add_parser("report", help="analyse SRC and write the Markdown report to OUT")
    report.add_argument("src", type=Path, help="the folder of Python code to analyse")
    report.add_argument("out", type=Path, help="where to write the report (.md)")
    report.add_argument("--requirements", type=Path, help="a requirements file whose pins to check")
    report.add_argument("--snapshot", type=Path, help="latest versions (default: the shipped, dated snapshot)")
    report.add_argument("--provider", help="anthropic or openai (default: COURSE_PROVIDER, then the key you have)")
    report.add_argument("--model", help="the model (default: the course's default for the provider)")
    snapshot = commands.add_parser("snapshot", help="ask the package index for the latest version of each pin")
    snapshot.add_argument("requirements", type=Path)
    snapshot.add_argument("out", type=Path)
    return cli


def main(argv: list[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if arguments.command == "snapshot":
        return refresh_snapshot(arguments.requirements, arguments.out)
    from debt_radar.report import build_report
    from debt_radar.settings import Settings

    if not arguments.src.is_dir():
        print(f"error: {arguments.src} is not a folder", file=sys.stderr)
        return 2
    if arguments.requirements and not arguments.requirements.is_file():
        print(f"error: no requirements file {arguments.requirements}", file=sys.stderr)
        return 2
    try:
        client = agentkit.Client(arguments.provider, arguments.model)
        text = build_report(client, arguments.src, arguments.out, Settings.from_env(),
                            requirements=arguments.requirements, snapshot=arguments.snapshot)
    except NotImplementedError as missing:
        print(f"not built yet: {missing} (see the TODOs in debt_radar/ and the brief)", file=sys.stderr)
        return 3
    except ValueError as bad:
        print(f"error: {bad}", file=sys.stderr)
        return 2
    print(f"wrote {arguments.out} ({len(text.splitlines())} lines)")
    return 0


def refresh_snapshot(requirements: Path, out: Path) -> int:
    """Needs the network: one `pip index versions NAME` per pinned name (a few look-ups, not a crawl)."""
    from debt_radar.dependencies import read_requirements

    latest = {}
    for name, _, _ in read_requirements(requirements.read_text(encoding="utf-8")):
        answer = subprocess.run([sys.executable, "-m", "pip", "index", "versions", name],
                                capture_output=True, text=True, timeout=60)
        found = re.match(r"\S+ \(([^)]+)\)", answer.stdout)
        if found:
            latest[name] = found.group(1)
        else:
            log.warning("no version found for %s: %s", name, answer.stderr.strip()[:200])
    today = datetime.date.today().isoformat()
    out.write_text(json.dumps({"taken": today, "source": "PyPI, read with `pip index versions NAME`",
                               "latest": dict(sorted(latest.items()))}, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}: {len(latest)} versions, taken {today}")
    return 0
