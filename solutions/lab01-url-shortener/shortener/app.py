"""The HTTP API: create, follow, stats, and alias suggestions. (No `from __future__ import annotations`: FastAPI
reads the request models from the annotations, and in a notebook they must not be strings.)"""
from collections.abc import Callable
from typing import Optional

from fastapi import FastAPI
from fastapi.responses import JSONResponse, RedirectResponse
from pydantic import BaseModel

from shortener import rules, suggest
from shortener.settings import Settings
from shortener.store import AliasTaken, LinkStore, random_alias


class NewLink(BaseModel):
    url: str
    alias: Optional[str] = None


class SuggestRequest(BaseModel):
    url: str


def error(status: int, detail: str) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status)


def create_app(settings: Settings, llm, *, new_alias: Callable[[], str] = random_alias) -> FastAPI:
    """The shortener on `settings.database`; `llm` (an agentkit.Client) answers /suggest-alias; `new_alias()` gives
    a candidate alias whenever a link is created without one."""
    ### BEGIN SOLUTION
    store = LinkStore(settings.database)
    app = FastAPI(title="URL shortener")

    def shown(link: dict) -> dict:
        return {**link, "short_url": f"https://{settings.public_host}/{link['alias']}"}

    @app.post("/links")
    def create_link(body: NewLink):
        problem = rules.url_problem(body.url, settings)
        if problem:
            return error(422, problem)
        if body.alias is not None and not rules.is_valid_alias(body.alias):
            return error(422, "alias must be 3-32 lowercase letters, digits and single inner hyphens, "
                              "and not a name the service uses")
        try:
            if body.alias is None:
                link = store.add_generated(body.url, new_alias)
            else:
                link = store.add(body.alias, body.url)
        except AliasTaken:
            if body.alias is None:
                return error(503, "no free alias was found; try again")
            return error(409, f"alias {body.alias!r} is taken")
        return JSONResponse(shown(link), status_code=201)

    @app.get("/links/{alias}/stats")
    def stats(alias: str):
        link = store.get(alias)
        return shown(link) if link else error(404, f"no link {alias!r}")

    @app.post("/suggest-alias")
    async def suggest_alias(body: SuggestRequest):
        problem = rules.url_problem(body.url, settings)
        if problem:
            return error(422, problem)
        return await suggest.suggest(llm, body.url, store, settings)

    @app.get("/{alias}")
    def follow(alias: str):
        url = store.follow(alias)
        return RedirectResponse(url, status_code=307) if url else error(404, f"no link {alias!r}")

    return app
    ### END SOLUTION
