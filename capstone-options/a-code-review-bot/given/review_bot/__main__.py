"""Command line: run the bot, run the fake code host, or send it a signed sample delivery.

    python -m review_bot serve [--port 8000]        # the bot (settings from REVIEW_BOT_* variables)
    python -m review_bot fake-host [--port 8001]    # the fake code host with one sample pull request
    python -m review_bot deliver [--url URL]        # a signed pull_request "opened" delivery for acme/shop#42
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import uuid

import httpx
import uvicorn


def serve(port: int) -> None:
    import agentkit

    from review_bot import BackgroundJobs, BotSettings, CodeHost, create_app

    settings = BotSettings()
    llm = agentkit.Client(settings.provider, settings.model)
    host = CodeHost(settings.host_url, settings.host_token.get_secret_value())
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    uvicorn.run(create_app(settings, llm=llm, host=host, jobs=BackgroundJobs()), host="0.0.0.0", port=port)


def fake_host(port: int) -> None:
    from review_bot.fake_host import SAMPLE_PULLS, create_fake_host

    token = os.environ.get("REVIEW_BOT_HOST_TOKEN", "local-fake-token")
    uvicorn.run(create_fake_host(SAMPLE_PULLS, token), host="127.0.0.1", port=port)


def deliver(url: str) -> None:
    from review_bot import BotSettings, signature_for

    secret = BotSettings().webhook_secret.get_secret_value()
    payload = {"action": "opened", "number": 42, "repository": {"full_name": "acme/shop"},
               "pull_request": {"number": 42, "title": "Look orders up by id", "head": {"sha": "9f2c4e1d"}}}
    body = json.dumps(payload).encode()
    headers = {"Content-Type": "application/json", "X-GitHub-Event": "pull_request",
               "X-GitHub-Delivery": str(uuid.uuid4()), "X-Hub-Signature-256": signature_for(secret, body)}
    answer = httpx.post(url, content=body, headers=headers, timeout=30)
    print(answer.status_code, answer.text)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m review_bot")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("serve").add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
    commands.add_parser("fake-host").add_argument("--port", type=int, default=8001)
    commands.add_parser("deliver").add_argument("--url", default="http://127.0.0.1:8000/webhooks/github")
    args = parser.parse_args()
    if args.command == "fake-host":
        fake_host(args.port)
    elif args.command == "deliver":
        deliver(args.url)
    else:
        serve(getattr(args, "port", int(os.environ.get("PORT", 8000))))


if __name__ == "__main__":
    main()
