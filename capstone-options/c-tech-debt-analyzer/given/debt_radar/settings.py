"""The analyzer's thresholds and limits (from the environment: DEBT_RADAR_<NAME>), and the shipped snapshot."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, fields
from pathlib import Path

from agentkit.given import data_file


@dataclass(frozen=True)
class Settings:
    max_complexity: int = 10        # a function above this is a `complexity` finding
    max_function_lines: int = 50    # ... above this, a `long-function` finding
    max_params: int = 5             # ... above this, a `long-parameter-list` finding
    min_duplicate_lines: int = 5    # functions shorter than this are never duplicates
    explain_top: int = 3            # how many of the ranked findings the model explains
    related_chunks: int = 2         # other chunks retrieved (BM25) and sent with each finding
    max_reply_tokens: int = 600     # every model call caps its reply at this
    max_cost_usd: float = 0.05      # no model call starts once the run has spent this much
    max_file_bytes: int = 400_000   # a larger file is skipped, not read

    @classmethod
    def from_env(cls, environ=os.environ) -> Settings:
        given = {}
        for item in fields(cls):
            raw = environ.get(f"DEBT_RADAR_{item.name.upper()}")
            if raw is not None:
                given[item.name] = float(raw) if item.type in ("float", float) else int(raw)
        return cls(**given)


def load_snapshot(path: str | Path | None = None) -> dict:
    """The dated snapshot of the latest versions: {"taken": "YYYY-MM-DD", "source": ..., "latest": {name: version}}."""
    path = Path(path) if path else data_file("debt_radar", "latest_versions.json")
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data.get("latest"), dict) or not data.get("taken"):
        raise ValueError(f"{path}: a snapshot needs a 'taken' date and a 'latest' table")
    return data
