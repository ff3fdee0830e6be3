"""File tools confined to one folder. Every path is resolved (symlinks followed, `..` applied) before it is used,
and the resolved path must lie inside the workspace."""
from __future__ import annotations

from pathlib import Path


class Refused(Exception):
    """A tool call refused for safety; the message says why (it goes back to the model as the tool's error)."""


class PathEscape(Refused):
    """A path that would leave the workspace."""


class Workspace:
    def __init__(self, root: str | Path):
        self.root = Path(root).resolve(strict=True)

    ### BEGIN STARTER
    # def resolve(self, path: str) -> Path:
    #     """The absolute path `path` names inside the workspace, or PathEscape saying why not."""
    #     # TODO step 1: refuse absolute paths; join to the root and resolve() (which applies `..` and follows
    #     # symlinks, even one whose target does not exist yet); refuse unless the result is the root or inside it
    #     # (Path.is_relative_to, not a string prefix: /work/ws-evil starts with /work/ws)
    #     raise NotImplementedError("step 1: Workspace.resolve")
    ### END STARTER
    ### BEGIN SOLUTION
    def resolve(self, path: str) -> Path:
        """The absolute path `path` names inside the workspace, or PathEscape saying why not."""
        if not isinstance(path, str) or not path or "\x00" in path:
            raise PathEscape(f"not a usable path: {path!r}")
        if Path(path).is_absolute():
            raise PathEscape(f"{path!r} is absolute; give a path relative to the workspace")
        resolved = (self.root / path).resolve()
        if not resolved.is_relative_to(self.root):
            raise PathEscape(f"{path!r} leads outside the workspace (to {resolved})")
        return resolved
    ### END SOLUTION

    def read_text(self, path: str, max_chars: int = 100_000) -> str:
        return self.resolve(path).read_text(errors="replace")[:max_chars]

    def write_text(self, path: str, text: str) -> str:
        target = self.resolve(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        # the folders just made could hold a symlink raced in meanwhile: check the final path again
        target = self.resolve(path)
        target.write_text(text)
        return f"wrote {len(text)} characters to {target.relative_to(self.root)}"

    def list_dir(self, path: str = ".") -> list[str]:
        folder = self.resolve(path)
        return sorted(p.name + ("/" if p.is_dir() else "") for p in folder.iterdir())
