"""The HTTP API: POST /analyze. (No `from __future__ import annotations`: FastAPI reads the request model from the
annotations, and in a notebook they must not be strings.)"""
from fastapi import FastAPI
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from analyzer.analyze import analyze
from analyzer.errors import AnalysisFailed, InputTooLarge, ModelUnavailable
from analyzer.settings import Settings


class AnalyzeRequest(BaseModel):
    code: str


def error(status: int, detail: str) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status)


def create_app(settings: Settings, llm) -> FastAPI:
    """POST /analyze {"code": str} -> 200 the Analysis; 422 a body that is not that (or blank code); 413 code over
    the token cap; 502 no valid analysis; 503 the model failed. GET /health -> 200. Errors: {"detail": ...}."""
    ### BEGIN SOLUTION
    app = FastAPI(title="Code analyzer")

    @app.get("/health")
    def health():
        return {"status": "ok"}

    @app.post("/analyze")
    def analyze_code(body: AnalyzeRequest):  # a plain def: FastAPI runs it in a thread, the loop stays free
        if not body.code.strip():
            return error(422, "code is empty")
        try:
            analysis = analyze(llm, body.code, settings)
        except InputTooLarge as exc:
            return error(413, str(exc))
        except AnalysisFailed as exc:
            return error(502, f"the model gave no valid analysis: {exc}")
        except ModelUnavailable as exc:
            return error(503, f"the model is unavailable: {exc}")
        return analysis.model_dump()

    return app
    ### END SOLUTION
