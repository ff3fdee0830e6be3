"""Load the code under test: the reference solution, the student's working copy, a folder, or a notebook's globals."""
from __future__ import annotations

import importlib
import json
import os
import sys
import types
from pathlib import Path

from autograder.units import Unit


class SubmissionError(Exception):
    """The submission cannot be loaded at all (missing, malformed, crashes on import)."""


MAX_ENTRIES = 20_000  # files and folders looked at for links before a submission is refused as too large


def resolve(unit: Unit, choice: str | None) -> Path:
    """`solution`, `starter` (the default: the student's working copy), a folder, or a .ipynb file.
    A submitted path that is, or holds, a symbolic link leading out of it is refused: it could point at the
    reference solution or the hidden tests."""
    if choice in (None, "", "starter"):
        return unit.starter
    if choice == "solution":
        return unit.solution
    path = Path(choice).absolute()
    refuse_links_out(path)
    return path.resolve()


def refuse_links_out(path: Path) -> None:
    if path.is_symlink():
        raise SubmissionError(f"{path.name} is a symbolic link (to {os.readlink(path)}); submit the files themselves")
    if not path.is_dir():
        return
    root, seen = path.resolve(), 0
    for folder, names, files in os.walk(path):
        for name in names + files:
            seen += 1
            if seen > MAX_ENTRIES:
                raise SubmissionError(f"{path.name} holds more than {MAX_ENTRIES} files and folders")
            entry = Path(folder) / name
            if entry.is_symlink() and not entry.resolve().is_relative_to(root):
                raise SubmissionError(f"{entry.relative_to(path)} is a symbolic link out of the submission "
                                      f"(to {os.readlink(entry)}); submit the files themselves")


def forget(package: str) -> None:
    for name in [n for n in sys.modules if n == package or n.startswith(package + ".")]:
        del sys.modules[name]


def load(unit: Unit, target: Path) -> types.ModuleType:
    forget(unit.package)
    importlib.invalidate_caches()
    if target.suffix == ".ipynb":
        return load_notebook(unit.package, target)
    if (target / unit.package).exists() or (target / f"{unit.package}.py").exists():
        folder = target
    elif target.name == unit.package and (target / "__init__.py").exists():
        folder = target.parent
    else:
        raise SubmissionError(f"{target} holds no `{unit.package}` package or module")
    sys.path.insert(0, str(folder))
    try:
        return importlib.import_module(unit.package)
    except Exception as exc:
        raise SubmissionError(f"importing {unit.package} from {folder} failed: {type(exc).__name__}: {exc}") from exc
    finally:
        sys.path.remove(str(folder))


def notebook_code(path: Path) -> list[str]:
    """The source of every code cell that defines the submission: not test cells (nbgrader grade-only cells,
    cells tagged `tests`) and not walkthrough cells tagged `demo` (they call fixtures by relative path)."""
    try:
        cells = json.loads(path.read_text())["cells"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SubmissionError(f"{path.name} is not a readable notebook: {type(exc).__name__}: {exc}") from exc
    sources = []
    for cell in cells:
        meta = cell.get("metadata", {})
        grader = meta.get("nbgrader", {})
        if cell.get("cell_type") != "code" or {"tests", "demo"} & set(meta.get("tags", [])):
            continue
        if grader.get("grade") and not grader.get("solution"):
            continue
        source = "".join(cell.get("source", []))
        sources.append("\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))))
    return sources


def load_notebook(package: str, path: Path) -> types.ModuleType:
    module = types.ModuleType(package)
    module.__file__ = str(path)
    sys.modules[package] = module
    for number, source in enumerate(notebook_code(path), start=1):
        try:
            exec(compile(source, f"{path.name}[cell {number}]", "exec"), module.__dict__)
        except Exception as exc:
            raise SubmissionError(f"{path.name}, code cell {number} failed: {type(exc).__name__}: {exc}") from exc
    return module
