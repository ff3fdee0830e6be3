"""The agent's tools on the workspace. Every path the model names goes through `resolve` first: the model's reply
is input, and "../../etc/passwd" or a symlink to outside is a path it can name."""
import ast
import os
from pathlib import Path, PurePosixPath

from migrator.errors import OutsideWorkspace


def resolve(workspace: str | Path, path: str) -> Path:
    """The absolute path of `path` inside `workspace`. OutsideWorkspace if `path` is absolute, has a `..` part,
    or resolves (symlinks followed) to a place that is not inside the resolved workspace."""
    ### BEGIN SOLUTION
    root = Path(workspace).resolve()
    relative = PurePosixPath(path)
    if not path.strip() or relative.is_absolute() or Path(path).is_absolute() or ".." in relative.parts:
        raise OutsideWorkspace(f"{path!r} is not a path inside the workspace")
    target = (root / relative).resolve()
    if target != root and root not in target.parents:
        raise OutsideWorkspace(f"{path!r} leads outside the workspace (to {target})")
    return target
    ### END SOLUTION


def read_file(workspace: str | Path, path: str) -> str:
    return resolve(workspace, path).read_text()


def write_file(workspace: str | Path, path: str, text: str) -> None:
    resolve(workspace, path).write_text(text)


def uses_unittest(source: str) -> bool:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "unittest" for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "unittest":
            return True
    return False


def find_targets(workspace: str | Path) -> dict[str, str]:
    """The analysis: every Python file of the workspace that uses unittest, by relative path, with its source.
    Symlinks are not followed, and hidden and cache folders are skipped."""
    root = Path(workspace).resolve()
    found = {}
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith((".", "__")))
        for name in sorted(files):
            path = Path(folder) / name
            if name.endswith(".py") and not path.is_symlink():
                source = path.read_text()
                if uses_unittest(source):
                    found[path.relative_to(root).as_posix()] = source
    return found
