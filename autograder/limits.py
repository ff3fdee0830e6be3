"""Hard limits on a submission's processes, enforced from outside them.

Per process (rlimits, set in the child before it runs anything): address space, file size, CPU seconds,
no core dumps, and death with the grader (PR_SET_PDEATHSIG). For the whole process tree, a control group
when the grader may create one (it runs as root on the course machines): a process count (pids), memory
and one CPU's worth of time. Where no control group can be made, the process count falls back to
RLIMIT_NPROC, which binds only non-root users; `describe()` says which limits hold, for the report.
"""
from __future__ import annotations

import ctypes
import functools
import os
import resource
import signal
import time
import uuid
from pathlib import Path

MEMORY_LIMIT = 2 * 1024**3   # bytes: address space per process, and memory of the whole tree
FILE_LIMIT = 16 * 1024**2    # bytes any one file it writes may reach
PROCESS_LIMIT = 64           # processes and threads of one submission at once
CPU_SECONDS = 600            # CPU time per process
CGROUP_ROOT = Path(os.environ.get("COURSE_CGROUP_ROOT", "/sys/fs/cgroup"))
GROUP_PREFIX = "course-grader"
PR_SET_PDEATHSIG = 1


class ControlGroup:
    """A fresh cgroup (v2, or v1's pids, memory and cpu hierarchies) for one worker's process tree."""

    def __init__(self, folders: dict[str, Path]):
        self.folders = folders  # controller -> the group's folder in that hierarchy

    @classmethod
    def create(cls) -> ControlGroup | None:
        name = f"{GROUP_PREFIX}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        sweep_stale_groups()
        try:
            if (CGROUP_ROOT / "cgroup.controllers").exists():
                return cls._create_v2(name)
            return cls._create_v1(name)
        except OSError:
            return None

    @classmethod
    def _create_v2(cls, name: str) -> ControlGroup | None:
        if not {"pids", "memory"} <= set((CGROUP_ROOT / "cgroup.subtree_control").read_text().split()):
            return None
        folder = CGROUP_ROOT / name
        folder.mkdir()
        (folder / "pids.max").write_text(str(PROCESS_LIMIT))
        (folder / "memory.max").write_text(str(MEMORY_LIMIT))
        (folder / "memory.swap.max").write_text("0") if (folder / "memory.swap.max").exists() else None
        if (folder / "cpu.max").exists():
            (folder / "cpu.max").write_text("100000 100000")
        return cls({"unified": folder})

    @classmethod
    def _create_v1(cls, name: str) -> ControlGroup | None:
        if not (CGROUP_ROOT / "pids" / "cgroup.procs").exists():
            return None
        folders = {}
        try:
            for controller in ("pids", "memory", "cpu"):
                if (CGROUP_ROOT / controller / "cgroup.procs").exists():
                    folders[controller] = CGROUP_ROOT / controller / name
                    folders[controller].mkdir()
            group = cls(folders)
            (folders["pids"] / "pids.max").write_text(str(PROCESS_LIMIT))
            if "memory" in folders:
                (folders["memory"] / "memory.limit_in_bytes").write_text(str(MEMORY_LIMIT))
            if "cpu" in folders:
                (folders["cpu"] / "cpu.cfs_period_us").write_text("100000")
                (folders["cpu"] / "cpu.cfs_quota_us").write_text("100000")
        except OSError:
            cls(folders).remove()
            return None
        return group

    def join(self) -> None:
        """Move the calling process (the child, before exec) into the group."""
        pid = str(os.getpid())
        for folder in self.folders.values():
            (folder / "cgroup.procs").write_text(pid)

    def pids(self) -> set[int]:
        found: set[int] = set()
        for folder in self.folders.values():
            try:
                found |= {int(p) for p in (folder / "cgroup.procs").read_text().split()}
            except OSError:
                pass
        return found

    def signal_all(self) -> set[int]:
        """SIGKILL every process in the group now, including any that left the worker's session."""
        pids = self.pids()
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        return pids

    def kill_all(self) -> None:
        """SIGKILL every process in the group until none is left."""
        for _ in range(250):
            if not self.signal_all():
                return
            time.sleep(0.02)

    def remove(self) -> None:
        self.kill_all()
        for folder in self.folders.values():
            for _ in range(50):
                try:
                    folder.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:  # busy until the last process has been reaped
                    time.sleep(0.02)

    def describe(self) -> str:
        parts = [f"{PROCESS_LIMIT} processes", f"{MEMORY_LIMIT // 1024**3} GiB memory in all"]
        if "cpu" in self.folders or "unified" in self.folders:
            parts.append("1 CPU")
        return ", ".join(parts) + " (control group)"


def sweep_stale_groups() -> None:
    """Remove groups left by a grader that was killed (a session stopped at its time limit): their creator's
    pid is in their name. Only empty groups can be removed; anything still running is left alone."""
    for hierarchy in (CGROUP_ROOT, *(CGROUP_ROOT / c for c in ("pids", "memory", "cpu"))):
        try:
            names = [n for n in os.listdir(hierarchy) if n.startswith(GROUP_PREFIX + "-")]
        except OSError:
            continue
        for name in names:
            creator = name.split("-")[2]
            if creator.isdigit() and not Path(f"/proc/{creator}").exists():
                try:
                    (hierarchy / name).rmdir()
                except OSError:
                    pass


def child_setup(group: ControlGroup | None):
    """The function the child runs after fork, before exec: limits first, then its own session."""
    libc = ctypes.CDLL(None, use_errno=True)

    def setup() -> None:
        if group is not None:
            group.join()
        elif os.geteuid() != 0:
            resource.setrlimit(resource.RLIMIT_NPROC, (PROCESS_LIMIT, PROCESS_LIMIT))
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_LIMIT, FILE_LIMIT))
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        os.setsid()

    return setup


@functools.cache
def expected() -> str:
    """What `describe` will say for a worker started here (a control group is made and removed to find out)."""
    group = ControlGroup.create()
    try:
        return describe(group)
    finally:
        if group is not None:
            group.remove()


def describe(group: ControlGroup | None) -> str:
    per_process = f"per process {MEMORY_LIMIT // 1024**3} GiB address space, {CPU_SECONDS} s CPU, " \
                  f"{FILE_LIMIT // 1024**2} MiB per file"
    if group is not None:
        return f"{group.describe()}; {per_process}"
    if os.geteuid() != 0:
        return f"{PROCESS_LIMIT} processes (rlimit); {per_process}"
    return f"no process-count limit (no control group could be made); {per_process}"
