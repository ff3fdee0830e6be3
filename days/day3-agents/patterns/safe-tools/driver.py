"""What the graders call: attack the student's `safe_tools` package and hand back plain JSON data only.

Each job builds a fresh sandbox folder: `ws/` is the workspace; beside it lie `secret.txt` and `ws-evil/` (whose
name starts with the workspace's); inside `ws/` are symlinks pointing out (`out/` to the parent folder,
`secret_link` to the secret, `planted` to a file that does not exist yet) and one pointing in (`todo_link`).
An outcome is {"ok": value} or {"refused": error type name, "message": ...} for the package's `Refused` errors,
or {"raised": type name, "message": ...} for anything else. `outside` is every file outside `ws/` afterwards.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

SECRET = "db-password=hunter2"


def build() -> tuple[Path, Path]:
    base = Path(tempfile.mkdtemp(prefix="safe-tools-")).resolve()
    ws = base / "ws"
    (ws / "notes").mkdir(parents=True)
    (ws / "notes" / "todo.md").write_text("- ship the release\n")
    (base / "secret.txt").write_text(SECRET)
    (base / "ws-evil").mkdir()
    (base / "ws-evil" / "secret.txt").write_text(SECRET)
    os.symlink(base, ws / "out")
    os.symlink(base / "secret.txt", ws / "secret_link")
    os.symlink(base / "planted.txt", ws / "planted")
    os.symlink(ws / "notes" / "todo.md", ws / "todo_link")
    fake = ws / "echo"  # a program planted in the workspace under an allowed name
    fake.write_text("#!/bin/sh\ntouch pwned\n")
    fake.chmod(0o755)
    return base, ws


def outcome(call, submission) -> dict:
    try:
        value = call()
    except Exception as exc:  # noqa: BLE001 - which error, and its message, is the behaviour under test
        key = "refused" if isinstance(exc, submission.Refused) else "raised"
        return {key: type(exc).__name__, "message": str(exc)[:300]}
    return {"ok": value if isinstance(value, (str, int, list, type(None))) else repr(value)}


def outside(base: Path, ws: Path) -> dict:
    found = {}
    for path in base.rglob("*"):
        if path.is_file() and not path.is_symlink() and not path.is_relative_to(ws):
            found[str(path.relative_to(base))] = path.read_text(errors="replace")
    return found


def paths(submission, ops: list) -> dict:
    """ops: ["read", PATH] | ["write", PATH, TEXT] | ["list", PATH] | ["read_absolute", NAME] (the absolute path
    of NAME inside the sandbox folder, e.g. "secret.txt")."""
    base, ws = build()
    try:
        workspace = submission.Workspace(ws)
        results = []
        for op in ops:
            kind, args = op[0], op[1:]
            if kind == "read":
                results.append(outcome(lambda: workspace.read_text(args[0]), submission))
            elif kind == "read_absolute":
                results.append(outcome(lambda: workspace.read_text(str(base / args[0])), submission))
            elif kind == "write":
                results.append(outcome(lambda: workspace.write_text(args[0], args[1]), submission))
            elif kind == "list":
                results.append(outcome(lambda: workspace.list_dir(args[0]), submission))
            else:
                raise ValueError(kind)
        inside = {str(p.relative_to(ws)): p.read_text() for p in ws.rglob("*") if p.is_file() and not p.is_symlink()
                  and not p.is_relative_to(ws / "out")}
        return {"results": results, "outside": outside(base, ws), "inside": inside}
    finally:
        shutil.rmtree(base, ignore_errors=True)


def commands(submission, argvs: list, allowed: list, timeout: float = 1.0) -> dict:
    base, ws = build()
    try:
        runner = submission.CommandRunner(ws, allowed, timeout=timeout)
        results = []
        for argv in argvs:
            start = time.monotonic()

            def call(argv=argv):
                done = runner.run(argv)
                return [int(done.returncode), str(done.stdout), str(done.stderr)]

            results.append({**outcome(call, submission), "seconds": round(time.monotonic() - start, 2)})
        return {"results": results, "workspace": str(ws), "pwned": (ws / "pwned").exists() or (base / "pwned").exists()}
    finally:
        shutil.rmtree(base, ignore_errors=True)


def approvals(submission, policy: str, path: str = "notes/todo.md") -> dict:
    """A `delete_file` tool behind `needs_approval`, with an approver that answers by `policy`:
    allow (True), deny (False), none (None), yes (the string "yes": truthy, but not True) or crash (raises)."""
    base, ws = build()
    deleted, asked = [], []

    def delete_file(path: str) -> str:
        deleted.append(path)
        (ws / path).unlink()
        return f"deleted {path}"

    def approve(name, arguments):
        asked.append([name, dict(arguments)])
        if policy == "crash":
            raise RuntimeError("the approval service is down")
        return {"allow": True, "deny": False, "none": None, "yes": "yes"}[policy]

    try:
        guarded = submission.needs_approval(delete_file, approve)
        result = outcome(lambda: guarded(path=path), submission)
        return {"result": result, "asked": asked, "deleted": deleted,
                "still_there": (ws / "notes" / "todo.md").exists()}
    finally:
        shutil.rmtree(base, ignore_errors=True)
