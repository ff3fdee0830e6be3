"""Code-focused prompting with checked output: generated tests that are run, review findings anchored to the
diff, bug fixes that must make a failing test pass."""
from code_prompting.checking import (anchored_findings, debug, extract_code, generate_tests, judge_tests,
                                     new_side_lines, parse_findings, review, run_tests)
from code_prompting.subject import BUGGY_SOURCE, DIFF, MODULE, SOURCE

__all__ = ["anchored_findings", "debug", "extract_code", "generate_tests", "judge_tests", "new_side_lines",
           "parse_findings", "review", "run_tests", "BUGGY_SOURCE", "DIFF", "MODULE", "SOURCE"]
