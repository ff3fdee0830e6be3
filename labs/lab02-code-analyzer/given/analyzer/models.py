"""What an analysis is. Every reply the model gives is validated against these before anything uses it."""
from typing import Literal

from pydantic import BaseModel, Field

Severity = Literal["low", "medium", "high", "critical"]
Category = Literal["general", "security", "performance"]


class Issue(BaseModel):
    severity: Severity
    category: Category
    line: int                          # 1-based line of the analysed source; checked against it by `ground`
    snippet: str                       # the exact code on that line the issue is about
    explanation: str = Field(min_length=1)
    fix: str = Field(min_length=1)


class Analysis(BaseModel):
    issues: list[Issue]
    summary: str = Field(min_length=1)
    score: int = Field(ge=0, le=100)   # 100: nothing to fix
