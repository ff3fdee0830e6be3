"""A code analyzer: a model's review of source code as validated findings, repaired, retried, grounded and served."""
from analyzer.analyze import analyze
from analyzer.app import create_app
from analyzer.errors import AnalysisFailed, AnalyzerError, InputTooLarge, ModelUnavailable
from analyzer.grounding import ground
from analyzer.models import Analysis, Issue
from analyzer.prompts import SYSTEM, user_message
from analyzer.repair import extract_json
from analyzer.settings import Settings
from analyzer.tokens import count_tokens

__all__ = ["analyze", "create_app", "Analysis", "Issue", "Settings", "extract_json", "ground", "count_tokens",
           "user_message", "SYSTEM", "AnalyzerError", "InputTooLarge", "AnalysisFailed", "ModelUnavailable"]
