"""A unit's starter/ is generated from its reference solution: one source, two editions.

Markers in the solution's files (comment lines, so the solution runs as it is):

    ### BEGIN SOLUTION / ### END SOLUTION
        Solution-only lines. The starter gets the STARTER block written directly above the region instead (an
        empty block: nothing). With no block there, a region that ends a function body becomes a
        `raise NotImplementedError` stub with a TODO, and any other region simply disappears.
    ### BEGIN STARTER / ### END STARTER
        Starter-only lines (TODOs, hints, a stub), each written as a comment (`# ` after the block's
        indentation, a bare `#` for an empty line). The generator uncomments them.
    ### SOLUTION FILE            (a file's first line) the file is left out of the starter.
    ### STARTER FILE: PATH       (a file's first line) the file's starter edition is written at PATH instead,
                                 in place of a solution file of that path (for files that cannot hold markers).
    A file only the starter needs is a STARTER block alone (in the solution it is all comments).

Given code (handed to the student whole) lives once, in the unit's `given/` folder, which both editions' package
reaches through a two-line `__init__.py` shim (agentkit.given). A file that must sit in the submitted folder itself
(a deployable folder's vercel.json) gets a starter edition of its own, so no starter file is a copy. The whole solution
folder is generated except `hidden_tests/`, notebooks and caches. A unit whose solution has no marker keeps a committed starter, and so
do the units in COMMITTED_STARTERS; the generator leaves both kinds alone.

Writing never overwrites a student's work: `starter/.generated.json` holds the hash of each file as it was
generated, and a file whose content no longer matches it (or that was there before, with other content) is
kept and reported. `--force` overwrites anyway; `--check` reports drift and writes nothing.
"""
from __future__ import annotations

import argparse
import ast
import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from autograder.units import Unit, all_units, find_unit

# Solutions that carry markers for another purpose while their starters are still committed by hand (none now:
# a lab's notebook builder drops STARTER blocks, see autograder.nbbuild). Take a name out once it is generated.
COMMITTED_STARTERS: set[str] = set()
MANIFEST = ".generated.json"
NOT_GENERATED = ("hidden_tests", "__pycache__", ".ipynb_checkpoints")  # folders never copied to a starter
MARKER = re.compile(r"^(?P<indent>[ \t]*)### (?P<name>BEGIN SOLUTION|END SOLUTION|BEGIN STARTER|END STARTER"
                    r"|SOLUTION FILE|STARTER FILE)(?::\s*(?P<arg>\S+))?[ \t]*$")
COMMENTED = (".py", ".toml", ".yaml", ".yml", ".sh", ".cfg", ".txt", "Procfile", "Dockerfile")


class StarterError(Exception):
    """The markers in a solution file are malformed, or the starter they make does not compile."""


def _marker(line: str) -> re.Match | None:
    return MARKER.match(line.rstrip("\n"))


def render(text: str, where: str = "<text>") -> str:
    """The starter edition of one solution file's text (markers removed, regions replaced)."""
    lines = text.splitlines(keepends=True)
    functions = _function_spans(text)
    out: list[str] = []
    n = 0
    starter_block_ended_at = -1  # index of the last `### END STARTER` line seen
    while n < len(lines):
        found = _marker(lines[n])
        if found is None:
            out.append(lines[n])
            n += 1
            continue
        name, indent = found["name"], found["indent"]
        if name in ("SOLUTION FILE", "STARTER FILE"):
            if n != 0:
                raise StarterError(f"{where}:{n + 1}: `### {name}` must be the file's first line")
            n += 1
        elif name == "BEGIN STARTER":
            end = _closing(lines, n, "END STARTER", where)
            for k in range(n + 1, end):
                out.append(_uncomment(lines[k], indent, f"{where}:{k + 1}"))
            starter_block_ended_at, n = end, end + 1
        elif name == "BEGIN SOLUTION":
            end = _closing(lines, n, "END SOLUTION", where)
            if starter_block_ended_at != n - 1:
                out.extend(_default_stub(functions, n + 1, end + 1, indent))
            n = end + 1
        else:
            raise StarterError(f"{where}:{n + 1}: `### {name}` without its BEGIN")
    return "".join(out)


def _closing(lines: list[str], start: int, name: str, where: str) -> int:
    for k in range(start + 1, len(lines)):
        if (found := _marker(lines[k])) is not None:
            if found["name"] == name:
                return k
            raise StarterError(f"{where}:{k + 1}: `### {found['name']}` inside a region opened on line {start + 1}")
    raise StarterError(f"{where}:{start + 1}: no `### {name}` closes this region")


def _uncomment(line: str, indent: str, where: str) -> str:
    body = line.rstrip("\n")
    if body == f"{indent}#" or body.strip() == "#":
        return "\n"
    if not body.startswith(f"{indent}# "):
        raise StarterError(f"{where}: a STARTER line must start with the block's indentation and `# `")
    return indent + body[len(indent) + 2:] + "\n"


def _function_spans(text: str) -> list[tuple[int, int, str]]:
    """(first line, last line, qualified name) of every function; none if the text is not Python."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return []  # not Python: a region without a STARTER block just disappears
    return list(_functions(tree, ""))


def _functions(tree: ast.AST, prefix: str):
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            name = f"{prefix}{node.name}"
            if not isinstance(node, ast.ClassDef):
                yield node.lineno, node.end_lineno, name
            yield from _functions(node, name + ".")


def _default_stub(functions: list[tuple[int, int, str]], first: int, last: int, indent: str) -> list[str]:
    """`raise NotImplementedError` for a region (marker lines first..last, from 1) that ends a function body;
    nothing for any other region."""
    inside = [f for f in functions if f[0] < first <= f[1]]
    if not inside:
        return []
    start, end, name = max(inside)  # the innermost function holding the region
    if end > last:
        return []
    return [f"{indent}# TODO: write {name}: its docstring and the unit's README say what it must do.\n",
            f'{indent}raise NotImplementedError("{name}")\n']


def has_markers(text: str) -> bool:
    return any(_marker(line) for line in text.splitlines())


def _source_files(unit: Unit) -> list[Path]:
    notebooks = {n.name for n in unit.notebooks}
    return sorted(p for p in unit.solution.rglob("*") if p.is_file()
                  and not set(p.relative_to(unit.solution).parts[:-1]) & set(NOT_GENERATED)
                  and p.suffix not in (".pyc", ".ipynb") and p.name not in notebooks)


def is_generated(unit: Unit) -> bool:
    """True if the unit's starter is made from its solution (it has markers and is not kept by hand)."""
    if unit.name in COMMITTED_STARTERS or not unit.solution.is_dir():
        return False
    return any(_is_text(p) and has_markers(p.read_text(encoding="utf-8")) for p in _source_files(unit))


def _is_text(path: Path) -> bool:
    return path.suffix in COMMENTED or path.name in COMMENTED


def generate(unit: Unit) -> dict[str, bytes]:
    """The starter the solution makes: {path relative to starter/: content}."""
    files: dict[str, bytes] = {}
    replacing: dict[str, bytes] = {}  # STARTER FILE editions win over a solution file of the same path
    for path in _source_files(unit):
        relative = path.relative_to(unit.solution).as_posix()
        if not _is_text(path):
            files[relative] = path.read_bytes()
            continue
        text = path.read_text(encoding="utf-8")
        first = _marker(text.split("\n", 1)[0])
        if first and first["name"] == "SOLUTION FILE":
            continue
        made = files
        if first and first["name"] == "STARTER FILE":
            if not first["arg"]:
                raise StarterError(f"{path}:1: `### STARTER FILE: PATH` needs the path")
            relative, made = first["arg"], replacing
        if relative in made:
            raise StarterError(f"{path}: two solution files make the starter's {relative}")
        starter = render(text, str(path))
        if path.suffix == ".py":
            try:
                compile(starter, f"starter/{relative}", "exec", dont_inherit=True)
            except SyntaxError as error:
                raise StarterError(f"{path}: its starter edition does not compile: {error}") from None
        made[relative] = starter.encode("utf-8")
    return {**files, **replacing}


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Outcome:
    written: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)     # edited by hand: left alone
    removed: list[str] = field(default_factory=list)  # generated before, no longer made, unedited


def write(unit: Unit, force: bool = False) -> Outcome:
    """Bring unit.starter up to date with the solution, leaving hand-edited files alone unless `force`."""
    files, outcome = generate(unit), Outcome()
    manifest_path = unit.starter / MANIFEST
    old = json.loads(manifest_path.read_text()) if manifest_path.is_file() else {}
    new: dict[str, str] = {}
    for relative, data in files.items():
        target = unit.starter / relative
        current = target.read_bytes() if target.is_file() else None
        if current != data and (current is None or force or old.get(relative) == _digest(current)):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            outcome.written.append(relative)
            current = data
        if current == data:
            new[relative] = _digest(data)
        else:
            outcome.kept.append(relative)
            if relative in old:
                new[relative] = old[relative]
    for relative, digest in old.items():
        target = unit.starter / relative
        if relative not in files and target.is_file():
            if force or _digest(target.read_bytes()) == digest:
                target.unlink()
                outcome.removed.append(relative)
            else:
                outcome.kept.append(relative)
    unit.starter.mkdir(parents=True, exist_ok=True)
    manifest_path.write_text(json.dumps(new, indent=1, sort_keys=True) + "\n")
    return outcome


def drift(unit: Unit) -> list[str]:
    """How unit.starter differs from what the solution makes (empty: no drift)."""
    files = generate(unit)
    found = []
    for relative, data in files.items():
        target = unit.starter / relative
        if not target.is_file():
            found.append(f"missing: {relative}")
        elif target.read_bytes() != data:
            found.append(f"differs: {relative}")
    if unit.starter.is_dir():
        for path in sorted(unit.starter.rglob("*")):
            relative = path.relative_to(unit.starter).as_posix()
            if path.is_file() and relative != MANIFEST and relative not in files \
                    and not set(path.relative_to(unit.starter).parts) & set(NOT_GENERATED) and path.suffix != ".pyc":
                found.append(f"not generated: {relative}")
    return found


def main(names: list[str], check: bool = False, force: bool = False) -> int:
    try:
        units = [find_unit(n) for n in names] if names else all_units()
        return _run(units, bool(names), check, force)
    except (LookupError, StarterError) as error:
        print(f"course starters: {error}", file=sys.stderr)
        return 2


def _run(units: list[Unit], named: bool, check: bool, force: bool) -> int:
    status = 0
    for unit in units:
        if not is_generated(unit):
            if named:
                print(f"{unit.name}: its starter is committed, not generated (see COMMITTED_STARTERS and the markers)")
            continue
        if check:
            problems = drift(unit)
            status |= bool(problems)
            print(f"{unit.name}: " + ("matches its solution" if not problems else
                                      "DRIFT\n" + "\n".join(f"    {p}" for p in problems)))
            continue
        outcome = write(unit, force=force)
        if outcome.written or outcome.removed:
            print(f"{unit.name}: wrote {len(outcome.written)} file(s), removed {len(outcome.removed)}")
        elif named and not outcome.kept:
            print(f"{unit.name}: up to date")
        if outcome.kept:
            print(f"{unit.name}: kept your edits in {', '.join(outcome.kept)} (delete a file to get it "
                  f"regenerated, or run `course starters --force {unit.name}`)")
    if check and status:
        print("\nA starter differs from what its solution makes: edit the solution's markers, not the starter, "
              "then run `course starters --force UNIT`.")
    return status


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("units", nargs="*", metavar="UNIT", help="unit names (default: every generated unit)")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--check", action="store_true", help="report drift from the solutions and write nothing")
    which.add_argument("--force", action="store_true", help="overwrite hand-edited starter files too")


if __name__ == "__main__":
    cli = argparse.ArgumentParser(prog="python -m autograder.starters")
    add_arguments(cli)
    arguments = cli.parse_args()
    sys.exit(main(arguments.units, check=arguments.check, force=arguments.force))
