"""A legacy code documenter: analyse a Python codebase with `ast`, have a model document each module under a
budget, check the docs against the code, and write Markdown and a Mermaid architecture diagram."""
from doc_agent.analysis import analyze
from doc_agent.checking import verify
from doc_agent.cli import main
from doc_agent.diagram import mermaid
from doc_agent.documenter import document, module_prompt
from doc_agent.errors import DocAgentError, InputError
from doc_agent.models import Analysis, ClassInfo, DocRun, FunctionInfo, ModuleDoc, ModuleInfo, Problem, SymbolDoc
from doc_agent.settings import Settings
from doc_agent.writer import write_docs

__all__ = ["analyze", "verify", "main", "mermaid", "document", "module_prompt", "write_docs", "Settings",
           "Analysis", "ClassInfo", "DocRun", "FunctionInfo", "ModuleDoc", "ModuleInfo", "Problem", "SymbolDoc",
           "DocAgentError", "InputError"]
