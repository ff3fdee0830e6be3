"""The pipeline end to end: read the sources, scan, rank, explain the top findings, write the Markdown."""
from __future__ import annotations

import ast
import datetime
import logging
from collections import Counter
from pathlib import Path

import agentkit
from debt_radar.explain import explain
from debt_radar.models import Explained, Finding
from debt_radar.scoring import scan
from debt_radar.settings import Settings, load_snapshot

log = logging.getLogger("debt_radar")
SKIP_FOLDERS = {"__pycache__", ".git", ".venv", "venv", "node_modules"}


def read_sources(src: Path, settings: Settings = Settings()) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """({path: text} of every `.py` file under `src` that can be read and parsed, paths relative to `src` with
    `/`, in sorted order; [(path, reason)] of the ones skipped: larger than settings.max_file_bytes, not UTF-8,
    or not parsing). Folders whose name starts with `.` and SKIP_FOLDERS are not entered. Raises ValueError when
    `src` is not a folder or holds no file that parses."""
    ### BEGIN SOLUTION
    src = Path(src)
    if not src.is_dir():
        raise ValueError(f"{src} is not a folder")
    files: dict[str, str] = {}
    skipped: list[tuple[str, str]] = []
    for path in sorted(src.rglob("*.py")):
        parts = path.relative_to(src).parts
        if any(part.startswith(".") or part in SKIP_FOLDERS for part in parts[:-1]) or not path.is_file():
            continue
        relative = "/".join(parts)
        if path.stat().st_size > settings.max_file_bytes:
            skipped.append((relative, f"larger than {settings.max_file_bytes} bytes"))
            continue
        try:
            text = path.read_text(encoding="utf-8")
            ast.parse(text)
        except UnicodeDecodeError:
            skipped.append((relative, "not UTF-8"))
            continue
        except SyntaxError as error:
            skipped.append((relative, f"does not parse (line {error.lineno})"))
            continue
        files[relative] = text
    if not files:
        raise ValueError(f"{src} holds no Python file that parses")
    return files, skipped
    ### END SOLUTION


def cell(text) -> str:
    return str(text).replace("|", "\\|").replace("`", "'").replace("\n", " ")


def render(title: str, findings: list[Finding], explained: list[Explained], skipped: list[tuple[str, str]],
           facts: list[str]) -> str:
    """The report: `## Ranked findings` (one table row per finding, in rank order: rank, priority with two
    decimals, kind, `path:start-end` in backticks, symbol, detail), `## Top findings explained` (per explained
    rank a `### N. kind: `path:start-end`` heading, then the explanation, the fix and a `Sources:` line of checked
    citations in backticks, or why it is not explained), and `## Skipped files`."""
    ### BEGIN SOLUTION
    out = [f"# Technical debt report: {title}", "", *facts, ""]
    counts = Counter(f.kind for f in findings)
    out += ["Findings by kind: " + (", ".join(f"{kind} {n}" for kind, n in sorted(counts.items())) or "none"), ""]
    out += ["## Ranked findings", "", "| rank | priority | kind | where | symbol | detail |",
            "|---:|---:|---|---|---|---|"]
    for rank, f in enumerate(findings, start=1):
        out.append(f"| {rank} | {f.priority:.2f} | {f.kind} | `{f.span}` | {cell(f.symbol)} | {cell(f.detail)} |")
    out += ["", "## Top findings explained", ""]
    for rank, item in enumerate(explained, start=1):
        out += [f"### {rank}. {item.finding.kind}: `{item.finding.span}`", ""]
        if item.status == "explained":
            out += [item.explanation, "", f"**Fix.** {item.fix}", "",
                    "**Sources:** " + ", ".join(f"`{span}`" for span in item.citations), ""]
        else:
            out += [f"_Not explained: {item.note}._", ""]
    out += ["## Skipped files", ""]
    out += [f"- {cell(path)}: {reason}" for path, reason in skipped] or ["None."]
    return "\n".join(out) + "\n"
    ### END SOLUTION


def build_report(client: agentkit.Client, src: Path, out: Path, settings: Settings = Settings(),
                 requirements: Path | None = None, snapshot: Path | None = None) -> str:
    """Read, scan (the pins too when `requirements` is given), explain the top findings, render, write `out`
    (UTF-8) and return the text."""
    ### BEGIN SOLUTION
    files, skipped = read_sources(Path(src), settings)
    texts, pins, latest, facts = dict(files), None, None, []
    if requirements is not None:
        data = load_snapshot(snapshot)
        name = Path(requirements).name
        texts[name] = Path(requirements).read_text(encoding="utf-8")
        pins, latest = (name, texts[name]), data["latest"]
        facts.append(f"Dependencies in `{name}` compared with a snapshot of the latest versions taken "
                     f"{data['taken']} ({data.get('source', 'source not given')}).")
    findings = scan(files, settings, pins, latest)
    log.info("%d files, %d findings; explaining the top %d", len(files), len(findings), settings.explain_top)
    explained = explain(client, findings, texts, settings)
    spent = sum(r.cost_usd or 0.0 for r in client.calls)
    facts[:0] = [f"Analysed {len(files)} Python files under `{Path(src).name}` on "
                 f"{datetime.date.today().isoformat()}; {len(skipped)} skipped.",
                 "Priority = impact x likelihood of change (likelihood = 1 + the number of calls to the function).",
                 f"Model: {client.model}; {len(client.calls)} calls, ${spent:.4f} of a "
                 f"${settings.max_cost_usd:.2f} budget."]
    text = render(Path(src).name, findings, explained, skipped, facts)
    Path(out).write_text(text, encoding="utf-8")
    return text
    ### END SOLUTION
