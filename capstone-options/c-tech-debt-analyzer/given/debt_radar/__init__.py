"""debt_radar: measure a Python codebase's technical debt, rank the findings, have a model explain the top ones
with checked citations, and write a Markdown report (`python -m debt_radar report SRC OUT.md`)."""
from debt_radar.dependencies import outdated, read_requirements
from debt_radar.duplication import duplicate_groups, shape
from debt_radar.explain import explain
from debt_radar.index import CodeIndex
from debt_radar.measures import complexity, measure_functions, todo_markers
from debt_radar.models import Advice, Explained, Finding, FunctionMeasure, Marker, Span
from debt_radar.report import build_report, read_sources, render
from debt_radar.scoring import call_sites, fan_in, priority, rank, scan
from debt_radar.settings import Settings, load_snapshot

__all__ = ["Advice", "CodeIndex", "Explained", "Finding", "FunctionMeasure", "Marker", "Settings", "Span",
           "build_report", "call_sites", "complexity", "duplicate_groups", "explain", "fan_in", "load_snapshot",
           "measure_functions", "outdated", "priority", "rank", "read_requirements", "read_sources", "render",
           "scan", "shape", "todo_markers"]
